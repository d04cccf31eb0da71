import { describe, expect, expectTypeOf, it } from 'vitest';
import { methodParams, type EventName } from './contract';
import { EVENT_NAMES, METHOD_NAMES } from './contract-names';

describe('contract names', () => {
  it('the preload list names exactly the contract methods', () => {
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(methodParams).sort());
  });
});

describe('contract event names', () => {
  it('the preload list names exactly the contract events', () => {
    expectTypeOf<(typeof EVENT_NAMES)[number]>().toEqualTypeOf<EventName>();
    expect(new Set(EVENT_NAMES).size).toBe(EVENT_NAMES.length);
  });
});
