import { describe, expect, it } from 'vitest';
import { SortedIndex } from '../../src/sim/sortedIndex.js';

describe('SortedIndex', () => {
  it('keeps ids in key order (code-unit order, ties by id) through inserts and removes', () => {
    const index = new SortedIndex();
    for (const [key, id] of [
      ['beta', '3'],
      ['Alpha', '1'],
      ['alpha', '2'],
      ['beta', '0'],
    ] as const)
      index.insert(key, id);
    expect(index.ids).toEqual(['1', '2', '0', '3']);
    index.remove('beta', '0');
    index.remove('missing', '9');
    expect(index.ids).toEqual(['1', '2', '3']);
    expect(index.size).toBe(3);
  });

  it('finds the run of keys with a prefix by binary search', () => {
    const index = new SortedIndex();
    ['web-a', 'api', 'web', 'webhooks', 'wea', 'x'].forEach((k, i) => index.insert(k, String(i)));
    expect(index.withPrefix('web')).toEqual(['2', '0', '3']);
    expect(index.withPrefix('zzz')).toEqual([]);
    expect(index.withPrefix('')).toEqual(index.ids);
  });
});
