import type { HttpHandler } from 'msw';
import type { Simulation } from '../simulation.js';
import type { WireRequest } from '../wire/message.js';
import { loadPeer } from './optionalPeer.js';
import { GOV_ORIGINS } from './origins.js';

export interface MswOptions {
  /** Origins to intercept. Default: Atlas for Government and its documented alias. */
  origins?: string[];
}

export { GOV_ORIGINS };

// msw is an optional peer dependency: only this face needs it.
const { http, HttpResponse } = await loadPeer(() => import('msw'), 'msw', 'atlas-gov-mock/msw');

/**
 * msw handlers that answer Atlas for Government requests in-process:
 * `setupServer(...atlasHandlers(sim))` in a Node test suite. This face converts through
 * the Fetch API on every request; the standalone server does not (docs/architecture.md).
 * msw intercepts `fetch`, `node:http`/`https` and XMLHttpRequest, not undici's own API:
 * use the undici face (`atlas-gov-mock/undici`) for those clients.
 */
export function atlasHandlers(sim: Simulation, options: MswOptions = {}): HttpHandler[] {
  const origins = options.origins ?? GOV_ORIGINS;
  const limit = sim.options.maxBodyBytes ?? 1024 * 1024;
  return origins.map((origin) =>
    http.all(`${origin.replace(/\/+$/, '')}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const raw = request.body ? Buffer.from(await request.arrayBuffer()) : null;
      const headers: Record<string, string> = {};
      request.headers.forEach((v, k) => (headers[k] = v));
      const wire: WireRequest = {
        method: request.method,
        url: `${url.pathname}${url.search}`,
        headers,
        body: raw && raw.length <= limit && raw.length > 0 ? raw : null,
        remoteAddress: '127.0.0.1',
        origin: url.origin,
        ...(raw && raw.length > limit && { bodyTooLarge: true }),
      };
      const out = await sim.handle(wire);
      return new HttpResponse(out.bytes ? new Uint8Array(out.bytes) : out.body, { status: out.status, headers: out.headers });
    }),
  );
}
