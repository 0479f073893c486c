import { isoSeconds, type SimClock } from '../sim/clock.js';

/** How the caller tried to authenticate. */
export type AuthMethod = 'DIGEST' | 'BEARER' | 'TOKEN_ENDPOINT' | 'REVOKE_ENDPOINT' | 'BASIC' | 'NONE';

export interface AuditEntry {
  /** ISO-8601 time on the simulation clock. */
  time: string;
  /** Epoch ms, for filtering. */
  timeMs: number;
  method: AuthMethod;
  /** API key public key, service account client id, or the username tried (even when unknown). */
  principal: string | null;
  /** Id of the principal that name belongs to (API key id, or client id), or null when it names none. */
  principalId: string | null;
  ip: string;
  /**
   * Why it failed: Digest `malformed`, `unknown-user`, `bad-response`, `stale-nonce`, ...;
   * token endpoint `unknown-client`, `invalid-secret`, `expired-secret`,
   * `missing-credentials`; Bearer `invalid-token`, `expired-token`, `revoked-token`,
   * `deleted-secret`, `deleted-service-account`; and `locked-out` / `lockout-started`.
   */
  reason: string;
  /** The route asked for: `METHOD /path`. */
  route: string;
  /** True when the attempt was refused because the principal is locked out. */
  lockout: boolean;
}

export interface AuditFilter {
  sinceMs?: number;
  untilMs?: number;
  principal?: string;
  ip?: string;
}

/**
 * The log Atlas for Government keeps of failed logins, failed Digest authentications and
 * lockouts, with the username and IP address. Never holds a secret. Bounded: the oldest
 * entries are dropped first.
 */
export class AuditLog {
  readonly #entries: AuditEntry[] = [];
  readonly #clock: SimClock;
  readonly capacity: number;

  constructor(clock: SimClock, capacity = 10_000) {
    this.#clock = clock;
    this.capacity = capacity;
  }

  record(entry: Omit<AuditEntry, 'time' | 'timeMs' | 'lockout' | 'principalId'> & { lockout?: boolean; principalId?: string | null }): AuditEntry {
    const timeMs = this.#clock.now();
    const full: AuditEntry = {
      time: isoSeconds(timeMs),
      timeMs,
      method: entry.method,
      principal: entry.principal,
      principalId: entry.principalId ?? null,
      ip: entry.ip,
      reason: entry.reason,
      route: entry.route,
      lockout: entry.lockout ?? false,
    };
    this.#entries.push(full);
    if (this.#entries.length > this.capacity) this.#entries.splice(0, this.#entries.length - this.capacity);
    return full;
  }

  list(filter: AuditFilter = {}): AuditEntry[] {
    return this.#entries.filter(
      (e) =>
        (filter.sinceMs === undefined || e.timeMs >= filter.sinceMs) &&
        (filter.untilMs === undefined || e.timeMs <= filter.untilMs) &&
        (filter.principal === undefined || e.principal === filter.principal || e.principalId === filter.principal) &&
        (filter.ip === undefined || e.ip === filter.ip),
    );
  }

  clear(): void {
    this.#entries.length = 0;
  }
}
