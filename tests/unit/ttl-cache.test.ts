import { describe, expect, it } from '@jest/globals';
import { TtlCache } from '../../subgraphs/shared/ttl-cache.ts';

describe('TtlCache', () => {
  it('produces a key once within its lifetime, shares concurrent productions, and again after expiry', async () => {
    let now = 0;
    const cache = new TtlCache<number>({ ttlMs: 1000, maxEntries: 10, now: () => now });
    const produced: string[] = [];
    const produce = (key: string) => () => {
      produced.push(key);
      return Promise.resolve(produced.length);
    };
    expect(await Promise.all([cache.get('a', produce('a')), cache.get('a', produce('a'))])).toEqual([1, 1]);
    now = 999;
    expect(await cache.get('a', produce('a'))).toBe(1);
    now = 1000;
    expect(await cache.get('a', produce('a'))).toBe(2);
    expect(produced).toEqual(['a', 'a']);
  });

  it('does not keep failures', async () => {
    const cache = new TtlCache<string>({ ttlMs: 1000, maxEntries: 10, now: () => 0 });
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', () => Promise.resolve('up'))).toBe('up');
  });

  it('drops the oldest key beyond maxEntries', async () => {
    const cache = new TtlCache<string>({ ttlMs: 1000, maxEntries: 2, now: () => 0 });
    for (const key of ['a', 'b', 'c']) await cache.get(key, () => Promise.resolve(`${key}1`));
    expect(await cache.get('a', () => Promise.resolve('a2'))).toBe('a2');
    expect(await cache.get('c', () => Promise.resolve('c2'))).toBe('c1');
  });
});
