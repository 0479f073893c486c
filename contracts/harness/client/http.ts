/**
 * A small Atlas client for the contract harness: HTTP Digest (API keys) or OAuth 2.0
 * client credentials (service accounts), a custom CA for a local HTTPS simulator, and
 * every exchange kept for reports. Built on node:http/https so that it works the same
 * against a real host, a spawned simulator, and msw's in-process interception.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

export type Credentials =
  | { kind: 'oauth'; clientId: string; clientSecret: string }
  | { kind: 'digest'; publicKey: string; privateKey: string }
  | { kind: 'none' };

export interface HttpResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  text: string;
  /** Parsed body when it is JSON. */
  json: unknown;
}

/** One request and its answer, as reports show them (credentials never kept). */
export interface RecordedExchange {
  method: string;
  /** Path and query as sent. */
  path: string;
  requestBody?: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RequestOptions {
  /** JSON body (serialised) or raw text. */
  body?: unknown;
  rawBody?: string;
  /** Version date for `Accept: application/vnd.atlas.<date>+json`; null sends no Accept. Default: the client's. */
  version?: string | null;
  headers?: Record<string, string>;
  /** `none` sends no credentials (to see the authentication filter's answer). */
  auth?: 'default' | 'none';
}

export interface ClientOptions {
  baseUrl: string;
  credentials: Credentials;
  /** Extra trusted CA (PEM) for HTTPS, e.g. the simulator's `--tls` CA. */
  ca?: string;
  timeoutMs?: number;
  /** Version asked for when a request names none. Default `2025-03-12` (Atlas resolves to the newest version on or before it). */
  defaultVersion?: string;
  onExchange?: (x: RecordedExchange) => void;
  /** Sees every request before it goes out; throwing stops it (the runner's write guard). */
  beforeRequest?: (method: string, path: string, body: string | undefined) => void;
}

/** One raw HTTP exchange. */
export function httpRequest(
  url: string,
  options: { method: string; headers?: Record<string, string>; body?: string; ca?: string; timeoutMs?: number },
): Promise<HttpResponse> {
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      {
        method: options.method,
        headers: { ...options.headers, ...(options.body !== undefined && { 'Content-Length': String(Buffer.byteLength(options.body)) }) },
        ...(options.ca && { ca: options.ca }),
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${options.method} ${url}: no answer within ${options.timeoutMs ?? 30_000} ms`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

interface DigestChallenge {
  realm: string;
  nonce: string;
  qop?: string;
  opaque?: string;
  algorithm: string;
  nc: number;
}

/** Parameters of a `WWW-Authenticate: Digest …` header, or undefined for another scheme. */
export function parseDigestChallenge(header: string | undefined): DigestChallenge | undefined {
  if (!header || !/^Digest\s/i.test(header)) return undefined;
  const params: Record<string, string> = {};
  for (const m of header.slice(7).matchAll(/(\w+)=("([^"]*)"|[^,\s]*)/g)) params[m[1]!.toLowerCase()] = m[3] ?? m[2]!;
  if (!params.nonce) return undefined;
  return {
    realm: params.realm ?? '',
    nonce: params.nonce,
    ...(params.qop !== undefined && { qop: params.qop }),
    ...(params.opaque !== undefined && { opaque: params.opaque }),
    algorithm: params.algorithm ?? 'MD5',
    nc: 0,
  };
}

function digestAuthorization(c: DigestChallenge, user: string, password: string, method: string, uri: string): string {
  const algo = /sha-256/i.test(c.algorithm) ? 'sha256' : 'md5';
  const h = (s: string) => createHash(algo).update(s).digest('hex');
  const nc = (++c.nc).toString(16).padStart(8, '0');
  const cnonce = randomBytes(8).toString('hex');
  const ha1 = h(`${user}:${c.realm}:${password}`);
  const ha2 = h(`${method}:${uri}`);
  const qop = c.qop?.split(',').map((q) => q.trim()).includes('auth') ? 'auth' : undefined;
  const response = qop ? h(`${ha1}:${c.nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : h(`${ha1}:${c.nonce}:${ha2}`);
  const parts = [`username="${user}"`, `realm="${c.realm}"`, `nonce="${c.nonce}"`, `uri="${uri}"`, `algorithm=${c.algorithm}`, `response="${response}"`];
  if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`);
  if (c.opaque !== undefined) parts.push(`opaque="${c.opaque}"`);
  return `Digest ${parts.join(', ')}`;
}

/** The Atlas API at `baseUrl`, authenticated with one set of credentials. */
export class AtlasClient {
  readonly baseUrl: string;
  readonly #o: ClientOptions;
  #token: { value: string; expiresAt: number } | undefined;
  #challenge: DigestChallenge | undefined;

  constructor(options: ClientOptions) {
    this.#o = options;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  get credentials(): Credentials {
    return this.#o.credentials;
  }

  /** A raw request to any path on the target (control plane, OAuth), recorded like API calls. */
  async raw(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<HttpResponse> {
    this.#o.beforeRequest?.(method, path, body);
    const res = await httpRequest(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined && { body }),
      ...(this.#o.ca && { ca: this.#o.ca }),
      ...(this.#o.timeoutMs && { timeoutMs: this.#o.timeoutMs }),
    });
    this.#o.onExchange?.({ method, path, ...(body !== undefined && { requestBody: body }), status: res.status, headers: res.headers, body: res.text });
    return res;
  }

  /** `POST /api/oauth/token` with the client credentials; the answer as it came. */
  requestToken(clientId: string, clientSecret: string, form = 'grant_type=client_credentials'): Promise<HttpResponse> {
    return this.raw(
      'POST',
      '/api/oauth/token',
      {
        Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      form,
    );
  }

  /** A Bearer token for OAuth credentials, renewed a minute before it expires. */
  async token(): Promise<string> {
    const c = this.#o.credentials;
    if (c.kind !== 'oauth') throw new Error('token() needs service-account (OAuth) credentials');
    if (this.#token && this.#token.expiresAt > Date.now() + 60_000) return this.#token.value;
    const res = await this.requestToken(c.clientId, c.clientSecret);
    const body = res.json as { access_token?: string; expires_in?: number } | undefined;
    if (res.status !== 200 || !body?.access_token) throw new Error(`token request failed: ${res.status} ${res.text}`);
    this.#token = { value: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000 };
    return this.#token.value;
  }

  /** Forgets the cached token (after revoking it, for instance). */
  dropToken(): void {
    this.#token = undefined;
  }

  /**
   * Calls `/api/atlas/v2<path>` (or any `/api…` path given in full) with the client's
   * credentials. Digest answers its challenge and reuses the nonce afterwards.
   */
  async call(method: string, path: string, options: RequestOptions = {}): Promise<HttpResponse> {
    const target = path.startsWith('/api/') || path.startsWith('/_mock') ? path : `/api/atlas/v2${path}`;
    const headers: Record<string, string> = { ...options.headers };
    const version = options.version === undefined ? (this.#o.defaultVersion ?? '2025-03-12') : options.version;
    if (version !== null && !Object.keys(headers).some((k) => k.toLowerCase() === 'accept')) headers.Accept = `application/vnd.atlas.${version}+json`;
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    const c = this.#o.credentials;
    if (options.auth === 'none' || c.kind === 'none') return this.raw(method, target, headers, body);
    if (c.kind === 'oauth') {
      const res = await this.raw(method, target, { ...headers, Authorization: `Bearer ${await this.token()}` }, body);
      return res;
    }
    if (this.#challenge) {
      const res = await this.raw(method, target, { ...headers, Authorization: digestAuthorization(this.#challenge, c.publicKey, c.privateKey, method, target) }, body);
      const again = res.status === 401 ? parseDigestChallenge(res.headers['www-authenticate']) : undefined;
      if (!again) return res;
      this.#challenge = again;
    } else {
      const first = await this.raw(method, target, headers, body);
      const challenge = first.status === 401 ? parseDigestChallenge(first.headers['www-authenticate']) : undefined;
      if (!challenge) return first;
      this.#challenge = challenge;
    }
    return this.raw(method, target, { ...headers, Authorization: digestAuthorization(this.#challenge, c.publicKey, c.privateKey, method, target) }, body);
  }
}
