import { timingSafeEqual } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { AtlasError } from '../sim/errors.js';
import { header, type WireRequest } from '../wire/message.js';

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
 * - with a control token, every route but the health check needs it as a Bearer token.
 */
export class ControlGuard {
  /** Accepted host names; undefined accepts any (in-process faces, or `--allowed-hosts '*'`). */
  #hosts: Set<string> | undefined;
  readonly #extra: readonly string[];
  readonly #token: Buffer | undefined;

  constructor(options: { token?: string | undefined; allowedHosts?: readonly string[] | undefined } = {}) {
    this.#token = options.token ? Buffer.from(options.token) : undefined;
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

  /** Throws the Atlas error that refuses the request, if any. */
  check(req: WireRequest, method: string, path: string): void {
    const host = header(req, 'host');
    if (this.#hosts && !(host !== undefined && this.#hosts.has(hostName(host)))) {
      throw new AtlasError('ACCESS_FORBIDDEN', [], {
        detail: `The control plane does not answer for Host ${JSON.stringify(host ?? '')}: only for the addresses the simulator listens on (allow more with --allowed-hosts).`,
      });
    }
    if (this.#token && !(method === 'GET' && path.endsWith('/health')) && !this.authorized(req)) {
      throw new AtlasError('UNAUTHORIZED', [], {
        detail: 'The control plane requires Authorization: Bearer <control token> (--control-token).',
        headers: { 'WWW-Authenticate': 'Bearer realm="atlas-gov-mock control plane"' },
      });
    }
    if ((method === 'POST' || method === 'PUT') && !/^application\/json\s*(;|$)/i.test(header(req, 'content-type') ?? '')) {
      throw new AtlasError('INVALID_ATTRIBUTE', ['Content-Type'], {
        detail: 'Control-plane calls that change state must send Content-Type: application/json.',
      });
    }
  }

  /** True when the request carries the control token. */
  authorized(req: WireRequest): boolean {
    if (!this.#token) return true;
    const m = /^Bearer\s+(.+)$/i.exec(header(req, 'authorization') ?? '');
    if (!m) return false;
    const given = Buffer.from(m[1]!.trim());
    return given.length === this.#token.length && timingSafeEqual(given, this.#token);
  }
}
