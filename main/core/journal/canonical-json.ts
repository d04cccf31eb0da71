/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, strings and numbers
 * written exactly as JSON.stringify writes them. For the values the journal stores this is the
 * same text RFC 8785 (JCS) produces, so a third party can recompute every hash with any JCS
 * library. Anything JSON cannot carry faithfully (NaN, Infinity, bigint, Date, Map, undefined
 * inside an array, functions) is refused rather than silently changed.
 */
export function canonicalJson(value: unknown): string {
  const text = write(value);
  // The writer runs on every append, so it does not track where it is; only a refusal pays for that.
  if (text === undefined) throw new TypeError(describeRefusal(value, '$') ?? 'canonical JSON cannot hold this value');
  return text;
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
