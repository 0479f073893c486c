import { ENDPOINT_SETS, type EndpointSet, type EndpointSetId } from '../../contracts/api/rateLimits.js';
import type { SimClock } from '../sim/clock.js';
import { AtlasError } from '../sim/errors.js';

export interface RateLimitSettings {
  /** Off: no buckets, no `Ratelimit-*` headers, never 429. */
  enabled: boolean;
  /** Per endpoint set: a different capacity and/or refill (tokens per refill period). */
  overrides: Partial<Record<EndpointSetId, { capacity?: number; refill?: number }>>;
}

export interface BucketState {
  limit: number;
  remaining: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Atlas's token buckets, one per endpoint set and scope key (project, organization or
 * principal), refilled continuously on the simulation clock. A request takes one token;
 * an empty bucket answers 429 RATE_LIMITED_TOKEN_BUCKET with `Retry-After` set to the
 * seconds until the next token (wire-facts C.4).
 */
export class RateLimiter {
  readonly #clock: SimClock;
  readonly #buckets = new Map<string, Bucket>();
  #settings: RateLimitSettings;

  constructor(clock: SimClock, settings: Partial<RateLimitSettings> = {}) {
    this.#clock = clock;
    this.#settings = { enabled: settings.enabled ?? true, overrides: settings.overrides ?? {} };
  }

  get settings(): RateLimitSettings {
    return { enabled: this.#settings.enabled, overrides: { ...this.#settings.overrides } };
  }

  configure(settings: Partial<RateLimitSettings>): void {
    this.#settings = {
      enabled: settings.enabled ?? this.#settings.enabled,
      overrides: { ...this.#settings.overrides, ...settings.overrides },
    };
    this.#buckets.clear();
  }

  reset(): void {
    this.#buckets.clear();
  }

  endpointSet(id: EndpointSetId): EndpointSet {
    const base = ENDPOINT_SETS[id];
    const o = this.#settings.overrides[id];
    return o ? { ...base, capacity: o.capacity ?? base.capacity, refill: o.refill ?? base.refill } : base;
  }

  /** Takes a token or throws 429. Returns null when rate limiting is off. */
  take(id: EndpointSetId, scopeKey: string): BucketState | null {
    if (!this.#settings.enabled) return null;
    const set = this.endpointSet(id);
    const key = `${id}|${scopeKey}`;
    const now = this.#clock.now();
    const perMs = set.refill / (set.refillSeconds * 1000);
    let b = this.#buckets.get(key);
    if (!b) this.#buckets.set(key, (b = { tokens: set.capacity, updatedAt: now }));
    else {
      b.tokens = Math.min(set.capacity, b.tokens + Math.max(0, now - b.updatedAt) * perMs);
      b.updatedAt = now;
    }
    if (b.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
      throw new AtlasError(
        'RATE_LIMITED_TOKEN_BUCKET',
        [set.name, retryAfter, set.capacity, set.refill, set.refillSeconds],
        { headers: { 'Ratelimit-Limit': String(set.capacity), 'Ratelimit-Remaining': '0', 'Retry-After': String(retryAfter) } },
      );
    }
    b.tokens -= 1;
    return { limit: set.capacity, remaining: Math.floor(b.tokens) };
  }
}
