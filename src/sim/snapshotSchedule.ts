import type { FREQUENCY_TYPES, RETENTION_UNITS } from '../../contracts/api/vocabulary.js';

/**
 * The snapshots a backup schedule takes, as a function of the schedule and the clock.
 *
 * Nothing is stored per scheduled snapshot: a cluster's scheduled snapshots are the points
 * of its policy's calendar that lie between the moment the policy took effect and now,
 * and that have not yet reached their retention. A list page is computed from that
 * description directly, so its cost depends on the page, not on how much simulated time
 * has passed. Only what a user did to one snapshot (an on-demand snapshot, a retention
 * change, a deletion) is stored, by the backups module.
 *
 * The calendar (wire-facts-wave2 6.2): every snapshot is taken at the schedule's
 * reference time of day (`referenceHourOfDay:referenceMinuteOfHour`, UTC). Hourly items
 * take one every `frequencyInterval` hours counted from the reference time (the intervals
 * Atlas allows, 1 2 4 6 8 12, divide a day, so the daily snapshot is one of them); daily
 * items one a day; weekly items on ISO weekday `frequencyInterval` (1 Monday ... 7
 * Sunday); monthly items on day `frequencyInterval` of the month, 40 meaning its last
 * day; yearly items in month `frequencyInterval`, on the monthly item's day (its last day
 * when there is no monthly item). One instant that several items select is one snapshot,
 * whose `frequencyType` is the least frequent of them and whose `policyItems` are all of
 * them, kept as long as the longest retention among them.
 *
 * Atlas requires less frequent items to keep snapshots at least as long as more frequent
 * ones (enforced by the backups module), so the retention windows nest: the newest stretch
 * of time keeps every point of the finest item, the next one only the points of the next
 * item, and so on. Each stretch is a run: an arithmetic progression (hourly, daily,
 * weekly points) or a short sorted list (weekly and monthly points together, monthly,
 * yearly: a few per month at most).
 */


export type FrequencyType = (typeof FREQUENCY_TYPES)[number];
export type RetentionUnit = (typeof RETENTION_UNITS)[number];

export interface PolicyItem {
  id: string;
  frequencyType: FrequencyType;
  frequencyInterval: number;
  retentionUnit: RetentionUnit;
  retentionValue: number;
}

/** A stretch of time under one policy: from `from` (inclusive) to `to` (exclusive, open when absent). */
export interface Epoch {
  from: number;
  to?: number | undefined;
  referenceHourOfDay: number;
  referenceMinuteOfHour: number;
  items: PolicyItem[];
  /** Tail of the ids of this epoch's snapshots (16 hex): an id is its time plus this. */
  salt: string;
  /** The epoch starts with the snapshot Atlas takes as soon as backup begins. */
  initial: boolean;
}

/** A scheduled snapshot. */
export interface ScheduledPoint {
  id: string;
  at: number;
  frequencyType: FrequencyType;
  policyItemIds: string[];
  expiresAt: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const RANK: Readonly<Record<FrequencyType, number>> = { hourly: 0, daily: 1, weekly: 2, monthly: 3, yearly: 4 };

/** `t` plus a retention (calendar months and years, as Atlas counts them). */
export function addRetention(t: number, unit: RetentionUnit, value: number): number {
  switch (unit) {
    case 'days':
      return t + value * DAY;
    case 'weeks':
      return t + value * WEEK;
    case 'months':
      return addMonths(t, value);
    case 'years':
      return addMonths(t, 12 * value);
  }
}

/** A retention in days, for comparing items: a year is 365.25 days and exactly twelve months (so the default 12 months ≤ 1 year). */
export function retentionDays(unit: RetentionUnit, value: number): number {
  return value * { days: 1, weeks: 7, months: 365.25 / 12, years: 365.25 }[unit];
}

function addMonths(t: number, months: number): number {
  const d = new Date(t);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(Math.min(day, daysInMonth(d.getUTCFullYear(), d.getUTCMonth())));
  return d.getTime();
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

export function snapshotId(epoch: Epoch, at: number): string {
  return Math.floor(at / 1000).toString(16).padStart(8, '0') + epoch.salt;
}

/** The instant an id of this epoch names, if it is one of its ids. */
export function instantOf(epoch: Epoch, id: string): number | undefined {
  if (id.length !== 24 || id.slice(8) !== epoch.salt) return undefined;
  const seconds = Number.parseInt(id.slice(0, 8), 16);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

/** A stretch of scheduled snapshots, newest first. */
interface Run {
  readonly length: number;
  /** The `i`-th newest instant. */
  at(i: number): number;
  /** How many instants are at or after `t`. */
  countAtOrAfter(t: number): number;
  has(t: number): boolean;
}

/** Instants `top, top - step, ...`, `length` of them. */
function progression(top: number, step: number, length: number): Run {
  return {
    length,
    at: (i) => top - i * step,
    countAtOrAfter: (t) => (t > top ? 0 : Math.min(length, Math.floor((top - t) / step) + 1)),
    has: (t) => t <= top && (top - t) % step === 0 && (top - t) / step < length,
  };
}

/** Given instants, newest first. */
function listed(times: number[]): Run {
  return {
    length: times.length,
    at: (i) => times[i]!,
    countAtOrAfter: (t) => {
      let lo = 0;
      let hi = times.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (times[mid]! >= t) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
    has: (t) => times.includes(t),
  };
}

/** Points `≡ offset (mod step)` in `(lo, hi]`, newest first. */
function grid(lo: number, hi: number, step: number, offset: number): Run {
  const top = hi - mod(hi - offset, step);
  if (top <= lo) return progression(top, step, 0);
  return progression(top, step, Math.floor((top - lo - 1) / step) + 1);
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** The calendar of one epoch: which instants each item selects. */
class Calendar {
  readonly tod: number;
  readonly byRank: Array<PolicyItem | undefined> = [];
  readonly monthDay: number | undefined;

  constructor(readonly epoch: Epoch) {
    this.tod = epoch.referenceHourOfDay * HOUR + epoch.referenceMinuteOfHour * MINUTE;
    for (const item of epoch.items) this.byRank[RANK[item.frequencyType]] = item;
    this.monthDay = this.byRank[3]?.frequencyInterval;
  }

  selects(item: PolicyItem, t: number): boolean {
    if (item.frequencyType === 'hourly') return mod(t - this.tod, item.frequencyInterval * HOUR) === 0;
    if (mod(t - this.tod, DAY) !== 0) return false;
    const d = new Date(t);
    switch (item.frequencyType) {
      case 'daily':
        return true;
      case 'weekly':
        return (d.getUTCDay() || 7) === item.frequencyInterval;
      case 'monthly':
        return this.#isDay(d, item.frequencyInterval);
      case 'yearly':
        return d.getUTCMonth() + 1 === item.frequencyInterval && this.#isDay(d, this.monthDay ?? 40);
    }
  }

  #isDay(d: Date, day: number): boolean {
    return day === 40 ? d.getUTCDate() === daysInMonth(d.getUTCFullYear(), d.getUTCMonth()) : d.getUTCDate() === day;
  }

  /** Instants of `item` in `(lo, hi]`, newest first. */
  points(item: PolicyItem, lo: number, hi: number): Run {
    switch (item.frequencyType) {
      case 'hourly':
        return grid(lo, hi, item.frequencyInterval * HOUR, this.tod);
      case 'daily':
        return grid(lo, hi, DAY, this.tod);
      case 'weekly':
        // 1970-01-01 was a Thursday (ISO 4).
        return grid(lo, hi, WEEK, this.tod + mod(item.frequencyInterval - 4, 7) * DAY);
      case 'monthly':
      case 'yearly':
        return listed(this.#monthly(item, lo, hi));
    }
  }

  #monthly(item: PolicyItem, lo: number, hi: number): number[] {
    const out: number[] = [];
    const d = new Date(hi);
    for (let y = d.getUTCFullYear(), m = d.getUTCMonth(); ; m--) {
      if (m < 0) {
        m = 11;
        y--;
      }
      if (Date.UTC(y, m + 1, 1) + this.tod <= lo) break;
      if (item.frequencyType === 'yearly' && m + 1 !== item.frequencyInterval) continue;
      const day = item.frequencyType === 'monthly' ? item.frequencyInterval : (this.monthDay ?? 40);
      const t = Date.UTC(y, m, day === 40 ? daysInMonth(y, m) : day) + this.tod;
      if (t > lo && t <= hi) out.push(t);
    }
    return out;
  }

  /** The items that select `t`. */
  owners(t: number): PolicyItem[] {
    return this.epoch.items.filter((i) => this.selects(i, t));
  }
}

/** Merges instants of several runs (each newest first) into one run, without duplicates. */
function union(runs: Run[]): Run {
  const all = new Set<number>();
  for (const r of runs) for (let i = 0; i < r.length; i++) all.add(r.at(i));
  return listed([...all].sort((a, b) => b - a));
}

/**
 * The scheduled snapshots of one epoch that exist at `now`, as runs newest first, plus
 * how to describe one of its instants.
 */
function epochRuns(epoch: Epoch, now: number): Run[] {
  const cal = new Calendar(epoch);
  const hi = Math.min(now, (epoch.to ?? Infinity) - 1);
  const items = [...epoch.items].sort((a, b) => RANK[a.frequencyType] - RANK[b.frequencyType]);
  const runs: Run[] = [];
  // Snapshots at `from` or later: the window is (from - 1, hi].
  let upper = hi;
  for (let k = 0; k < items.length; k++) {
    const item = items[k]!;
    // The instant before which this item's snapshots have expired; never later than a
    // finer item's (the windows nest, see above).
    const cutoff = Math.max(epoch.from - 1, lowestAlive(item, now) - 1);
    if (cutoff >= upper) continue;
    const finest = item.frequencyType === 'hourly' || item.frequencyType === 'daily';
    const coarser = items.slice(k);
    const run = finest || coarser.length === 1 ? cal.points(item, cutoff, upper) : union(coarser.map((i) => cal.points(i, cutoff, upper)));
    if (run.length > 0) runs.push(run);
    upper = cutoff;
  }
  if (epoch.initial && epoch.from <= hi) {
    const first = items[0];
    const onGrid = first !== undefined && cal.selects(first, epoch.from);
    if (first && !onGrid && addRetention(epoch.from, first.retentionUnit, first.retentionValue) > now) runs.push(listed([epoch.from]));
  }
  return runs;
}

/** The earliest instant whose snapshot under `item` has not expired at `now`. */
function lowestAlive(item: PolicyItem, now: number): number {
  // Inverse of addRetention; a month back from the 31st lands on the month's last day.
  switch (item.retentionUnit) {
    case 'days':
      return now - item.retentionValue * DAY + 1;
    case 'weeks':
      return now - item.retentionValue * WEEK + 1;
    case 'months':
      return addMonths(now, -item.retentionValue) + 1;
    case 'years':
      return addMonths(now, -12 * item.retentionValue) + 1;
  }
}

/**
 * Every scheduled snapshot of a list of epochs (newest epoch first) at one instant: its
 * length, the `i`-th newest, and the position of a given one, all without walking the
 * history.
 */
export class ScheduledSnapshots {
  readonly #runs: Array<{ run: Run; epoch: Epoch; calendar: Calendar }> = [];
  readonly length: number;

  constructor(epochs: readonly Epoch[], now: number) {
    let n = 0;
    for (const epoch of epochs) {
      const calendar = new Calendar(epoch);
      for (const run of epochRuns(epoch, now)) {
        this.#runs.push({ run, epoch, calendar });
        n += run.length;
      }
    }
    this.length = n;
  }

  /** The `i`-th newest scheduled snapshot. */
  at(i: number): ScheduledPoint {
    for (const { run, epoch, calendar } of this.#runs) {
      if (i < run.length) return describe(epoch, calendar, run.at(i));
      i -= run.length;
    }
    throw new RangeError('no such snapshot');
  }

  /** How many scheduled snapshots are at or after `t`. */
  countAtOrAfter(t: number): number {
    let n = 0;
    for (const { run } of this.#runs) n += run.countAtOrAfter(t);
    return n;
  }

  /** The position (newest first) of the snapshot with this id, if it exists now. */
  indexOf(id: string): number | undefined {
    let before = 0;
    for (const { run, epoch } of this.#runs) {
      const t = instantOf(epoch, id);
      if (t !== undefined && run.has(t)) return before + run.countAtOrAfter(t) - 1;
      before += run.length;
    }
    return undefined;
  }
}

function describe(epoch: Epoch, calendar: Calendar, at: number): ScheduledPoint {
  const owners = calendar.owners(at);
  // The initial snapshot is on no item's calendar: it belongs to the most frequent item.
  const items = owners.length > 0 ? owners : [...epoch.items].sort((a, b) => RANK[a.frequencyType] - RANK[b.frequencyType]).slice(0, 1);
  let coarsest = items[0]!;
  let expiresAt = 0;
  for (const i of items) {
    if (RANK[i.frequencyType] > RANK[coarsest.frequencyType]) coarsest = i;
    expiresAt = Math.max(expiresAt, addRetention(at, i.retentionUnit, i.retentionValue));
  }
  return { id: snapshotId(epoch, at), at, frequencyType: coarsest.frequencyType, policyItemIds: items.map((i) => i.id), expiresAt };
}

/** The next instant after `now` at which the schedule takes a snapshot (the schedule's `nextSnapshot`). */
export function nextSnapshot(epoch: Epoch, now: number): number | undefined {
  const cal = new Calendar(epoch);
  let best: number | undefined;
  const horizon = now + 400 * DAY;
  for (const item of epoch.items) {
    // Walk forward from now through at most a year and a bit: the first point in (now, horizon].
    const run = cal.points(item, now, horizon);
    if (run.length > 0) {
      const t = run.at(run.length - 1);
      if (best === undefined || t < best) best = t;
    }
  }
  return best === undefined ? undefined : Math.max(best, epoch.from);
}
