/**
 * Zod schemas for the scenario file (DESIGN §12). Each user and venue action has its own
 * schema so that parse.ts can name the exact step and action when one is wrong.
 */
import Decimal from 'decimal.js';
import { z } from 'zod';
import { ORDER_TYPES, SIDES } from '../../../shared/domain';
import { parseOffset } from './offset';
import { API_OUTAGE_MODES, SCENARIO_VENUE_STATUSES } from './types';

const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'expected a decimal string such as "95000.5"');
const signedDecimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string such as "-0.0001"');
const positiveDecimal = decimal.refine((s) => new Decimal(s).gt(0), 'must be greater than 0');
const offset = z.string().refine((s) => parseOffset(s) !== null, 'expected an "HH:MM:SS" offset');
const seconds = z.number().int().positive();
const name = z.string().min(1);
const market = z.string().min(1);

const marketSchema = z.strictObject({
  symbol: market,
  tickSize: positiveDecimal,
  stepSize: positiveDecimal,
  initialMargin: positiveDecimal,
  maintenanceMargin: positiveDecimal,
  makerFee: signedDecimal,
  takerFee: signedDecimal,
  liquidationFee: decimal.default('0.005'),
});

const rawStep = z.strictObject({ at: offset, user: z.unknown().optional(), venue: z.unknown().optional() });

/** Unknown top-level keys are tolerated so that tools may annotate scenarios; nested objects are strict. */
export const scenarioFileSchema = z.object({
  scenario: z.literal(1),
  name,
  description: z.string().optional(),
  start: z.iso.datetime({ offset: true }),
  venue: z.strictObject({ dialect: z.literal('paradex'), markets: z.array(marketSchema).min(1) }),
  reference: z.record(z.string(), z.array(z.tuple([offset, positiveDecimal])).min(1)),
  account: z.strictObject({ collateral: decimal }),
  steps: z.array(rawStep),
  until: offset,
});

export type ScenarioFile = z.infer<typeof scenarioFileSchema>;
export type RawStep = z.infer<typeof rawStep>;

export const userActionSchemas = {
  place: z.strictObject({
    clientId: name,
    market,
    side: z.enum(SIDES),
    type: z.enum(ORDER_TYPES),
    size: positiveDecimal,
    price: positiveDecimal.optional(),
    triggerPrice: positiveDecimal.optional(),
    postOnly: z.boolean().default(false),
    reduceOnly: z.boolean().default(false),
  }),
  cancel: z.strictObject({ clientId: name }),
  cancelAll: z.strictObject({ market: market.optional() }),
  restoreCancelled: z.strictObject({}),
  reconcile: z.strictObject({}),
  restart: z.strictObject({ downSeconds: seconds }),
};

export const venueActionSchemas = {
  status: z.enum(SCENARIO_VENUE_STATUSES),
  snapshot: name,
  rollback: name,
  // Any decimal ≥ 0: a venue has shown $0 (Paradex, Jan 2026).
  markOverride: z.strictObject({ market, price: decimal }),
  markRelease: z.strictObject({ market }),
  oracleFreeze: z.strictObject({ market }),
  oracleRelease: z.strictObject({ market }),
  cancelOpenOrders: z.strictObject({ except: z.array(z.enum(ORDER_TYPES)).default([]), reason: name, market: market.optional() }),
  bustFill: z.strictObject({ clientId: name }),
  apiOutage: z.strictObject({ mode: z.enum(API_OUTAGE_MODES), seconds }),
  disconnect: z.strictObject({ seconds }),
  halt: z.strictObject({ seconds }),
  settle: z.strictObject({ market, price: positiveDecimal }),
  liquidityDrain: z.strictObject({ market, seconds }),
};
