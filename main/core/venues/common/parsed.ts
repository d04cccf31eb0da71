/**
 * What every dialect's readers answer, and the JSON and error wording they share.
 */
import type { z } from 'zod';
import type { FieldDrift } from './drift';

/** A value read from one venue message, or what was wrong with it; `drift` names fields that differ from what the reader knows. */
export type Parsed<T> =
  | { ok: true; value: T; venueAt: number | null; drift?: FieldDrift[] }
  | { ok: false; problem: string; drift?: FieldDrift[] };

/** JSON.parse that answers instead of throwing. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: `not JSON: ${(error as Error).message}` };
  }
}

/** Short, stable wording for the journal: where it failed and why. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
