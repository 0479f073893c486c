import { request as urllibRequest } from 'urllib';
import { startServer, type RunningServer } from '../../src/faces/server.js';
import { DEFAULT_MAX_BODY_BYTES, Simulation, type SimulationOptions } from '../../src/simulation.js';
import type { TenantCredentials } from '../../src/sim/tenants.js';
import { recordExchange } from './capture.js';

/** Current version dates per resource, for tests that do not care which one. */
export const V = {
  orgs: '2023-01-01',
  projects: '2023-01-01',
  apiKeys: '2023-01-01',
  serviceAccounts: '2024-08-05',
  databaseUsers: '2023-01-01',
  accessList: '2023-01-01',
} as const;

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** Parsed body, or undefined when it is not JSON. */
  json: any;
  /** A download's bytes (in-process calls). */
  bytes?: Buffer;
}

export interface CallOptions {
  body?: unknown;
  /** Raw body text (sent as is, for malformed-JSON tests). */
  rawBody?: string | Buffer;
  /** Version date for Accept; null sends no Accept header. Default: `2025-03-12` (newest at or before that). */
  version?: string | null;
  /** `bearer` (default), `digest` (urllib's Digest client) or `none`. */
  auth?: 'bearer' | 'digest' | 'none';
  /** Over a real socket with fetch, for what only a face adds (Content-Length, gzip, streamed limits). */
  socket?: boolean;
  /** Credentials to use instead of the default tenant's. */
  tenant?: TenantCredentials;
  headers?: Record<string, string>;
}

export interface TestAtlas {
  sim: Simulation;
  server: RunningServer;
  url: string;
  tenant: TenantCredentials;
  /** A Bearer token for the tenant (cached per client id until the test moves the clock far). */
  token(tenant?: TenantCredentials): Promise<string>;
  /** Forgets cached tokens (they live one simulated hour): call after moving the clock far. */
  forgetTokens(): void;
  /**
   * Calls the API in process (`sim.handle`), or over a real socket with urllib's Digest
   * client for `auth: 'digest'`.
   */
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>;
  /**
   * Moves the simulation clock forward and forgets the cached Bearer tokens, which the
   * move may have expired (they live one simulated hour).
   */
  advance(seconds: number): void;
  close(): Promise<void>;
}

function headersOf(h: Headers | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  if (h instanceof Headers) h.forEach((v, k) => (out[k] = v));
  else for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts a simulator on a free loopback port with a manual clock (tests move time
 * themselves) and records every exchange for the OpenAPI conformance check.
 */
export async function startAtlas(options: SimulationOptions = {}): Promise<TestAtlas> {
  const sim = new Simulation({ clock: 'manual', logger: quietLogger, onExchange: recordExchange, ...options });
  const server = await startServer(sim, { port: 0 });
  const tokens = new Map<string, string>();
  /** One request straight into the simulation (`sim.handle`), as the server face would pass it. */
  const inProcess = async (method: string, target: string, headers: Record<string, string>, body: string | Buffer | undefined): Promise<ApiResponse> => {
    const bytes = body === undefined ? null : Buffer.from(body);
    // The faces refuse an oversized body before the core sees it; so does this one.
    const tooLarge = bytes !== null && bytes.length > (sim.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    const res = await sim.handle({
      method,
      url: target,
      // The Host a client of the server would send (the control plane checks it).
      headers: { host: new URL(server.url).host, ...headers },
      body: tooLarge ? null : bytes,
      ...(tooLarge && { bodyTooLarge: true }),
      remoteAddress: '127.0.0.1',
      origin: server.url,
    });
    const text = res.body ?? '';
    return { status: res.status, headers: headersOf(res.headers), text, json: parse(text), ...(res.bytes && { bytes: res.bytes }) };
  };
  const atlas: TestAtlas = {
    sim,
    server,
    url: server.url,
    tenant: sim.defaultTenant!,
    async token(tenant = atlas.tenant) {
      const cached = tokens.get(tenant.serviceAccount.clientId);
      if (cached) return cached;
      const res = await inProcess('POST', '/api/oauth/token', {
        authorization: `Basic ${Buffer.from(`${tenant.serviceAccount.clientId}:${tenant.serviceAccount.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      }, 'grant_type=client_credentials');
      if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
      const token = (res.json as { access_token: string }).access_token;
      tokens.set(tenant.serviceAccount.clientId, token);
      return token;
    },
    async call(method, path, o = {}) {
      const tenant = o.tenant ?? atlas.tenant;
      const headers: Record<string, string> = { ...o.headers };
      const version = o.version === undefined ? '2025-03-12' : o.version;
      if (version !== null) headers.Accept ??= `application/vnd.atlas.${version}+json`;
      let body: string | Buffer | undefined;
      if (o.rawBody !== undefined) body = o.rawBody;
      else if (o.body !== undefined) body = JSON.stringify(o.body);
      if (body !== undefined || (path.startsWith('/_mock') && method !== 'GET')) headers['Content-Type'] ??= 'application/json';
      const url = `${server.url}${path.startsWith('/api') || path.startsWith('/_mock') ? path : `/api/atlas/v2${path}`}`;
      if (o.auth === 'digest') {
        const res = await urllibRequest(url, {
          method: method as 'GET',
          headers,
          ...(body !== undefined && { content: body }),
          digestAuth: `${tenant.apiKey.publicKey}:${tenant.apiKey.privateKey}`,
          dataType: 'text',
          timeout: 10_000,
        });
        const text = String(res.data ?? '');
        return { status: res.status, headers: headersOf(res.headers), text, json: parse(text) };
      }
      if ((o.auth ?? 'bearer') === 'bearer') headers.Authorization ??= `Bearer ${await atlas.token(tenant)}`;
      if (!o.socket) return inProcess(method, url.slice(server.url.length), headersOf(headers), body);
      const res = await fetch(url, { method, headers, ...(body !== undefined && { body }) });
      const text = await res.text();
      return { status: res.status, headers: headersOf(res.headers), text, json: parse(text) };
    },
    forgetTokens: () => tokens.clear(),
    advance(seconds) {
      sim.advance(seconds);
      tokens.clear();
    },
    close: () => server.close(),
  };
  return atlas;
}

/** Errors still reach the test output; the rest is noise there. */
const quietLogger = { error: (m: string, e?: unknown) => console.error(m, e), warn() {}, info() {}, debug() {} };
