import type { World } from '../sim/world.js';
import { ApiKeys } from '../sim/apiKeys.js';
import { ServiceAccounts } from '../sim/serviceAccounts.js';
import { AtlasError } from '../sim/errors.js';
import { ipInAny } from '../sim/cidr.js';
import type { Principal } from '../sim/principals.js';
import { TOKEN_LIFETIME_SECONDS } from '../sim/tokens.js';
import { AuditLog, type AuthMethod } from './audit.js';
import { DigestAuth, parseDigest, type DigestFailure } from './digest.js';
import { TokenSigner } from './jwt.js';
import { Lockouts, type LockoutSettings } from './lockout.js';

export interface AuthSettings {
  nonceLifetimeSeconds?: number;
  lockout?: Partial<LockoutSettings>;
  issuer?: string;
  /** Entries kept in the audit log. */
  auditCapacity?: number;
  /** Digest nonces kept at most. */
  maxNonces?: number;
  /** Access-token grants kept at most (bounds the cache of verified tokens too). */
  maxTokens?: number;
}

/** Where the attempt came from, for the audit log. */
export interface AttemptContext {
  ip: string;
  /** `METHOD /path` */
  route: string;
}

export type Authentication =
  | { ok: true; principal: Principal; method: 'DIGEST' | 'BEARER' }
  /** Refused: answer 401 with this `WWW-Authenticate` challenge and the fixed body. */
  | { ok: false; challenge: string };

/** A service account authenticated at the OAuth endpoints, with the secret it used. */
export interface ClientSession {
  clientId: string;
  orgId: string;
  secretId: string;
}

/**
 * Authentication for the Administration API: HTTP Digest with programmatic API keys,
 * Bearer tokens from the OAuth client-credentials flow of service accounts, the audit
 * log of failures, and temporary lockouts.
 */
export class Authenticator {
  readonly audit: AuditLog;
  readonly lockouts: Lockouts;
  readonly digest: DigestAuth;
  readonly signer: TokenSigner;
  readonly #world: World;

  constructor(world: World, settings: AuthSettings = {}) {
    this.#world = world;
    this.audit = new AuditLog(world.clock, settings.auditCapacity);
    this.lockouts = new Lockouts(world.clock, settings.lockout);
    this.digest = new DigestAuth(world.clock, world.random, settings.nonceLifetimeSeconds, settings.maxNonces);
    this.signer = new TokenSigner(world.random, settings.issuer, Math.min(10_000, settings.maxTokens ?? 10_000));
  }

  /** Authenticates an `/api/atlas/v2` request from its `Authorization` header. */
  async authenticate(method: string, target: string, authorization: string | undefined, at: AttemptContext): Promise<Authentication> {
    if (!authorization) {
      // The first leg of every Digest exchange: a challenge, not a failed attempt.
      return { ok: false, challenge: this.digest.challenge() };
    }
    if (/^Bearer\s/i.test(authorization)) return this.#bearer(authorization.slice(7).trim(), at);
    if (/^Digest\s/i.test(authorization)) return this.#digest(method, target, authorization, at);
    const scheme = /^Basic\s/i.test(authorization) ? 'BASIC' : 'NONE';
    this.#fail(scheme, null, 'unsupported-scheme', at);
    return { ok: false, challenge: this.digest.challenge() };
  }

  #digest(method: string, target: string, header: string, at: AttemptContext): Authentication {
    const creds = parseDigest(header);
    if (!creds) {
      this.#fail('DIGEST', null, 'malformed', at);
      return { ok: false, challenge: this.digest.challenge() };
    }
    if (this.lockouts.isLocked(creds.username)) {
      this.#fail('DIGEST', creds.username, 'locked-out', at, true);
      return { ok: false, challenge: this.digest.challenge() };
    }
    const result = this.digest.verify(creds, method, target, (u) => this.#world.apiKeys.findByPublicKey(u)?.privateKey ?? this.#world.cloudUsers.findCredential(u)?.credential.privateKey);
    if (!result.ok) {
      if (result.reason === 'stale-nonce') {
        // An expired nonce is not a wrong password: the client retries with the new one.
        this.#fail('DIGEST', creds.username, result.reason, at);
        return { ok: false, challenge: this.digest.challenge(true) };
      }
      this.#failPrincipal('DIGEST', creds.username, result.reason, at);
      return { ok: false, challenge: this.digest.challenge() };
    }
    const key = this.#world.apiKeys.findByPublicKey(creds.username);
    this.lockouts.succeed(creds.username);
    if (key) return { ok: true, principal: ApiKeys.principal(key), method: 'DIGEST' };
    // A user's own credential (control plane): the user's roles, its teams' included.
    const { user, credential } = this.#world.cloudUsers.findCredential(creds.username)!;
    return { ok: true, principal: this.#world.cloudUsers.principal(user, credential), method: 'DIGEST' };
  }

  async #bearer(token: string, at: AttemptContext): Promise<Authentication> {
    const claims = await this.signer.verify(token);
    const refuse = (reason: string, principal: string | null = claims?.sub ?? null, lockout = false): Authentication => {
      this.#fail('BEARER', principal, reason, at, lockout);
      return { ok: false, challenge: this.digest.challenge() };
    };
    if (!claims) return refuse('invalid-token', null);
    if (this.#world.clock.now() >= claims.exp * 1000) return refuse('expired-token');
    const grant = this.#world.tokens.find(claims.jti);
    if (!grant) return refuse('unknown-token');
    // The grant must be the one this very token was minted for, not another grant that
    // happens to carry the same id (a state rolled back, a seed reused).
    if (grant.clientId !== claims.sub || grant.issuedAt !== claims.iat * 1000 || grant.expiresAt !== claims.exp * 1000) return refuse('unknown-token');
    if (grant.revoked) return refuse('revoked-token');
    const account = this.#world.serviceAccounts.find(grant.clientId);
    if (!account) return refuse('deleted-service-account');
    if (!account.secrets.some((s) => s.id === grant.secretId)) return refuse('deleted-secret');
    // A locked-out principal is refused whatever it presents, tokens minted before included.
    if (this.lockouts.isLocked(account.clientId)) return refuse('locked-out', account.clientId, true);
    return { ok: true, principal: ServiceAccounts.principal(account), method: 'BEARER' };
  }

  /**
   * Checks service-account client credentials for the OAuth endpoints. They are compared
   * exactly as sent: no URL-decoding (wire-facts A.2; some OAuth libraries percent-encode
   * `_`, and Atlas then rejects them). Failures are audited and count toward lockout.
   */
  authenticateClient(clientId: string, clientSecret: string, at: AttemptContext & { method: AuthMethod }): ClientSession | null {
    if (this.lockouts.isLocked(clientId)) {
      this.#fail(at.method, clientId, 'locked-out', at, true);
      return null;
    }
    const result = this.#world.serviceAccounts.verifySecret(clientId, clientSecret);
    if ('failure' in result) {
      this.#failPrincipal(at.method, clientId, result.failure, at);
      return null;
    }
    this.lockouts.succeed(clientId);
    return { clientId, orgId: result.account.orgId, secretId: result.secret.id };
  }

  /**
   * Mints an access token (client-credentials grant). Tokens can be requested from any
   * address; the account's access list applies to the calls that use them.
   */
  issueToken(client: ClientSession): { accessToken: string; expiresIn: number } {
    const grant = this.#world.tokens.issue(client);
    const accessToken = this.signer.sign({
      iss: this.signer.issuer,
      aud: 'api://admin',
      sub: client.clientId,
      cid: client.clientId,
      actorId: client.clientId,
      iat: grant.issuedAt / 1000,
      exp: grant.expiresAt / 1000,
      jti: grant.jti,
    });
    return { accessToken, expiresIn: TOKEN_LIFETIME_SECONDS };
  }

  /** Revokes a token of the client. Per RFC 7009 an unknown or foreign token is silently ignored. */
  async revokeToken(client: ClientSession, token: string): Promise<void> {
    const claims = await this.signer.verify(token);
    if (claims && claims.sub === client.clientId) this.#world.tokens.revoke(claims.jti);
  }

  /** 403 IP_ADDRESS_NOT_ON_ACCESS_LIST when the principal has an access list without `ip`. */
  checkAccessList(principal: Principal, ip: string): void {
    if (principal.accessList.length === 0) return;
    const hit = principal.accessList.find((e) => ipInAny(ip, [e.cidrBlock]));
    if (!hit) throw new AtlasError('IP_ADDRESS_NOT_ON_ACCESS_LIST', [ip]);
    hit.lastUsed = this.#world.clock.now();
    hit.lastUsedAddress = ip;
    hit.count += 1;
  }

  #fail(method: AuthMethod, principal: string | null, reason: string | DigestFailure, at: AttemptContext, lockout = false): void {
    this.audit.record({ method, principal, principalId: this.#principalId(principal), ip: at.ip, reason, route: at.route, lockout });
  }

  /** The id of the principal a name belongs to (API key id for a public key; a client id is its own id), if it exists. */
  #principalId(name: string | null): string | null {
    if (name === null) return null;
    return this.#world.apiKeys.findByPublicKey(name)?.id ?? this.#world.cloudUsers.findCredential(name)?.credential.id ?? (this.#world.serviceAccounts.find(name) ? name : null);
  }

  /** A failure that counts toward the principal's lockout. */
  #failPrincipal(method: AuthMethod, principal: string, reason: string, at: AttemptContext): void {
    this.#fail(method, principal, reason, at);
    if (this.lockouts.fail(principal)) this.#fail(method, principal, 'lockout-started', at, true);
  }

  clear(): void {
    this.audit.clear();
    this.lockouts.clear();
    this.digest.clear();
  }
}
