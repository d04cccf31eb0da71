/**
 * Decimal strings as every venue writes them. Values are kept verbatim (never turned into
 * floats); only their form is checked.
 */
import { z } from 'zod';

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export const decimal = z.string().regex(DECIMAL, 'expected a decimal string');

/** Absent, null and "" all mean "none" (a market order carries no price, an old message no field). */
export const optionalDecimal = z
  .union([decimal, z.literal(''), z.null()])
  .optional()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v));

/** Free text where absent, null and "" all mean "none". */
export const optionalText = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v));
