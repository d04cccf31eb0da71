/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, strings and numbers
 * written exactly as JSON.stringify writes them. For the values the journal stores this is the
 * same text RFC 8785 (JCS) produces, so a third party can recompute every hash with any JCS
 * library. Anything JSON cannot carry faithfully (NaN, Infinity, bigint, Date, Map, undefined
 * inside an array, functions) is refused rather than silently changed.
 */
export function canonicalJson(value: unknown): string {
  return canonicalForm(value).text;
}

/**
 * The canonical text and a value it reads as: `value` itself, or a copy of the objects in it
 * whose keys were out of order (what is left of the caller's is shared, not copied); when the
 * engine would not keep the order (see inKeyOrder), a copy parsed back from the text.
 */
export function canonicalForm(value: unknown): { text: string; value: unknown } {
  // Fast and common: the value with every object's keys in order, written by JSON.stringify,
  // which makes one flat string; piecing the text together ourselves cost the journal a sixth
  // of its append rate. What the engine would not enumerate in order is written piece by piece.
  const ordered = inKeyOrder(value);
  if (ordered !== UNORDERABLE && ordered !== REFUSED) return { text: JSON.stringify(ordered), value: ordered };
  const text = ordered === REFUSED ? undefined : write(value);
  // The writer runs on every append, so it does not track where it is; only a refusal pays for that.
  if (text === undefined) throw new TypeError(describeRefusal(value, '$') ?? 'canonical JSON cannot hold this value');
  return { text, value: JSON.parse(text) };
}

const REFUSED = Symbol('refused');
const UNORDERABLE = Symbol('unorderable');

/**
 * `value` itself when every object in it already lists its keys in code-unit order, else a copy
 * that does; REFUSED when it holds something canonical JSON cannot; UNORDERABLE when an object's
 * copy would not list its keys in that order (engines list array-index keys such as "10" and "9"
 * first and by number) or would not hold them as plain properties (`__proto__`).
 */
function inKeyOrder(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : REFUSED;
    case 'object':
      if (value === null) return value;
      if (Array.isArray(value)) return arrayInKeyOrder(value);
      return isPlainObject(value) ? objectInKeyOrder(value as Record<string, unknown>) : REFUSED;
    default:
      return REFUSED;
  }
}

function arrayInKeyOrder(value: unknown[]): unknown {
  let copy: unknown[] | null = null;
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    const ordered = item === undefined ? REFUSED : typeof item === 'string' ? item : inKeyOrder(item);
    if (ordered === REFUSED || ordered === UNORDERABLE) return ordered;
    if (ordered !== item && copy === null) copy = value.slice(0, i);
    copy?.push(ordered);
  }
  return copy ?? value;
}

function objectInKeyOrder(record: Record<string, unknown>): unknown {
  const keys = Object.keys(record);
  let inOrder = true;
  let mayReorder = false;
  // The few children that are themselves copied; the rest are read again from the record.
  let copied: Map<string, unknown> | null = null;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (i > 0 && !(keys[i - 1] < key)) inOrder = false;
    // Array-index keys start with a digit; `__proto__` is not a plain property when assigned.
    const first = key.charCodeAt(0);
    if ((first >= 48 && first <= 57) || key === '__proto__') mayReorder = true;
    const item = record[key];
    if (item === undefined || typeof item === 'string' || typeof item === 'boolean') continue;
    const ordered = inKeyOrder(item);
    if (ordered === REFUSED || ordered === UNORDERABLE) return ordered;
    if (ordered !== item) (copied ??= new Map()).set(key, ordered);
  }
  if (inOrder && copied === null) return record;
  const sorted = inOrder ? keys : [...keys].sort();
  const copy: Record<string, unknown> = {};
  for (const key of sorted) copy[key] = copied?.has(key) ? copied.get(key) : record[key];
  if (mayReorder && (sorted.includes('__proto__') || Object.keys(copy).some((key, i) => key !== sorted[i]))) return UNORDERABLE;
  return copy;
}

/** The canonical text, or undefined when something inside cannot be written. */
function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : undefined;
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const item = value[i] === undefined ? undefined : write(value[i]);
          if (item === undefined) return undefined;
          out += i === 0 ? item : `,${item}`;
        }
        return `${out}]`;
      }
      if (!isPlainObject(value)) return undefined;
      const record = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units, which is the order JCS prescribes.
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        // Like JSON.stringify, an undefined property is simply absent.
        if (record[key] === undefined) continue;
        const item = write(record[key]);
        if (item === undefined) return undefined;
        out += `${first ? '' : ','}${JSON.stringify(key)}:${item}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      return undefined;
  }
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Says what cannot be written and where, e.g. "canonical JSON cannot hold NaN (at $.order.size)". */
function describeRefusal(value: unknown, path: string): string | null {
  if (typeof value === 'number' && !Number.isFinite(value)) return `canonical JSON cannot hold ${value} (at ${path})`;
  if (value === undefined) return `canonical JSON cannot hold undefined (at ${path})`;
  if (typeof value === 'object' && value !== null) {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const found = describeRefusal(value[i], `${path}[${i}]`);
        if (found) return found;
      }
      return null;
    }
    if (!isPlainObject(value)) {
      const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } }).constructor?.name ?? 'this object';
      return `canonical JSON only holds plain objects, not ${name} (at ${path})`;
    }
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      const found = describeRefusal(item, `${path}.${key}`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return null;
  return `canonical JSON cannot hold a ${typeof value} (at ${path})`;
}
