import { createHash, timingSafeEqual } from 'node:crypto';
import type { SimClock } from '../sim/clock.js';
import type { SeededRandom } from '../sim/random.js';

/** The realm Atlas's Digest challenge names (wire-facts A.1). */
export const DIGEST_REALM = 'MMS Public API';

/** Default nonce lifetime. Atlas's is unrecorded; wire-facts recommends "a few minutes". */
export const DEFAULT_NONCE_LIFETIME_SECONDS = 300;

/** Nonces kept at most by default; the oldest are forgotten first (their clients just re-challenge). */
export const DEFAULT_MAX_NONCES = 100_000;
/**
 * How far below the highest `nc` seen on a nonce a request may still come (requests sent
 * in parallel arrive out of order). Anything older is refused as a replay, since it can
 * no longer be told apart from one.
 */
const NC_WINDOW = 1024;

export interface DigestCredentials {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  qop?: string;
  nc?: string;
  cnonce?: string;
  algorithm?: string;
  opaque?: string;
}

export type DigestFailure = 'malformed' | 'unknown-nonce' | 'stale-nonce' | 'replayed-nc' | 'bad-qop' | 'bad-algorithm' | 'uri-mismatch' | 'bad-response' | 'unknown-user';

/**
 * Parses `Authorization: Digest k=v, k="v", ...`. Quoted values may contain commas and
 * escaped quotes. Returns null when a required field is missing.
 */
export function parseDigest(header: string): DigestCredentials | null {
  const m = /^Digest\s+/i.exec(header);
  if (!m) return null;
  const fields: Record<string, string> = {};
  const re = /\s*([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/gy;
  re.lastIndex = m[0].length;
  let f: RegExpExecArray | null;
  while (re.lastIndex < header.length && (f = re.exec(header))) {
    fields[f[1]!.toLowerCase()] = f[2] !== undefined ? f[2].replace(/\\(.)/g, '$1') : (f[3] ?? '');
  }
  const { username, realm, nonce, uri, response } = fields;
  if (username === undefined || realm === undefined || nonce === undefined || uri === undefined || response === undefined) return null;
  return {
    username,
    realm,
    nonce,
    uri,
    response,
    ...(fields.qop !== undefined && { qop: fields.qop }),
    ...(fields.nc !== undefined && { nc: fields.nc }),
    ...(fields.cnonce !== undefined && { cnonce: fields.cnonce }),
    ...(fields.algorithm !== undefined && { algorithm: fields.algorithm }),
    ...(fields.opaque !== undefined && { opaque: fields.opaque }),
  };
}

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

/** The RFC 7616 `response` for qop=auth with MD5. */
export function digestResponse(
  c: Pick<DigestCredentials, 'username' | 'realm' | 'nonce' | 'uri' | 'nc' | 'cnonce'>,
  password: string,
  method: string,
): string {
  const ha1 = md5(`${c.username}:${c.realm}:${password}`);
  const ha2 = md5(`${method}:${c.uri}`);
  return md5(`${ha1}:${c.nonce}:${c.nc}:${c.cnonce}:auth:${ha2}`);
}

interface NonceState {
  issuedAt: number;
  /** Highest `nc` accepted so far (0: none). */
  highest: number;
  /** `nc` values accepted within the window below `highest`; created on first use. */
  seen?: Set<number>;
}

/**
 * Atlas's HTTP Digest: qop=auth, MD5, realm "MMS Public API". Nonces come from the
 * seeded generator and expire on the simulation clock; a client may reuse a nonce with a
 * new `nc` (Python requests, Node urllib do), but never repeat an `nc`.
 */
export class DigestAuth {
  readonly #nonces = new Map<string, NonceState>();
  readonly #clock: SimClock;
  readonly #random: SeededRandom;
  nonceLifetimeSeconds: number;
  readonly maxNonces: number;

  constructor(clock: SimClock, random: SeededRandom, nonceLifetimeSeconds = DEFAULT_NONCE_LIFETIME_SECONDS, maxNonces = DEFAULT_MAX_NONCES) {
    this.#clock = clock;
    this.#random = random;
    this.nonceLifetimeSeconds = nonceLifetimeSeconds;
    this.maxNonces = maxNonces;
  }

  /** Nonces on record. */
  get size(): number {
    return this.#nonces.size;
  }

  /**
   * `WWW-Authenticate` value, byte for byte in Atlas's form: fixed parameter order,
   * `algorithm` and `stale` unquoted, no `opaque`.
   */
  challenge(stale = false): string {
    const now = this.#clock.now();
    // Nonces are kept in issue order: expired ones, then any past the limit, are at the head.
    for (const [old, state] of this.#nonces) {
      if (this.#nonces.size < this.maxNonces && now - state.issuedAt < this.nonceLifetimeSeconds * 1000) break;
      this.#nonces.delete(old);
    }
    const nonce = this.#random.base64(24);
    this.#nonces.set(nonce, { issuedAt: now, highest: 0 });
    return `Digest realm="${DIGEST_REALM}", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=${stale}`;
  }

  /**
   * Checks the nonce and `nc` (before the password, so that unknown users and wrong
   * passwords are indistinguishable), then the response hash. `password` is looked up
   * by username only once the nonce is fine.
   */
  verify(
    c: DigestCredentials,
    method: string,
    requestTarget: string,
    password: (username: string) => string | undefined,
  ): { ok: true } | { ok: false; reason: DigestFailure } {
    if (c.algorithm !== undefined && c.algorithm.toUpperCase() !== 'MD5') return { ok: false, reason: 'bad-algorithm' };
    if (c.qop !== 'auth' || c.nc === undefined || c.cnonce === undefined || !/^[0-9a-fA-F]{8}$/.test(c.nc)) {
      return { ok: false, reason: 'bad-qop' };
    }
    if (c.realm !== DIGEST_REALM) return { ok: false, reason: 'malformed' };
    if (!sameResource(c.uri, requestTarget)) return { ok: false, reason: 'uri-mismatch' };
    const state = this.#nonces.get(c.nonce);
    if (!state) return { ok: false, reason: 'unknown-nonce' };
    if (this.#clock.now() - state.issuedAt >= this.nonceLifetimeSeconds * 1000) {
      this.#nonces.delete(c.nonce);
      return { ok: false, reason: 'stale-nonce' };
    }
    const nc = parseInt(c.nc, 16);
    if (nc === 0 || nc <= state.highest - NC_WINDOW || state.seen?.has(nc)) return { ok: false, reason: 'replayed-nc' };
    const secret = password(c.username);
    if (secret === undefined) return { ok: false, reason: 'unknown-user' };
    const expected = Buffer.from(digestResponse(c, secret, method));
    const given = Buffer.from(c.response.toLowerCase());
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-response' };
    state.seen ??= new Set();
    state.seen.add(nc);
    if (nc > state.highest) {
      state.highest = nc;
      // Values that fell out of the window are refused by the comparison above.
      if (state.seen.size > NC_WINDOW) for (const v of state.seen) if (v <= nc - NC_WINDOW) state.seen.delete(v);
    }
    return { ok: true };
  }

  clear(): void {
    this.#nonces.clear();
  }
}

/**
 * The digest `uri` must name the resource being requested. Clients send the request
 * target with its query (curl, requests) or, rarely, an absolute URL.
 */
function sameResource(digestUri: string, requestTarget: string): boolean {
  if (digestUri === requestTarget) return true;
  try {
    const a = new URL(digestUri, 'http://x');
    const b = new URL(requestTarget, 'http://x');
    return a.pathname === b.pathname && a.search === b.search;
  } catch {
    return false;
  }
}
