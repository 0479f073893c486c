import { MEASUREMENT_GRANULARITIES } from '../../contracts/api/vocabulary.js';
import { AtlasError } from './errors.js';

/**
 * Measurement series of processes, disks, databases and Atlas Search: the time window a
 * query asks for, and synthetic values.
 *
 * Values are plausible but made up, and a pure function of the simulation's seed, the
 * series (process, partition or database, metric) and the data point's instant: two runs
 * with one seed give the same series, whatever the wall clock, and asking twice for the
 * same window gives the same points. Nothing is stored.
 */
export type Granularity = (typeof MEASUREMENT_GRANULARITIES)[number];
export type MeasurementUnits =
  | 'BYTES'
  | 'BYTES_PER_SECOND'
  | 'GIGABYTES_PER_HOUR'
  | 'MILLISECONDS'
  | 'PERCENT'
  | 'SCALAR'
  | 'SCALAR_PER_SECOND';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const STEP_MS: Record<Granularity, number> = { PT1M: MINUTE, PT5M: 5 * MINUTE, PT1H: HOUR, P1D: DAY };

/**
 * How far back each granularity goes. Decision (Atlas documents a retention per
 * granularity in its monitoring pages, not in the API; these are its usual figures):
 * minute data for 48 hours, five-minute data for 7 days, hourly data for 63 days, daily
 * data for as long as the process has existed. Points outside are not reported.
 */
const RETENTION_MS: Record<Granularity, number> = { PT1M: 2 * DAY, PT5M: 7 * DAY, PT1H: 63 * DAY, P1D: Number.POSITIVE_INFINITY };
/** The most points of one series in one answer (ten years of daily data). */
const MAX_POINTS = 3660;

/** The window and step of a measurements query. */
export interface MeasurementWindow {
  granularity: Granularity;
  start: number;
  end: number;
  step: number;
}

export interface WindowQuery {
  granularity?: string | undefined;
  period?: string | undefined;
  start?: string | undefined;
  end?: string | undefined;
}

/** `PnWnDTnHnMnS` (years and months have no fixed length and are refused). */
const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

function durationMs(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [, w, d, h, min, s] = m;
  const ms = (Number(w ?? 0) * 7 + Number(d ?? 0)) * DAY + Number(h ?? 0) * HOUR + Number(min ?? 0) * MINUTE + Number(s ?? 0) * 1000;
  return ms > 0 && Number.isFinite(ms) ? ms : undefined;
}

/** ISO 8601 date-time with a zone (`2026-01-01T00:00:00Z`, offsets, fractions). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function instant(text: string): number {
  const ms = DATE_TIME.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw new AtlasError('INVALID_DATE_FORMAT', [text]);
  return ms;
}

/**
 * The window a query names, as Atlas reads it: `granularity` is required and one of
 * PT1M, PT5M, PT1H, P1D (else 400 INVALID_GRANULARITY); then either `period` (an ISO 8601
 * duration ending now) or both `start` and `end`, never both forms (400
 * MUTUALLY_EXCLUSIVE_QUERY_PARAMETERS) and never neither (400 MISSING_QUERY_PARAMETER).
 * Decisions where the codes are unrecorded: a bad duration is 400 INVALID_PERIOD, a bad
 * date 400 INVALID_DATE_FORMAT, and an end not after the start 400 INVALID_DATE_RANGE.
 */
export function measurementWindow(q: WindowQuery, now: number): MeasurementWindow {
  if (q.granularity === undefined) throw new AtlasError('MISSING_QUERY_PARAMETER', ['granularity']);
  const granularity = MEASUREMENT_GRANULARITIES.find((g) => g === q.granularity);
  if (!granularity) throw new AtlasError('INVALID_GRANULARITY', [q.granularity]);
  const step = STEP_MS[granularity];
  if (q.period !== undefined) {
    if (q.start !== undefined || q.end !== undefined) throw new AtlasError('MUTUALLY_EXCLUSIVE_QUERY_PARAMETERS', ['period', q.start !== undefined ? 'start' : 'end']);
    const length = durationMs(q.period);
    if (length === undefined) throw new AtlasError('INVALID_PERIOD', []);
    return { granularity, start: now - length, end: now, step };
  }
  if (q.start === undefined && q.end === undefined) throw new AtlasError('MISSING_QUERY_PARAMETER', ['period']);
  if (q.start === undefined) throw new AtlasError('MISSING_QUERY_PARAMETER', ['start']);
  if (q.end === undefined) throw new AtlasError('MISSING_QUERY_PARAMETER', ['end']);
  const start = instant(q.start);
  const end = instant(q.end);
  if (end <= start) throw new AtlasError('INVALID_DATE_RANGE', [q.start, q.end]);
  return { granularity, start, end, step };
}

/**
 * The instants of a window's data points: multiples of the step from the start to the
 * end, only while the series existed (`since`), within the granularity's retention and
 * not after now.
 */
export function pointTimes(w: MeasurementWindow, since: number, now: number): number[] {
  const to = Math.min(w.end, now);
  // Daily data is kept as long as the process lives; a bound keeps an answer's size sane
  // when the clock is moved decades ahead (the latest points are the ones kept).
  const from = Math.max(w.start, since, now - RETENTION_MS[w.granularity], to - MAX_POINTS * w.step);
  const out: number[] = [];
  for (let t = Math.ceil(from / w.step) * w.step; t <= to; t += w.step) out.push(t);
  return out;
}

/**
 * Units of a metric, from its name (the document lists names, not units). Decision: the
 * units are those Atlas shows in its charts, limited to the document's enum, so journal
 * and memory sizes in megabytes are given in BYTES, oplog windows and lags in
 * MILLISECONDS.
 */
const UNIT_RULES: ReadonlyArray<readonly [RegExp, MeasurementUnits]> = [
  [/CPU|_PERCENT_|RATIO$/, 'PERCENT'],
  [/GB_PER_HOUR$/, 'GIGABYTES_PER_HOUR'],
  [/THROUGHPUT|NETWORK_BYTES|SYSTEM_NETWORK_(IN|OUT)$|CACHE_BYTES_(READ_INTO|WRITTEN_FROM)$/, 'BYTES_PER_SECOND'],
  [/LATENCY|OP_EXECUTION_TIME|BACKGROUND_FLUSH_AVG|^OPLOG_|REPLICATION_LAG/, 'MILLISECONDS'],
  [/MEMORY|SWAP|_BYTES$|SIZE|_TOTAL$|SPACE_(FREE|USED)$|DISK_(UTILIZATION|USAGE)|JOURNALING_(MB|WRITE_DATA_FILES_MB)$/, 'BYTES'],
  [
    /IOPS|OPCOUNTER|DOCUMENT_METRICS|^ASSERT_|NUM_REQUESTS|PAGE_FAULT|BTREE_(ACCESSES|HITS|MISSES)$|^OPERATIONS?_|QUERY_EXECUTOR|TIMED_OUT|SPILL|NUMBER_OF_(DELETES|INSERTS|UPDATES|GETMORE|ERROR|SUCCESS)|TOTAL_NUMBER_OF_QUERIES|NOT_IN_MEMORY|JOURNALING_COMMITS/,
    'SCALAR_PER_SECOND',
  ],
];

export function unitsOf(metric: string): MeasurementUnits {
  return UNIT_RULES.find(([re]) => re.test(metric))?.[1] ?? 'SCALAR';
}

/** What a series' values scale with. */
export interface SeriesContext {
  seed: number;
  /** Identifies the series' owner: process id, plus partition, database or namespace. */
  key: string;
  /** Disk size of the node, bytes. */
  diskBytes: number;
}

/** FNV-1a over the text, then a splitmix finaliser: a well-spread 32-bit hash. */
function hash(text: string, salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const unit = (h: number): number => h / 4294967296;

/**
 * A level in [0, 1] for a series at an instant: a base of its own, a daily cycle and a
 * little noise, so charts look alive and stay stable.
 */
function level(ctx: SeriesContext, metric: string, t: number): number {
  const id = `${ctx.key}\0${metric}`;
  const base = unit(hash(id, ctx.seed));
  const phase = unit(hash(id, ctx.seed ^ 0x5bd1e995)) * 2 * Math.PI;
  const noise = unit(hash(`${id}\0${t}`, ctx.seed));
  const v = 0.15 + 0.5 * base + 0.15 * Math.sin((2 * Math.PI * t) / DAY + phase) + 0.2 * noise;
  return Math.min(1, Math.max(0, v));
}

const round = (v: number, digits: number): number => Number(v.toFixed(digits));

/** Share of the disk in use: between 5% and 45%, moving slowly. */
function diskUsed(ctx: SeriesContext, t: number): number {
  return 0.05 + 0.4 * level(ctx, 'DISK_PARTITION_SPACE_USED', t);
}

/** One value of a metric. Disk space metrics agree with each other and with the disk size. */
export function metricValue(metric: string, ctx: SeriesContext, t: number): number {
  const name = metric.replace(/^MAX_/, '');
  const peak = metric.startsWith('MAX_') ? 1.1 : 1;
  switch (name) {
    case 'DISK_PARTITION_SPACE_USED':
      return Math.round(ctx.diskBytes * Math.min(1, diskUsed(ctx, t) * peak));
    case 'DISK_PARTITION_SPACE_FREE':
      return Math.round(ctx.diskBytes * (1 - Math.min(1, diskUsed(ctx, t) * peak)));
    case 'DISK_PARTITION_SPACE_PERCENT_USED':
      return round(100 * Math.min(1, diskUsed(ctx, t) * peak), 2);
    case 'DISK_PARTITION_SPACE_PERCENT_FREE':
      return round(100 * (1 - Math.min(1, diskUsed(ctx, t) * peak)), 2);
  }
  const x = level(ctx, metric, t) * peak;
  switch (unitsOf(metric)) {
    case 'PERCENT':
      // Steal, interrupts, guest and nice time stay near zero on a healthy node.
      return round(x * (/STEAL|IRQ|GUEST|NICE/.test(name) ? 2 : /CPU/.test(name) ? 40 : 100), 2);
    case 'SCALAR_PER_SECOND':
      return round(x * (/ASSERT|TIMED_OUT|ERROR|REJECTED|SPILL|KILLED/.test(name) ? 0.5 : 150), 2);
    case 'BYTES_PER_SECOND':
      return Math.round(x * 4_000_000);
    case 'BYTES':
      return Math.round(x * (/MEMORY|SWAP|CACHE/.test(name) ? 4 * 2 ** 30 : 0.2 * ctx.diskBytes));
    case 'MILLISECONDS':
      return round(x * (/^OPLOG_MASTER_TIME|^OPLOG_SLAVE_LAG_MASTER_TIME/.test(name) ? 48 * HOUR : 25), 2);
    case 'GIGABYTES_PER_HOUR':
      return round(x * 0.5, 4);
    case 'SCALAR':
      return Math.round(x * (/CONNECTIONS|TICKETS/.test(name) ? 120 : /RESTARTS/.test(name) ? 0 : 40));
  }
}

/** One metric's series over a window, as Atlas lists it. */
export interface Series {
  name: string;
  units: MeasurementUnits;
  dataPoints: Array<{ timestamp: number; value: number }>;
}

export function series(metric: string, ctx: SeriesContext, times: readonly number[]): Series {
  return { name: metric, units: unitsOf(metric), dataPoints: times.map((t) => ({ timestamp: t, value: metricValue(metric, ctx, t) })) };
}

/**
 * The metrics a query names (`m` or `metrics`), each one of `known`: an unknown name is
 * 404 INVALID_METRIC_NAME (the catalog's code for it), more than ten 400
 * INVALID_QUERY_PARAMETER (the document's `maxItems`). None named: all of them when
 * `required` is false, else 400 MISSING_QUERY_PARAMETER.
 */
export function chooseMetrics(requested: readonly string[] | undefined, known: readonly string[], parameter: string, required: boolean): string[] {
  if (!requested || requested.length === 0) {
    if (required) throw new AtlasError('MISSING_QUERY_PARAMETER', [parameter]);
    return [...known];
  }
  const unique = [...new Set(requested)];
  if (unique.length > 10) throw new AtlasError('INVALID_QUERY_PARAMETER', [parameter]);
  for (const m of unique) if (!known.includes(m)) throw new AtlasError('INVALID_METRIC_NAME', [m]);
  return unique;
}
