/**
 * Timestamps as the venues write them: epoch milliseconds as numbers, as digit strings on some
 * endpoints (and in recorded responses), ISO-8601 text on the dYdX indexer.
 */
import { z } from 'zod';

export const millis = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

export const optionalMillis = z
  .union([millis, z.null()])
  .optional()
  .transform((v) => (v === undefined || v === null ? null : v));

export const isoTime = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO time')
  .transform((s) => Date.parse(s));

export const optionalIsoTime = z.union([isoTime, z.null()]).optional().transform((v) => v ?? null);

/** Venue ids written as numbers or digit strings, kept as text. */
export const numericId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);
