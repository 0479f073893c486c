import type { SimClock } from '../sim/clock.js';

export interface LockoutSettings {
  /** Failed attempts for one principal within `windowSeconds` that trigger a lockout; 0 disables. */
  maxFailures: number;
  windowSeconds: number;
  /** How long a locked-out principal is refused, even with the right secret. */
  lockoutSeconds: number;
}

/**
 * Defaults: 10 failures in 5 minutes lock the principal out for 15 minutes. Atlas for
 * Government locks UI accounts after 3 failures for 30 minutes; its API lockout values are
 * unpublished, so these are set loose enough that a test of a wrong password does not
 * lock out the seeded credentials used by the rest of a suite.
 */
export const DEFAULT_LOCKOUT: LockoutSettings = { maxFailures: 10, windowSeconds: 300, lockoutSeconds: 900 };

interface Failures {
  times: number[];
  lockedUntil: number;
}

/**
 * Temporary lockout of principals after repeated failed authentication, keyed by the
 * principal name tried (known or not, so lockouts reveal nothing about which names exist).
 */
export class Lockouts {
  readonly #clock: SimClock;
  readonly #state = new Map<string, Failures>();
  settings: LockoutSettings;

  constructor(clock: SimClock, settings: Partial<LockoutSettings> = {}) {
    this.#clock = clock;
    this.settings = { ...DEFAULT_LOCKOUT, ...settings };
  }

  isLocked(principal: string): boolean {
    const s = this.#state.get(principal);
    return s !== undefined && this.#clock.now() < s.lockedUntil;
  }

  /** Counts a failure; returns true when this failure starts a lockout. */
  fail(principal: string): boolean {
    if (this.settings.maxFailures <= 0) return false;
    const now = this.#clock.now();
    let s = this.#state.get(principal);
    if (!s) {
      if (this.#state.size >= 100_000) this.#state.delete(this.#state.keys().next().value!);
      this.#state.set(principal, (s = { times: [], lockedUntil: 0 }));
    }
    const from = now - this.settings.windowSeconds * 1000;
    s.times = s.times.filter((t) => t > from);
    s.times.push(now);
    if (s.times.length >= this.settings.maxFailures && now >= s.lockedUntil) {
      s.lockedUntil = now + this.settings.lockoutSeconds * 1000;
      s.times = [];
      return true;
    }
    return false;
  }

  /** Principals locked out now, with the instant (epoch ms) their lockout ends. */
  active(): Array<{ principal: string; lockedUntil: number }> {
    const now = this.#clock.now();
    return [...this.#state].filter(([, s]) => now < s.lockedUntil).map(([principal, s]) => ({ principal, lockedUntil: s.lockedUntil }));
  }

  /** Changes the settings from now on; counts and lockouts in progress are kept. */
  configure(settings: Partial<LockoutSettings>): LockoutSettings {
    this.settings = { ...this.settings, ...settings };
    return this.settings;
  }

  /** A success clears the failure count (not an active lockout). */
  succeed(principal: string): void {
    const s = this.#state.get(principal);
    if (s && this.#clock.now() >= s.lockedUntil) this.#state.delete(principal);
  }

  clear(): void {
    this.#state.clear();
  }
}
