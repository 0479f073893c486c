/**
 * The simulation clock: the only source of time in the simulator.
 *
 * Token expiry, Digest nonce expiry, `created` dates, ObjectId time parts, rate-limit
 * refills and cluster lifecycles all read it. Two modes:
 * - `real`: follows the wall clock plus an offset, so a developer's local server ages
 *   the way Atlas does (a cluster turns IDLE while Terraform polls).
 * - `manual`: frozen at a start instant and moved only by `advance`/`set`, so tests
 *   and seeded runs are deterministic.
 * Moving a real clock changes its offset; it keeps ticking from the new instant.
 */
export type ClockMode = 'real' | 'manual';

/**
 * The latest instant the clock can show: 2106-02-07T06:28:15Z, the last second an
 * ObjectId's 32-bit time part can hold (and far inside what a JavaScript Date can). The
 * earliest is the epoch. Moving the clock outside is refused, so that no date the
 * simulator renders can fail.
 */
export const MAX_CLOCK_MS = 0xffffffff * 1000;

/** 2026-01-01T00:00:00Z: the default start of a manual clock. */
export const DEFAULT_MANUAL_START_MS = Date.UTC(2026, 0, 1);

export interface ClockSnapshot {
  mode: ClockMode;
  /** Current simulated instant, epoch milliseconds. */
  nowMs: number;
  /** ISO-8601 form of `nowMs`. */
  now: string;
}

export class SimClock {
  readonly mode: ClockMode;
  /** For `real`: offset added to the wall clock. For `manual`: the current instant. */
  #value: number;

  constructor(mode: ClockMode = 'real', startMs?: number) {
    this.mode = mode;
    if (mode === 'manual') this.#value = startMs ?? DEFAULT_MANUAL_START_MS;
    else this.#value = startMs === undefined ? 0 : startMs - Date.now();
  }

  #pinned: number | undefined;

  /** Epoch milliseconds. */
  now(): number {
    if (this.#pinned !== undefined) return this.#pinned;
    return this.mode === 'manual' ? this.#value : Date.now() + this.#value;
  }

  /**
   * Runs `fn` with the clock reading `epochMs`. Used to seed the default tenant at a
   * fixed instant, so that the same seed gives the same ids whatever the clock mode.
   */
  runAt<T>(epochMs: number, fn: () => T): T {
    const previous = this.#pinned;
    this.#pinned = epochMs;
    try {
      return fn();
    } finally {
      this.#pinned = previous;
    }
  }

  /** Whole epoch seconds, the resolution Atlas uses for entity timestamps. */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Moves the clock forward (never backward) by `seconds`. */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('seconds must be a non-negative number');
    const target = this.now() + seconds * 1000;
    if (target > MAX_CLOCK_MS) throw new RangeError(`the clock cannot go past ${new Date(MAX_CLOCK_MS).toISOString()}`);
    this.#value += seconds * 1000;
  }

  /** Jumps to an absolute instant (may move backward: useful to replay a scenario). */
  set(epochMs: number): void {
    if (!Number.isFinite(epochMs)) throw new RangeError('epochMs must be a number');
    if (epochMs < 0 || epochMs > MAX_CLOCK_MS) throw new RangeError(`the clock must stay between ${new Date(0).toISOString()} and ${new Date(MAX_CLOCK_MS).toISOString()}`);
    this.#value = this.mode === 'manual' ? epochMs : epochMs - Date.now();
  }

  snapshot(): ClockSnapshot {
    const nowMs = this.now();
    return { mode: this.mode, nowMs, now: new Date(nowMs).toISOString() };
  }
}

/** `2026-08-10T03:01:55Z`: ISO-8601 UTC without fractional seconds, as Atlas writes entity dates. */
export function isoSeconds(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * RFC 1123 date as Atlas writes it in `Deprecation`/`Sunset`: the day of the month is
 * NOT zero-padded (`Mon, 5 Aug 2024 00:00:00 GMT`), unlike the HTTP `Date` header.
 */
export function rfc1123Unpadded(epochMs: number): string {
  const d = new Date(epochMs);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${hh}:${mm}:${ss} GMT`;
}
