/**
 * parseScenario: scenario JSON (text or object) → a typed Scenario with absolute times, or an
 * error whose message names each bad field by its path, e.g. `steps[3].venue: unknown action "foo"`.
 */
import type { z } from 'zod';
import { fail, ok, type Result } from '../../../shared/result';
import { parseOffset } from './offset';
import { scenarioFileSchema, userActionSchemas, venueActionSchemas, type RawStep, type ScenarioFile } from './schema';
import type { Scenario, ScenarioStep, UserAction, VenueAction } from './types';

type Path = (string | number)[];

interface Issue {
  path: Path;
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(key))) out += out === '' ? String(key) : `.${String(key)}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

export function parseScenario(input: string | unknown): Result<Scenario> {
  let json: unknown = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (error) {
      return fail('SCENARIO_INVALID', `not JSON: ${(error as Error).message}`);
    }
  }
  const file = scenarioFileSchema.safeParse(json);
  const issues: Issue[] = [];
  if (!file.success) {
    for (const issue of file.error.issues) issues.push({ path: issue.path as Path, message: issue.message });
    return failWith(issues);
  }
  const scenario = build(file.data, issues);
  return issues.length === 0 ? ok(scenario) : failWith(issues);
}

function failWith(issues: Issue[]): Result<never> {
  const text = issues.map((i) => (i.path.length ? `${formatPath(i.path)}: ${i.message}` : i.message)).join('; ');
  return fail('SCENARIO_INVALID', text);
}

function build(file: ScenarioFile, issues: Issue[]): Scenario {
  const start = Date.parse(file.start);
  const symbols = new Set<string>();
  file.venue.markets.forEach((m, i) => {
    if (symbols.has(m.symbol)) issues.push({ path: ['venue', 'markets', i, 'symbol'], message: `duplicate market "${m.symbol}"` });
    symbols.add(m.symbol);
  });

  const reference: Scenario['reference'] = {};
  for (const [symbol, points] of Object.entries(file.reference)) {
    if (!symbols.has(symbol)) issues.push({ path: ['reference', symbol], message: `unknown market "${symbol}"` });
    let previous = -1;
    reference[symbol] = points.map(([offset, price], i) => {
      const ms = parseOffset(offset)!;
      if (ms <= previous) issues.push({ path: ['reference', symbol, i, 0], message: `"${offset}" is not after the previous point` });
      previous = ms;
      return { offset, at: start + ms, price };
    });
  }
  for (const symbol of symbols) {
    if (!reference[symbol]) issues.push({ path: ['reference'], message: `no reference path for market "${symbol}"` });
  }

  const steps = buildSteps(file.steps, start, symbols, issues);
  const untilMs = parseOffset(file.until)!;
  const last = steps.at(-1);
  if (last && start + untilMs < last.at) issues.push({ path: ['until'], message: `"${file.until}" is before the last step (${last.offset})` });
  const down = downtimeEnd(steps);
  if (down && down.until > start + untilMs) {
    issues.push({ path: ['until'], message: `"${file.until}" comes while the terminal is still down (restart at steps[${down.index}])` });
  }

  return {
    version: 1,
    name: file.name,
    ...(file.description === undefined ? {} : { description: file.description }),
    dialect: 'paradex',
    start,
    until: start + untilMs,
    markets: file.venue.markets,
    reference,
    collateral: file.account.collateral,
    steps,
  };
}

function buildSteps(raw: RawStep[], start: number, symbols: Set<string>, issues: Issue[]): ScenarioStep[] {
  const steps: ScenarioStep[] = [];
  const snapshots = new Set<string>();
  const placedBy = new Map<string, number>();
  let previous = 0;
  // The trader cannot act while the terminal is down.
  let down: { until: number; index: number } | null = null;
  raw.forEach((step, index) => {
    const base: Path = ['steps', index];
    const offsetMs = parseOffset(step.at)!;
    if (offsetMs < previous) issues.push({ path: [...base, 'at'], message: `"${step.at}" is earlier than the previous step` });
    previous = Math.max(previous, offsetMs);
    const time = { index, offset: step.at, at: start + offsetMs };
    const hasUser = step.user !== undefined;
    if (hasUser === (step.venue !== undefined)) {
      issues.push({ path: base, message: 'a step needs exactly one of "user" or "venue"' });
      return;
    }
    const checkMarket = (market: string | undefined, path: Path) => {
      if (market !== undefined && !symbols.has(market)) issues.push({ path, message: `unknown market "${market}"` });
    };
    if (hasUser) {
      const action = parseAction(userActionSchemas, step.user, [...base, 'user'], issues);
      if (!action) return;
      const userAction = toUserAction(action.name, action.value, [...base, 'user', action.name], issues);
      if (!userAction) return;
      if (down && time.at < down.until) {
        issues.push({ path: [...base, 'user'], message: `the terminal is down here (restart at steps[${down.index}])` });
        return;
      }
      if (userAction.kind === 'restart') down = { until: time.at + userAction.downSeconds * 1000, index };
      if ('market' in userAction) checkMarket(userAction.market, [...base, 'user', action.name, 'market']);
      if (userAction.kind === 'place') {
        const earlier = placedBy.get(userAction.clientId);
        if (earlier !== undefined) {
          issues.push({ path: [...base, 'user', 'place', 'clientId'], message: `"${userAction.clientId}" is already used by steps[${earlier}]` });
        }
        placedBy.set(userAction.clientId, index);
      }
      steps.push({ ...time, actor: 'user', action: userAction });
    } else {
      const action = parseAction(venueActionSchemas, step.venue, [...base, 'venue'], issues);
      if (!action) return;
      const venueAction = toVenueAction(action.name, action.value);
      if ('market' in venueAction) checkMarket(venueAction.market, [...base, 'venue', action.name, 'market']);
      if (venueAction.kind === 'snapshot') snapshots.add(venueAction.name);
      if (venueAction.kind === 'rollback' && !snapshots.has(venueAction.name)) {
        issues.push({ path: [...base, 'venue', 'rollback'], message: `no earlier snapshot named "${venueAction.name}"` });
      }
      steps.push({ ...time, actor: 'venue', action: venueAction });
    }
  });
  return steps;
}

/** When the last restart's downtime ends, and which step began it. */
function downtimeEnd(steps: ScenarioStep[]): { until: number; index: number } | null {
  let down: { until: number; index: number } | null = null;
  for (const step of steps) {
    if (step.actor === 'user' && step.action.kind === 'restart') down = { until: step.at + step.action.downSeconds * 1000, index: step.index };
  }
  return down;
}

/** Picks the one action named in `raw` and validates it with that action's schema. */
function parseAction<T extends Record<string, z.ZodType>>(
  table: T,
  raw: unknown,
  path: Path,
  issues: Issue[],
): { name: keyof T & string; value: z.output<T[keyof T]> } | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    issues.push({ path, message: 'expected an object naming one action' });
    return null;
  }
  const names = Object.keys(raw);
  if (names.length !== 1) {
    const got = names.length === 0 ? 'none' : names.map((n) => `"${n}"`).join(', ');
    issues.push({ path, message: `expected exactly one action, got ${got}` });
    return null;
  }
  const name = names[0];
  if (!Object.hasOwn(table, name)) {
    issues.push({ path, message: `unknown action "${name}"` });
    return null;
  }
  const parsed = table[name].safeParse((raw as Record<string, unknown>)[name]);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) issues.push({ path: [...path, name, ...(issue.path as Path)], message: issue.message });
    return null;
  }
  return { name, value: parsed.data as z.output<T[keyof T]> };
}

type UserSchemas = typeof userActionSchemas;
type VenueSchemas = typeof venueActionSchemas;

function toUserAction(name: keyof UserSchemas, value: unknown, path: Path, issues: Issue[]): UserAction | null {
  if (name !== 'place') return { kind: name, ...(value as object) } as UserAction;
  const place = value as z.output<UserSchemas['place']>;
  const trigger = place.type !== 'LIMIT' && place.type !== 'MARKET';
  const before = issues.length;
  if (place.type === 'LIMIT' && place.price === undefined) issues.push({ path: [...path, 'price'], message: 'a LIMIT order needs a price' });
  if (place.type !== 'LIMIT' && place.price !== undefined) issues.push({ path: [...path, 'price'], message: `a ${place.type} order takes no price` });
  if (trigger && place.triggerPrice === undefined) issues.push({ path: [...path, 'triggerPrice'], message: `a ${place.type} order needs a triggerPrice` });
  if (!trigger && place.triggerPrice !== undefined) issues.push({ path: [...path, 'triggerPrice'], message: `a ${place.type} order takes no triggerPrice` });
  if (place.postOnly && place.type !== 'LIMIT') issues.push({ path: [...path, 'postOnly'], message: 'only a LIMIT order can be post-only' });
  return issues.length === before ? { kind: 'place', ...place } : null;
}

function toVenueAction(name: keyof VenueSchemas, value: unknown): VenueAction {
  switch (name) {
    case 'status':
      return { kind: 'status', status: value as z.output<VenueSchemas['status']> };
    case 'snapshot':
    case 'rollback':
      return { kind: name, name: value as string };
    default:
      return { kind: name, ...(value as object) } as VenueAction;
  }
}
