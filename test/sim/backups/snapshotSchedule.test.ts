import { describe, expect, it } from 'vitest';
import { instantOf, nextSnapshot, ScheduledSnapshots, snapshotId, type Epoch, type PolicyItem } from '../../../src/sim/snapshotSchedule.js';

/**
 * The scheduled snapshots as a function of the policy and the clock: what exists at an
 * instant, in which order, and that reading a page does not depend on how much time has
 * passed.
 */
const H = 3_600_000;
const D = 24 * H;
const START = Date.UTC(2026, 0, 1, 0, 0, 10); // a Thursday

const DEFAULTS: PolicyItem[] = [
  { id: 'h', frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 7 },
  { id: 'd', frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 },
  { id: 'w', frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'weeks', retentionValue: 4 },
  { id: 'm', frequencyType: 'monthly', frequencyInterval: 40, retentionUnit: 'months', retentionValue: 12 },
  { id: 'y', frequencyType: 'yearly', frequencyInterval: 12, retentionUnit: 'years', retentionValue: 1 },
];

const epoch = (items = DEFAULTS, o: Partial<Epoch> = {}): Epoch => ({ from: START, referenceHourOfDay: 3, referenceMinuteOfHour: 15, items, salt: 'abcdef0123456789', initial: true, ...o });

/** Every snapshot, oldest to newest, by brute force over every minute-aligned grid instant: the reference. */
function bruteForce(e: Epoch, now: number): number[] {
  const s = new ScheduledSnapshots([e], now);
  return Array.from({ length: s.length }, (_, i) => s.at(i).at);
}

describe('scheduled snapshots', () => {
  it('takes the first snapshot when backup starts, then every six hours from the reference time', () => {
    const s = new ScheduledSnapshots([epoch()], START + 13 * H);
    const times = Array.from({ length: s.length }, (_, i) => new Date(s.at(i).at).toISOString());
    expect(times).toEqual(['2026-01-01T09:15:00.000Z', '2026-01-01T03:15:00.000Z', '2026-01-01T00:00:10.000Z']);
    expect(s.at(1).frequencyType).toBe('daily');
    expect(s.at(1).policyItemIds).toEqual(['h', 'd']);
    expect(s.at(0).frequencyType).toBe('hourly');
  });

  it('keeps each kind of snapshot for its retention: after a year, the default policy keeps 42 snapshots', () => {
    const now = Date.UTC(2027, 0, 4, 0, 0);
    const s = new ScheduledSnapshots([epoch()], now);
    const kinds = Array.from({ length: s.length }, (_, i) => s.at(i).frequencyType);
    // 7 days of 4 hourly points (one a day is also the daily one), Saturdays of the last 4 weeks, month ends of the last 12 months.
    // The week's 28 six-hourly points: one of them is Saturday's weekly, one the December month end's yearly.
    expect(kinds.filter((k) => k === 'hourly' || k === 'daily').length).toBe(26);
    expect(kinds.filter((k) => k === 'yearly')).toHaveLength(1);
    expect(s.length).toBe(28 + 3 + 11);
    // Newest first, no duplicates, none expired.
    const times = bruteForce(epoch(), now);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
    for (let i = 0; i < s.length; i++) expect(s.at(i).expiresAt).toBeGreaterThan(now);
  });

  it('reads a page as fast after a simulated decade as after a day', () => {
    const hourlyYear: PolicyItem[] = [{ id: 'h', frequencyType: 'hourly', frequencyInterval: 1, retentionUnit: 'years', retentionValue: 1 }];
    const time = (now: number) => {
      const t0 = performance.now();
      for (let k = 0; k < 200; k++) {
        const s = new ScheduledSnapshots([epoch(hourlyYear)], now);
        for (let i = 0; i < 100; i++) s.at(Math.min(s.length - 1, Math.floor(s.length / 2) + i));
      }
      return performance.now() - t0;
    };
    time(START + D);
    const day = time(START + D + 3 * H);
    const decade = time(START + 3650 * D);
    expect(new ScheduledSnapshots([epoch(hourlyYear)], START + 3650 * D).length).toBeGreaterThan(8700);
    // Generous bound for a shared machine; O(history) would be thousands of times slower.
    expect(decade).toBeLessThan(Math.max(50, day * 20));
  });

  it('names each snapshot by its instant and epoch, and finds it back', () => {
    const e = epoch();
    const now = START + 3 * D;
    const s = new ScheduledSnapshots([e], now);
    const p = s.at(4);
    expect(p.id).toBe(snapshotId(e, p.at));
    expect(p.id).toMatch(/^[a-f0-9]{24}$/);
    expect(instantOf(e, p.id)).toBe(p.at);
    expect(s.indexOf(p.id)).toBe(4);
    expect(s.indexOf(snapshotId(e, p.at + 60_000))).toBeUndefined();
    expect(s.countAtOrAfter(p.at)).toBe(5);
  });

  it('keeps the snapshots of an earlier policy with their own retention', () => {
    const old = epoch(DEFAULTS, { to: START + 2 * D });
    const daily: PolicyItem[] = [{ id: 'd2', frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 30 }];
    const current = epoch(daily, { from: START + 2 * D, salt: '0123456789abcdef', initial: false });
    const s = new ScheduledSnapshots([current, old], START + 4 * D);
    const ids = Array.from({ length: s.length }, (_, i) => s.at(i));
    expect(ids.filter((p) => p.id.endsWith(current.salt)).map((p) => p.frequencyType)).toEqual(['daily', 'daily']);
    // The first snapshot and two days of six-hourly ones.
    expect(ids.filter((p) => p.id.endsWith(old.salt)).length).toBe(9);
    // Weeks later the old policy's snapshots have expired; the new policy keeps its dailies 30 days.
    expect(new ScheduledSnapshots([current, old], START + 40 * D).length).toBe(30);
  });

  it('has no snapshot under a policy without items, and names the next snapshot of one with items', () => {
    expect(new ScheduledSnapshots([epoch([], { initial: false })], START + 30 * D).length).toBe(0);
    expect(nextSnapshot(epoch(), START + 10 * H)).toBe(Date.UTC(2026, 0, 1, 15, 15));
    expect(nextSnapshot(epoch([]), START)).toBeUndefined();
  });

  it('takes weekly, monthly (day 15) and yearly (March) snapshots on their days', () => {
    const items: PolicyItem[] = [
      { id: 'w', frequencyType: 'weekly', frequencyInterval: 1, retentionUnit: 'weeks', retentionValue: 3 },
      { id: 'm', frequencyType: 'monthly', frequencyInterval: 15, retentionUnit: 'months', retentionValue: 4 },
      { id: 'y', frequencyType: 'yearly', frequencyInterval: 3, retentionUnit: 'years', retentionValue: 2 },
    ];
    const s = new ScheduledSnapshots([epoch(items, { initial: false })], Date.UTC(2027, 5, 20));
    const days = Array.from({ length: s.length }, (_, i) => `${new Date(s.at(i).at).toISOString().slice(0, 10)} ${s.at(i).frequencyType}`);
    expect(days).toEqual([
      '2027-06-15 monthly', '2027-06-14 weekly', '2027-06-07 weekly', '2027-05-31 weekly',
      '2027-05-15 monthly', '2027-04-15 monthly', '2027-03-15 yearly', '2026-03-15 yearly',
    ]);
  });
});
