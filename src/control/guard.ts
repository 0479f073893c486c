import { createHmac, timingSafeEqual } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { AtlasError } from '../sim/errors.js';
import { header, type WireRequest } from '../wire/message.js';

/**
 * The console's session cookie, one per port (browsers share cookies between the ports of
 * one host, so two simulators on one machine would otherwise overwrite each other's).
 */
export function consoleCookieName(hostHeader: string | undefined): string {
  const port = /:(\d{1,5})$/.exec(hostHeader ?? '')?.[1];
  return `atlas-gov-mock-console${port ? `-${port}` : ''}`;
}

/**
 * The header the console's script sends with every data call. A page of another origin
 * cannot send a custom header without a CORS preflight, which the simulator never grants:
 * with it, the cookie is only ever honoured for the console's own calls.
 */
export const CONSOLE_HEADER = 'x-atlas-mock-console';

/** Addresses that only reach this machine. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** True for an address that only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

/** The host name of a `Host` header, lower-cased, without port or brackets. */
function hostName(value: string): string {
  const v = value.trim().toLowerCase();
  if (v.startsWith('[')) return v.slice(1, v.indexOf(']') > 0 ? v.indexOf(']') : undefined);
  const colon = v.indexOf(':');
  return colon >= 0 && v.indexOf(':', colon + 1) < 0 ? v.slice(0, colon) : v;
}

/**
 * What keeps web pages away from the control plane, which holds every tenant's secrets:
 * - a `Host` the server does not listen on is refused (DNS rebinding: a page on a name
 *   its attacker controls, resolved to 127.0.0.1, is same-origin with the simulator);
 * - a call that changes state must send `Content-Type: application/json`, which a page
 *   cannot send cross-origin without a CORS preflight, and the simulator never grants one.
 *   This is checked on POST and PUT; a cross-origin DELETE always needs a preflight, so
 *   `curl -X DELETE` keeps working without a body type (a decision);
 * - with a control token, every route but the health check needs it as a Bearer token,
 *   or, from the browser console, the console's session cookie. A browser cannot add a
 *   Bearer header to a page load, so the console is opened once as `/_mock/ui?token=…`:
 *   that answer sets an HttpOnly, SameSite=Strict cookie holding an HMAC of the token
 *   (never the token itself) and redirects to `/_mock/ui`, dropping the token from the
 *   address bar and history. The cookie then authenticates the page and its assets; data
 *   calls need the cookie plus the `X-Atlas-Mock-Console` header, which a page of another
 *   origin (another port of localhost included) cannot send without a preflight.
 */
export class ControlGuard {
  /** Accepted host names; undefined accepts any (in-process faces, or `--allowed-hosts '*'`). */
  #hosts: Set<string> | undefined;
  readonly #extra: readonly string[];
  readonly #token: Buffer | undefined;
  /** The value of the console's session cookie: an HMAC of the token, so the cookie never holds the token. */
  readonly #session: Buffer | undefined;

  constructor(options: { token?: string | undefined; allowedHosts?: readonly string[] | undefined } = {}) {
    this.#token = options.token ? Buffer.from(options.token) : undefined;
    this.#session = options.token ? Buffer.from(createHmac('sha256', options.token).update('atlas-gov-mock console session').digest('base64url')) : undefined;
    this.#extra = (options.allowedHosts ?? []).map((h) => hostName(h));
  }

  get tokenRequired(): boolean {
    return this.#token !== undefined;
  }

  /**
   * The server listens on `host`: from now on only names of that address are accepted
   * (every local address for a wildcard bind), plus the loopback names and the extra hosts.
   */
  listenOn(host: string): void {
    if (this.#extra.includes('*')) return;
    const names = new Set([...LOOPBACK_NAMES, hostName(host), ...this.#extra]);
    if (host === '0.0.0.0' || host === '::' || host === '') {
      for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(a.address.toLowerCase());
    }
    this.#hosts = names;
  }

  /**
   * Throws the Atlas error that refuses the request, if any. `page` marks the console's
   * page and assets, which a browser loads with the session cookie alone (or, for the
   * page, with the token in the query once: `token`).
   */
  check(req: WireRequest, method: string, path: string, page?: { token: string | null }): void {
    const host = header(req, 'host');
    if (this.#hosts && !(host !== undefined && this.#hosts.has(hostName(host)))) {
      throw new AtlasError('ACCESS_FORBIDDEN', [], {
        detail: `The control plane does not answer for Host ${JSON.stringify(host ?? '')}: only for the addresses the simulator listens on (allow more with --allowed-hosts).`,
      });
    }
    if (this.#token && !(method === 'GET' && path.endsWith('/health')) && !this.authorized(req, page)) {
      throw new AtlasError('UNAUTHORIZED', [], {
        detail: page
          ? 'The console requires the control token (--control-token): open /_mock/ui?token=<control token> once; it sets a session cookie.'
          : 'The control plane requires Authorization: Bearer <control token> (--control-token).',
        headers: { 'WWW-Authenticate': 'Bearer realm="atlas-gov-mock control plane"' },
      });
    }
    if ((method === 'POST' || method === 'PUT') && !/^application\/json\s*(;|$)/i.test(header(req, 'content-type') ?? '')) {
      throw new AtlasError('INVALID_ATTRIBUTE', ['Content-Type'], {
        detail: 'Control-plane calls that change state must send Content-Type: application/json.',
      });
    }
  }

  /**
   * True when the request carries the control token: as a Bearer token; or the console's
   * session cookie with the console header; or, for the console's page and assets, the
   * cookie alone, or the token in the page's query.
   */
  authorized(req: WireRequest, page?: { token: string | null }): boolean {
    if (!this.#token) return true;
    const m = /^Bearer\s+(.+)$/i.exec(header(req, 'authorization') ?? '');
    if (m) return same(Buffer.from(m[1]!.trim()), this.#token);
    if (page?.token) return same(Buffer.from(page.token), this.#token);
    const cookie = this.#cookie(req);
    return cookie !== undefined && (page !== undefined || header(req, CONSOLE_HEADER) !== undefined) && same(Buffer.from(cookie), this.#session!);
  }

  /**
   * The `Set-Cookie` value that opens a console session, or undefined without a token.
   * `Secure` over HTTPS; no `Max-Age`, so it ends with the browser session.
   */
  sessionCookie(req: WireRequest, secure: boolean): string | undefined {
    if (!this.#session) return undefined;
    return `${consoleCookieName(header(req, 'host'))}=${this.#session.toString()}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  }

  #cookie(req: WireRequest): string | undefined {
    const name = consoleCookieName(header(req, 'host'));
    for (const part of (header(req, 'cookie') ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
    }
    return undefined;
  }
}

function same(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}
