/**
 * An identity for a venue record that arrived without one: the same fields always give the same
 * id, so a record read twice (stream and REST, before and after a reconnect) is recognised as one.
 * The record keeps the recipe beside the id (e.g. `fillIdDerived: 'hash(hash,oid,time,px,sz)'`).
 */
import { createHash } from 'node:crypto';

export function derivedId(recipe: string, parts: ReadonlyArray<string | number | null | undefined>): { id: string; recipe: string } {
  const text = parts.map((p) => (p === null || p === undefined ? '' : String(p))).join('|');
  return { id: `derived:${createHash('sha256').update(text).digest('hex').slice(0, 32)}`, recipe };
}
