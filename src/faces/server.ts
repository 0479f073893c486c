import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { normalizeIp } from '../sim/cidr.js';
import { AtlasError } from '../sim/errors.js';
import { errorBody } from '../wire/errors.js';
import type { Simulation } from '../simulation.js';
import { payloadOf, type WireRequest, type WireResponse } from '../wire/message.js';
import { encodeBody } from './compression.js';
import { readBody } from './readBody.js';

export interface ServerOptions {
  /** Interface to bind. Default 127.0.0.1: only the container image binds 0.0.0.0. */
  host?: string;
  /** Port; 0 picks a free one. Default 8080. */
  port?: number;
  /** Serve HTTPS with this certificate and key (PEM). */
  tls?: { cert: string; key: string };
}

export interface RunningServer {
  /** `http://127.0.0.1:8080`, or with the port actually bound. */
  url: string;
  port: number;
  server: http.Server;
  close(): Promise<void>;
}

const HOST_HEADER = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

function send(res: ServerResponse, out: WireResponse, close: boolean, acceptEncoding?: string | string[]): void {
  const headers: Record<string, string | number> = { ...out.headers };
  let data: Buffer | string | undefined;
  const payload = payloadOf(out);
  if (payload !== null) {
    const encoded = encodeBody(payload, acceptEncoding);
    data = encoded.data;
    Object.assign(headers, encoded.headers);
  }
  if (close) headers.Connection = 'close';
  res.writeHead(out.status, headers);
  res.end(data);
}

/**
 * The node:http request listener for a simulation. It calls the core dispatcher
 * directly: no framework and no Fetch API conversion on the hot path.
 */
export function requestListener(sim: Simulation, scheme: 'http' | 'https', fallbackHost: string) {
  const limit = sim.options.maxBodyBytes ?? 1024 * 1024;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const { body, tooLarge, abandoned } = await readBody(req, limit);
      const host = req.headers.host && HOST_HEADER.test(req.headers.host) ? req.headers.host : fallbackHost;
      const wire: WireRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body,
        remoteAddress: normalizeIp(req.socket.remoteAddress ?? '127.0.0.1'),
        origin: `${scheme}://${host}`,
        ...(tooLarge && { bodyTooLarge: true }),
      };
      const out = await sim.handle(wire);
      send(res, out, tooLarge, req.headers['accept-encoding']);
      if (abandoned) res.once('finish', () => req.socket.destroySoon?.());
    } catch (e) {
      sim.logger.error('request failed outside the dispatcher', e);
      if (!res.headersSent) send(res, { status: 500, headers: { 'Content-Type': 'application/json' }, body: '{"detail":"Unexpected error.","error":500,"errorCode":"UNEXPECTED_ERROR","parameters":[],"reason":"Internal Server Error"}' }, true);
      else res.destroy();
    }
  };
}

/** Starts the standalone server for a simulation. */
export function startServer(sim: Simulation, options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 8080;
  const scheme = options.tls ? 'https' : 'http';
  const displayHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let listener: ReturnType<typeof requestListener> | undefined;
  const server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, (q, s) => void listener!(q, s))
    : http.createServer((q, s) => void listener!(q, s));
  // Malformed HTTP from a client: answer 400 with an Atlas error body and drop that
  // connection, never the process.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const error =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? new AtlasError('INVALID_URL', [''], { detail: `The request line and headers are longer than the ${http.maxHeaderSize} bytes this server reads.` })
        : new AtlasError('INVALID_URL', [''], { detail: 'The request is not valid HTTP/1.1.' });
    const text = JSON.stringify(errorBody(error).body);
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: application/json\r\nX-Error-Code: ${error.code}\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
    );
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const bound = (server.address() as AddressInfo).port;
      sim.control.guard.listenOn(host);
      listener = requestListener(sim, scheme, `${displayHost}:${bound}`);
      resolve({
        url: `${scheme}://${displayHost}:${bound}`,
        port: bound,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections?.();
          }),
      });
    });
  });
}
