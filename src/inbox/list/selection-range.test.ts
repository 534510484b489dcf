import { describe, expect, it } from 'vitest';
import { selectRange, toggleOne } from './selection-range.ts';

const order = ['a', 'b', 'c', 'd', 'e'];

describe('selectRange', () => {
  it('selects from the anchor to the target in either direction, keeping the rest', () => {
    expect(selectRange(order, 'b', 'd', { e: true })).toEqual({
      b: true,
      c: true,
      d: true,
      e: true,
    });
    expect(selectRange(order, 'd', 'b', {})).toEqual({ b: true, c: true, d: true });
  });

  it('selects only the target without a loaded anchor, and nothing for an unknown target', () => {
    expect(selectRange(order, null, 'c', {})).toEqual({ c: true });
    expect(selectRange(order, 'gone', 'c', {})).toEqual({ c: true });
    const current = { a: true as const };
    expect(selectRange(order, 'a', 'gone', current)).toBe(current);
  });
});

describe('toggleOne', () => {
  it('adds and removes without touching the others', () => {
    expect(toggleOne({ a: true }, 'b')).toEqual({ a: true, b: true });
    expect(toggleOne({ a: true, b: true }, 'b')).toEqual({ a: true });
  });
});
