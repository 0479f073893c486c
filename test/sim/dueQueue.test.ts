import { describe, expect, it } from 'vitest';
import { DueQueue } from '../../src/sim/dueQueue.js';
import { SeededRandom } from '../../src/sim/random.js';

describe('DueQueue', () => {
  it('pops exactly the entries due, earliest first, whatever the push order', () => {
    const q = new DueQueue();
    const random = new SeededRandom(7);
    const ats = Array.from({ length: 500 }, () => random.int(0, 1000));
    ats.forEach((at, i) => q.push(at, `k${i}`));
    const popped: number[] = [];
    for (let e = q.popDue(600); e; e = q.popDue(600)) popped.push(e.at);
    const due = ats.filter((a) => a <= 600).sort((a, b) => a - b);
    expect(popped).toEqual(due);
    expect(q.size).toBe(ats.length - due.length);
    expect(q.popDue(600)).toBeUndefined();
    q.clear();
    expect(q.popDue(Infinity)).toBeUndefined();
  });
});
