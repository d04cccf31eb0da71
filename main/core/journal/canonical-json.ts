/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, strings and numbers
 * written exactly as JSON.stringify writes them. For the values the journal stores this is the
 * same text RFC 8785 (JCS) produces, so a third party can recompute every hash with any JCS
 * library. Anything JSON cannot carry faithfully (NaN, Infinity, bigint, Date, Map, undefined
 * inside an array, functions) is refused rather than silently changed.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot hold ${value} (at ${path})`);
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return writeArray(value, path);
      return writeObject(value as object, path);
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value} (at ${path})`);
  }
}

function writeArray(items: unknown[], path: string): string {
  const parts: string[] = [];
  for (let i = 0; i < items.length; i++) {
    if (items[i] === undefined) throw new TypeError(`canonical JSON cannot hold undefined (at ${path}[${i}])`);
    parts.push(write(items[i], `${path}[${i}]`));
  }
  return `[${parts.join(',')}]`;
}

function writeObject(obj: object, path: string): string {
  const proto = Object.getPrototypeOf(obj);
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`canonical JSON only holds plain objects, not ${proto?.constructor?.name ?? 'this object'} (at ${path})`);
  }
  const record = obj as Record<string, unknown>;
  // Default sort compares UTF-16 code units, which is the order JCS prescribes.
  const keys = Object.keys(record).sort();
  const parts: string[] = [];
  for (const key of keys) {
    // Like JSON.stringify, an undefined property is simply absent.
    if (record[key] === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${write(record[key], `${path}.${key}`)}`);
  }
  return `{${parts.join(',')}}`;
}
