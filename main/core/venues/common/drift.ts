/**
 * Schema drift: a message that lacks a field its reader knows, or carries one it does not. Venues
 * change their messages without notice; a reader reads what it needs, and what changed is
 * reported once per message type, field and source as a notice rather than as an error.
 */
import { z } from 'zod';
import type { MessageSource, VenueEvent } from '../port';
import { describeIssues } from './parsed';

export interface FieldDrift {
  /** The message type, e.g. `hyperliquid fill`. */
  message: string;
  field: string;
  change: 'missing' | 'new';
}

export interface MessageSpec<S extends z.ZodObject> {
  message: string;
  schema: S;
  /** Known fields the venue leaves out of some messages of this type (e.g. only on liquidations, only when set). */
  sometimes?: readonly string[];
  /** Fields the venue documents that the reader does not need: known, never reported missing. */
  documented?: readonly string[];
}

export type MessageReading<T> = { ok: true; data: T; drift: FieldDrift[] } | { ok: false; problem: string; drift: FieldDrift[] };

/** Reads `input` with the spec's schema and names every field that differs from the schema's. */
export function readMessage<S extends z.ZodObject>(spec: MessageSpec<S>, input: unknown): MessageReading<z.output<S>> {
  const drift = driftOf(spec, input);
  const parsed = spec.schema.safeParse(input);
  if (!parsed.success) return { ok: false, problem: `${spec.message}: ${describeIssues(parsed.error)}`, drift };
  return { ok: true, data: parsed.data, drift };
}

function driftOf(spec: MessageSpec<z.ZodObject>, input: unknown): FieldDrift[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return [];
  const read = Object.keys(spec.schema.shape);
  const known = new Set([...read, ...(spec.documented ?? [])]);
  const sometimes = new Set(spec.sometimes ?? []);
  const missing = read.filter((field) => !(field in input) && !sometimes.has(field));
  const added = Object.keys(input).filter((field) => !known.has(field));
  return [
    ...missing.map((field) => ({ message: spec.message, field, change: 'missing' as const })),
    ...added.map((field) => ({ message: spec.message, field, change: 'new' as const })),
  ];
}

/** Remembers what was reported, so each drift is a notice once per source, not once per message. */
export class DriftNotices {
  private readonly seen = new Set<string>();

  events(drift: readonly FieldDrift[] | undefined, source: MessageSource, at: number, raw: string): VenueEvent[] {
    const events: VenueEvent[] = [];
    for (const d of drift ?? []) {
      const key = `${source}\u0000${d.message}\u0000${d.field}\u0000${d.change}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      events.push({ kind: 'schema_drift', source, ...d, at, venueAt: null, raw });
    }
    return events;
  }
}
