import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    const value = { b: [3, { z: 1, a: 'x y' }], a: { d: null, c: true } };
    expect(canonicalJson(value)).toBe('{"a":{"c":true,"d":null},"b":[3,{"a":"x y","z":1}]}');
  });

  it('orders keys by UTF-16 code units, as RFC 8785 does', () => {
    // Code-unit order puts uppercase before lowercase and U+E000 after U+1F600's high surrogate.
    const value = { a: 1, B: 2, '\u{1F600}': 3, '\uE000': 4, '': 5, aa: 6 };
    expect(canonicalJson(value)).toBe('{"":5,"B":2,"a":1,"aa":6,"\u{1F600}":3,"\uE000":4}');
  });

  it('orders keys an engine lists out of code-unit order (array indexes, __proto__) all the same', () => {
    expect(canonicalJson({ '10': 1, '9': 2, a: 3, '-': 4 })).toBe('{"-":4,"10":1,"9":2,"a":3}');
    expect(canonicalJson({ b: { '10': 1, '9': 2 }, a: [{ z: 1, y: 2 }] })).toBe('{"a":[{"y":2,"z":1}],"b":{"10":1,"9":2}}');
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"y":1,"x":2}}'))).toBe('{"__proto__":{"x":2,"y":1},"b":1}');
  });

  it('leaves the value it is given as it was', () => {
    const value = { b: [{ d: 1, c: 2 }], a: 1 };
    canonicalJson(value);
    expect(Object.keys(value)).toEqual(['b', 'a']);
    expect(Object.keys(value.b[0])).toEqual(['d', 'c']);
  });

  it('escapes strings the way JSON.stringify does', () => {
    expect(canonicalJson({ s: 'quote " back \\ nl \n tab \t nul \u0000 lone \uD800' })).toBe(
      '{"s":"quote \\" back \\\\ nl \\n tab \\t nul \\u0000 lone \\ud800"}',
    );
  });

  it('writes numbers in their shortest round-trip form', () => {
    expect(canonicalJson([0, -0, 1e21, 1.5, -2, 0.1])).toBe('[0,0,1e+21,1.5,-2,0.1]');
  });

  it('leaves out undefined properties, as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it.each([
    ['NaN', { n: Number.NaN }],
    ['Infinity', [Number.POSITIVE_INFINITY]],
    ['a bigint', { n: 1n }],
    ['a Date', { d: new Date(0) }],
    ['a Map', new Map()],
    ['undefined in an array', [1, undefined]],
    ['a function', { f: () => 1 }],
    ['undefined on its own', undefined],
  ])('refuses %s instead of changing it', (_label, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('names where the unsupported value sits', () => {
    expect(() => canonicalJson({ order: { sizes: [1, Number.NaN] } })).toThrow('$.order.sizes[1]');
  });

  it('is the same text whatever order the keys were inserted in, and survives a round trip', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(reverseKeys(value))).toBe(text);
        expect(text).toBe(sortedText(value));
      }),
      { numRuns: 500 },
    );
  });
});

/** The plainest canonical writer, to hold the fast one against. */
function sortedText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedText).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${sortedText(v)}`).join(',')}}`;
}

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).reverse();
  return Object.fromEntries(entries.map(([k, v]) => [k, reverseKeys(v)]));
}
