import { describe, expect, it, vi } from 'vitest';
import { createExternalStore } from './external-store.ts';

describe('createExternalStore', () => {
  it('reads a lazy initial value once, at the first get', () => {
    const read = vi.fn(() => 'stored');
    const store = createExternalStore(read);
    expect(read).not.toHaveBeenCalled();
    expect(store.get()).toBe('stored');
    expect(store.get()).toBe('stored');
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('tells its listeners about a change, not about the same value again', () => {
    const store = createExternalStore(1);
    const listener = vi.fn();
    const stop = store.subscribe(listener);
    store.set(2);
    store.set(2);
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
    store.set(3);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.get()).toBe(3);
  });

  it('watches its source from the first listener to the last', () => {
    const unwatch = vi.fn();
    let push: (value: number) => void = () => undefined;
    const watch = vi.fn((set: (value: number) => void) => {
      push = set;
      return unwatch;
    });
    const store = createExternalStore(0, watch);
    const first = store.subscribe(() => undefined);
    const second = store.subscribe(() => undefined);
    expect(watch).toHaveBeenCalledTimes(1);
    push(5);
    expect(store.get()).toBe(5);
    first();
    expect(unwatch).not.toHaveBeenCalled();
    second();
    expect(unwatch).toHaveBeenCalledTimes(1);
    store.subscribe(() => undefined);
    expect(watch).toHaveBeenCalledTimes(2);
  });
});
