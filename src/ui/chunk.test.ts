import { describe, expect, it, vi } from 'vitest';
import { chunk } from './chunk.ts';

describe('chunk', () => {
  it('loads once, and marks the promise fulfilled so `use` reads it without suspending', async () => {
    const importer = vi.fn(async () => ({ Part: 'part' }));
    const load = chunk(importer);
    const first = load();
    await expect(first).resolves.toEqual({ Part: 'part' });
    expect(load()).toBe(first);
    expect(importer).toHaveBeenCalledTimes(1);
    expect(first).toMatchObject({ status: 'fulfilled', value: { Part: 'part' } });
  });

  it('keeps a failed load until retry(), then asks again', async () => {
    const importer = vi
      .fn<() => Promise<{ Part: string }>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValueOnce({ Part: 'part' });
    const load = chunk(importer);
    const failed = load();
    await expect(failed).rejects.toThrow('Failed to fetch');
    // Re-rendering must not ask again by itself: offline, that would never stop.
    expect(load()).toBe(failed);
    expect(failed).toMatchObject({ status: 'rejected' });
    load.retry();
    await expect(load()).resolves.toEqual({ Part: 'part' });
    expect(importer).toHaveBeenCalledTimes(2);
  });

  it('retry() keeps a load that is on its way or done', async () => {
    const load = chunk(async () => 'part');
    const first = load();
    load.retry();
    expect(load()).toBe(first);
    await first;
    load.retry();
    expect(load()).toBe(first);
  });
});
