/**
 * `blackbox fuzz`: model-based fuzzing of the whole core. fast-check draws scenarios
 * (generate.ts), each is replayed on virtual time (run-replay) and judged by the oracle against
 * the simulator's ground truth. A failing scenario is shrunk to a smaller one that still fails;
 * shrinking stops after `shrinkBudget` further replays so that a run stays bounded.
 */
import fc from 'fast-check';
import { parseScenario } from '../scenario/parse';
import { fuzzDraw, scenarioOf } from './generate';
import { observeReplay } from './observe';
import { checkObservation, type Violation } from './oracle';

export interface FuzzOptions {
  cases: number;
  seed: number;
  /** Replays allowed for shrinking once a failure is found. */
  shrinkBudget?: number;
  /** Told after each replay: its number, and the violations it showed. */
  onCase?: (index: number, violations: Violation[]) => void;
}

export interface FuzzResult {
  /** Scenarios judged up to and including the first failure (or all of them); discarded ones not counted. */
  cases: number;
  seed: number;
  /** The shrunk scenario's violations; empty when every case held. */
  violations: Violation[];
  /** The shrunk failing scenario file, when one failed. */
  scenario?: Record<string, unknown>;
}

const DEFAULT_SHRINK_BUDGET = 40;
/** A bust drawn for an order that never filled cannot apply: the case is discarded. */
const UNAPPLIABLE = /^bustFill: no fill for client id/;

/**
 * A replay of a few virtual minutes takes seconds; one still running after this (wall time) has
 * hung, which is a finding of its own. Its session cannot be stopped from outside, so the run ends.
 */
const REPLAY_HANG_MS = 180_000;
export const HUNG = 'the replay did not finish';

/** Replays one scenario file and returns what the oracle says, or null when it cannot apply. */
export async function judgeScenario(file: Record<string, unknown>, hangMs = REPLAY_HANG_MS): Promise<Violation[] | null> {
  const parsed = parseScenario(file);
  if (!parsed.ok) return [{ rule: 'REPLAY_COMPLETES', message: `the generator drew an invalid scenario: ${parsed.error.message}` }];
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${HUNG} within ${hangMs / 1000} s`)), hangMs);
  });
  try {
    return checkObservation(await Promise.race([observeReplay(parsed.value), hung]));
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (UNAPPLIABLE.test(message)) return null;
    return [{ rule: 'REPLAY_COMPLETES', message: message.startsWith(HUNG) ? message : `the replay failed: ${message}` }];
  } finally {
    clearTimeout(timer);
  }
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const budget = options.shrinkBudget ?? DEFAULT_SHRINK_BUDGET;
  let replays = 0;
  let failedAt: number | null = null;
  let failure: { file: Record<string, unknown>; violations: Violation[] } | null = null;
  const property = fc.asyncProperty(fuzzDraw, async (draw) => {
    if (failedAt !== null && replays - failedAt >= budget) return true;
    const file = scenarioOf(draw, `fuzz-${options.seed}`);
    const violations = await judgeScenario(file);
    replays++;
    options.onCase?.(replays, violations ?? []);
    fc.pre(violations !== null);
    if (violations!.length === 0) return true;
    failedAt ??= replays;
    // No shrinking past a hang: every further try could hang as long.
    if (violations!.some((v) => v.message.startsWith(HUNG))) failedAt = replays - budget;
    failure = { file, violations: violations! };
    return false;
  });
  const details = await fc.check(property, { numRuns: options.cases, seed: options.seed, endOnFailure: false });
  const found = failure as { file: Record<string, unknown>; violations: Violation[] } | null;
  return {
    cases: details.numRuns,
    seed: options.seed,
    violations: found?.violations ?? [],
    ...(found ? { scenario: found.file } : {}),
  };
}
