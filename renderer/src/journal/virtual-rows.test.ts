import { describe, expect, it } from 'vitest';
import { visibleRange } from './virtual-rows';

describe('visibleRange', () => {
  it('covers the viewport plus the overscan, clamped to the list', () => {
    expect(visibleRange(0, 200, 20, 1_000_000, 5)).toEqual({ first: 0, last: 15 });
    expect(visibleRange(20_000, 200, 20, 1_000_000, 5)).toEqual({ first: 995, last: 1015 });
    expect(visibleRange(19_999_800, 200, 20, 1_000_000, 5)).toEqual({ first: 999_985, last: 1_000_000 });
  });
});
