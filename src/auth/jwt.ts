import { p521 } from '@noble/curves/nist.js';
import { importJWK, jwtVerify, type JWTPayload } from 'jose';
import type { SeededRandom } from '../sim/random.js';

/** Claims of an Atlas service-account access token (wire-facts A.2, from the Gov docs' sample). */
export interface AccessTokenClaims {
  iss: string;
  aud: 'api://admin';
  sub: string;
  cid: string;
  actorId: string;
  iat: number;
  exp: number;
  jti: string;
}

/** Issuer of tokens minted by Atlas for Government. */
export const GOV_ISSUER = 'https://cloud.mongodbgov.com';

const b64url = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64url');

/** Verified tokens kept by default so that repeat Bearer calls skip the 2 ms P-521 verification. */
const VERIFIED_CACHE_SIZE = 10_000;

/**
 * Signs and verifies ES512 (P-521) JWTs.
 *
 * Signing uses @noble/curves because its ECDSA is deterministic (RFC 6979): with a
 * key derived from the seed, the same seed and requests give byte-identical tokens,
 * which node:crypto's randomised ECDSA cannot. Verification uses jose, an independent
 * implementation, so every token we accept is a standard JWT a real client could check.
 */
export class TokenSigner {
  readonly kid: string;
  readonly issuer: string;
  readonly #seed: Uint8Array;
  #keys: { secretKey: Uint8Array; publicJwk: { kty: 'EC'; crv: 'P-521'; x: string; y: string } } | undefined;
  #verifyKey: ReturnType<typeof importJWK> | undefined;
  readonly #verified = new Map<string, AccessTokenClaims>();
  /** No more tokens are worth caching than the grants kept on record. */
  readonly #cacheSize: number;

  constructor(random: SeededRandom, issuer = GOV_ISSUER, cacheSize = VERIFIED_CACHE_SIZE) {
    this.issuer = issuer;
    this.#cacheSize = cacheSize;
    this.kid = random.uuid();
    // Drawn now, so the random stream is the same whether or not tokens are ever used.
    this.#seed = random.bytes(p521.lengths.seed ?? 99);
  }

  /** P-521 key derivation costs ~200 ms of BigInt work: done on first use, not at start-up. */
  #material() {
    if (!this.#keys) {
      const secretKey = p521.utils.randomSecretKey(this.#seed);
      const pub = p521.getPublicKey(secretKey, false);
      const n = (pub.length - 1) / 2;
      this.#keys = { secretKey, publicJwk: { kty: 'EC', crv: 'P-521', x: b64url(pub.slice(1, 1 + n)), y: b64url(pub.slice(1 + n)) } };
    }
    return this.#keys;
  }

  /** The public key as a JWK set, for clients that want to verify tokens themselves. */
  jwks(): { keys: Array<Record<string, string>> } {
    return { keys: [{ ...this.#material().publicJwk, kid: this.kid, alg: 'ES512', use: 'sig' }] };
  }

  sign(claims: AccessTokenClaims): string {
    const header = b64url(JSON.stringify({ alg: 'ES512', typ: 'JWT', kid: this.kid }));
    const body = b64url(
      JSON.stringify({
        iss: claims.iss,
        aud: claims.aud,
        sub: claims.sub,
        cid: claims.cid,
        actorId: claims.actorId,
        iat: claims.iat,
        exp: claims.exp,
        jti: claims.jti,
      }),
    );
    const input = `${header}.${body}`;
    return `${input}.${b64url(p521.sign(new TextEncoder().encode(input), this.#material().secretKey))}`;
  }

  /**
   * The claims of a token this signer issued, or null when the signature, algorithm,
   * issuer or audience is wrong. Expiry is NOT checked here: the caller checks it
   * against the simulation clock on every request.
   */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    const hit = this.#verified.get(token);
    if (hit) return hit;
    if (token.length > 4096) return null;
    this.#verifyKey ??= importJWK(this.#material().publicJwk, 'ES512');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.#verifyKey, {
        algorithms: ['ES512'],
        issuer: this.issuer,
        audience: 'api://admin',
        // Expiry is judged on the simulation clock by the caller, not on the wall clock.
        currentDate: new Date(0),
      }));
    } catch {
      return null;
    }
    const claims = payload as unknown as AccessTokenClaims;
    if (typeof claims.jti !== 'string' || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null;
    if (this.#verified.size >= this.#cacheSize) this.#verified.delete(this.#verified.keys().next().value!);
    this.#verified.set(token, claims);
    return claims;
  }
}
