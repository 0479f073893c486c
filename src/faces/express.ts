import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { normalizeIp } from '../sim/cidr.js';
import type { Simulation } from '../simulation.js';
import { payloadOf, type WireRequest } from '../wire/message.js';
import { encodeBody } from './compression.js';
import { readBody, type ReadBody } from './readBody.js';

/** Paths the simulator answers; anything else falls through to the host app. */
const OWN = /^\/(api\/atlas\/v2(\/|$)|api\/oauth\/|api\/private\/unauth\/|_mock(\/|$))/;

/**
 * The body, from a body parser earlier in the chain if one consumed the stream already:
 * bytes and text as they are, a parsed form encoded back as a form (the OAuth token
 * request), anything else as JSON. A request that carried no body stays without one.
 */
function bodyOf(req: Request, limit: number): Promise<ReadBody> {
  const parsed: unknown = (req as { body?: unknown }).body;
  if (!req.readableEnded && parsed === undefined) return readBody(req, limit);
  const declared = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (!declared || parsed === undefined || parsed === null) return Promise.resolve({ body: null, tooLarge: false });
  const buf = Buffer.isBuffer(parsed)
    ? parsed
    : Buffer.from(typeof parsed === 'string' ? parsed : req.is('application/x-www-form-urlencoded') ? formEncode(parsed) : JSON.stringify(parsed));
  return Promise.resolve(buf.length > limit ? { body: null, tooLarge: true } : { body: buf.length ? buf : null, tooLarge: false });
}

/** A parsed form (flat, or nested as `express.urlencoded({ extended: true })` makes it) back to its wire form. */
function formEncode(value: unknown, prefix = '', out = new URLSearchParams()): string {
  if (value !== null && typeof value === 'object') {
    // Repeated keys for arrays: both the simple and the extended parser read them back as arrays.
    for (const [k, v] of Object.entries(value)) formEncode(v, Array.isArray(value) ? prefix : prefix ? `${prefix}[${k}]` : k, out);
  } else if (prefix) {
    out.append(prefix, String(value ?? ''));
  }
  return out.toString();
}

/**
 * Express middleware that mounts the simulator in an existing app:
 * `app.use(atlasMiddleware(sim))` or under a prefix, `app.use('/atlas', atlasMiddleware(sim))`
 * (links then include the prefix), in a router, before or after body parsers
 * (`express.json()`, `express.urlencoded()`, `express.text()`, `express.raw()`). Requests
 * outside the simulator's paths go to `next()`. Mounted after a parser, a body that parser
 * refuses (malformed JSON) gets the host app's error, not Atlas's: mount it first for
 * byte-exact bodies.
 */
export function atlasMiddleware(sim: Simulation): RequestHandler {
  const limit = sim.options.maxBodyBytes ?? 1024 * 1024;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!OWN.test(req.url)) return next();
    void (async () => {
      const { body, tooLarge } = await bodyOf(req, limit);
      const wire: WireRequest = {
        method: req.method,
        url: req.url,
        ...(req.originalUrl !== req.url && { originalUrl: req.originalUrl }),
        headers: req.headers,
        body,
        remoteAddress: normalizeIp(req.socket.remoteAddress ?? '127.0.0.1'),
        origin: `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`,
        ...(tooLarge && { bodyTooLarge: true }),
      };
      const out = await sim.handle(wire);
      res.status(out.status);
      for (const [k, v] of Object.entries(out.headers)) res.setHeader(k, v);
      if (tooLarge) res.setHeader('Connection', 'close');
      const payload = payloadOf(out);
      if (payload === null) return void res.end();
      const encoded = encodeBody(payload, req.headers['accept-encoding']);
      for (const [k, v] of Object.entries(encoded.headers)) res.setHeader(k, v);
      res.end(encoded.data);
    })().catch(next);
  };
}
