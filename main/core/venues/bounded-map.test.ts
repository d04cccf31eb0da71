import { describe, expect, it } from 'vitest';
import { BoundedMap } from './bounded-map';

describe('BoundedMap', () => {
  it('forgets the least recently written entry past its limit, and a rewrite makes an entry recent', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2).set('a', 3).set('c', 4);
    expect(map.get('a')).toBe(3);
    expect(map.get('b')).toBeUndefined();
    expect(map.get('c')).toBe(4);
    expect(map.size).toBe(2);
    expect(() => new BoundedMap(0)).toThrow(RangeError);
  });
});
