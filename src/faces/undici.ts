import type { Dispatcher as UndiciDispatcher } from 'undici';
import type { Simulation } from '../simulation.js';
import { payloadOf, type WireRequest } from '../wire/message.js';
import { loadPeer } from './optionalPeer.js';
import { GOV_ORIGINS } from './origins.js';

/**
 * The undici face: a Dispatcher that answers requests for Atlas for Government in
 * process and passes every other request to the dispatcher it wraps. It reaches what msw
 * cannot: clients built on undici's own API (`request`, `stream`, urllib and the
 * libraries on top of it, such as mongodb-atlas-api-client), and Node's global `fetch`.
 *
 * ```ts
 * import { setGlobalDispatcher } from 'undici';
 * setGlobalDispatcher(atlasDispatcher(sim));            // every undici client and fetch
 * await request(url, { dispatcher: atlasDispatcher(sim) }); // or one call / one client
 * ```
 */
export interface DispatcherOptions {
  /** Origins answered by the simulation. Default: Atlas for Government and its alias. */
  origins?: string[];
  /** Where other requests go. Default: the global dispatcher when the face is made. */
  fallback?: UndiciDispatcher;
}

// undici is an optional peer dependency: only this face needs it.
const undici = await loadPeer(() => import('undici'), 'undici', 'atlas-gov-mock/undici');

type Handler = UndiciDispatcher.DispatchHandler & {
  onConnect?: (abort: (err?: Error) => void, context?: object) => void;
  onHeaders?: (status: number, headers: Buffer[], resume: () => void, statusText: string) => boolean;
  onData?: (chunk: Buffer) => boolean;
  onComplete?: (trailers: Buffer[] | null) => void;
  onError?: (err: Error) => void;
};

/** Request headers in any of the forms undici passes them, as a plain record (lower-case names). */
function headerRecord(raw: UndiciDispatcher.DispatchOptions['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (k: unknown, v: unknown): void => {
    if (v === undefined || v === null) return;
    const key = String(k).toLowerCase();
    const value = Array.isArray(v) ? v.map(String).join(', ') : String(v);
    out[key] = out[key] === undefined ? value : `${out[key]}, ${value}`;
  };
  if (!raw) return out;
  if (Array.isArray(raw)) {
    if (raw.length && Array.isArray(raw[0])) for (const [k, v] of raw as unknown as [string, string][]) add(k, v);
    else for (let i = 0; i + 1 < raw.length; i += 2) add(raw[i], raw[i + 1]);
  } else if (typeof (raw as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const [k, v] of raw as Iterable<[string, string]>) add(k, v);
  } else {
    for (const [k, v] of Object.entries(raw)) add(k, v);
  }
  return out;
}

async function bodyBytes(body: UndiciDispatcher.DispatchOptions['body']): Promise<Buffer | null> {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function' || typeof (body as Iterable<unknown>)[Symbol.iterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const c of body as AsyncIterable<string | Uint8Array>) chunks.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c));
    return Buffer.concat(chunks);
  }
  throw new TypeError('atlas-gov-mock/undici: unsupported request body type');
}

/** Raw response headers as undici's handlers take them: name, value, name, value… */
function rawHeaders(headers: Record<string, string | string[]>): Buffer[] {
  const out: Buffer[] = [];
  for (const [k, v] of Object.entries(headers)) for (const one of Array.isArray(v) ? v : [v]) out.push(Buffer.from(k), Buffer.from(one));
  return out;
}

class AtlasDispatcher extends undici.Dispatcher {
  private readonly origins: Set<string>;
  private readonly fallback: UndiciDispatcher;
  private readonly limit: number;

  constructor(
    private readonly sim: Simulation,
    options: DispatcherOptions,
  ) {
    super();
    this.origins = new Set((options.origins ?? GOV_ORIGINS).map((o) => new URL(o).origin));
    this.fallback = options.fallback ?? undici.getGlobalDispatcher();
    this.limit = sim.options.maxBodyBytes ?? 1024 * 1024;
  }

  override dispatch(opts: UndiciDispatcher.DispatchOptions, handler: UndiciDispatcher.DispatchHandler): boolean {
    const origin = opts.origin === undefined ? '' : new URL(String(opts.origin)).origin;
    if (!this.origins.has(origin)) return this.fallback.dispatch(opts, handler);
    void this.answer(origin, opts, handler as Handler);
    return true;
  }

  private async answer(origin: string, opts: UndiciDispatcher.DispatchOptions, h: Handler): Promise<void> {
    let aborted: Error | undefined;
    const abort = (err?: Error): void => {
      aborted ??= err ?? new Error('aborted');
    };
    // Both handler generations: undici 7's controller API and the older callbacks (fetch in Node 20).
    const controller = { abort, pause() {}, resume() {}, get aborted() { return !!aborted; }, get paused() { return false; }, get reason() { return aborted ?? null; } };
    const legacy = typeof h.onHeaders === 'function';
    try {
      if (legacy) h.onConnect?.(abort, {});
      else h.onRequestStart?.(controller as never, {});
      const raw = await bodyBytes(opts.body);
      const wire: WireRequest = {
        method: opts.method,
        url: opts.path,
        headers: headerRecord(opts.headers),
        body: raw && raw.length > 0 && raw.length <= this.limit ? raw : null,
        remoteAddress: '127.0.0.1',
        origin,
        ...(raw && raw.length > this.limit && { bodyTooLarge: true }),
      };
      const out = await this.sim.handle(wire);
      if (aborted) throw aborted;
      const payload = payloadOf(out);
      const data = payload === null ? null : Buffer.from(payload);
      if (legacy) {
        h.onHeaders!(out.status, rawHeaders(out.headers), () => undefined, '');
        if (data) h.onData?.(data);
        h.onComplete?.([]);
      } else {
        h.onResponseStart?.(controller as never, out.status, out.headers, '');
        if (data) h.onResponseData?.(controller as never, data);
        h.onResponseEnd?.(controller as never, {});
      }
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      if (legacy) h.onError?.(err);
      else h.onResponseError?.(controller as never, err);
    }
  }

  override close(): Promise<void> {
    return Promise.resolve();
  }

  override destroy(): Promise<void> {
    return Promise.resolve();
  }
}

/** A Dispatcher answering Atlas for Government requests from `sim`; see the module comment. */
export function atlasDispatcher(sim: Simulation, options: DispatcherOptions = {}): UndiciDispatcher {
  return new AtlasDispatcher(sim, options);
}
