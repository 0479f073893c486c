import type { IncomingMessage } from 'node:http';

export interface ReadBody {
  body: Buffer | null;
  tooLarge: boolean;
  /** The rest of an oversized upload was not read: close the connection after answering. */
  abandoned?: boolean;
}

/** An oversized upload is read and thrown away up to this many times the limit... */
const DRAIN_FACTOR = 32;
/** ...or for this long, so that the client is still reading when the 413 comes. */
const DRAIN_MS = 10_000;

/**
 * Reads a request body up to `limit` bytes. Past the limit it stops keeping data and
 * reports `tooLarge`, so an oversized upload never grows memory. The rest of the upload
 * is read and discarded (within bounds) before the answer goes out: a server that
 * answers and closes while the client is still sending makes the client's kernel see a
 * connection reset instead of the 413.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
  const declared = Number(req.headers['content-length']);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    let timer: NodeJS.Timeout | undefined;
    const finish = (value: ReadBody) => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      resolve(value);
    };
    const overflow = () => {
      tooLarge = true;
      chunks.length = 0;
      timer ??= setTimeout(() => {
        req.pause();
        finish({ body: null, tooLarge: true, abandoned: true });
      }, DRAIN_MS);
    };
    if (tooLarge) overflow();
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (tooLarge || size > limit) {
        if (!tooLarge || chunks.length) overflow();
        if (size > limit * DRAIN_FACTOR) {
          req.pause();
          finish({ body: null, tooLarge: true, abandoned: true });
        }
      } else chunks.push(chunk);
    });
    req.on('end', () => finish(tooLarge ? { body: null, tooLarge: true } : { body: size ? Buffer.concat(chunks, size) : null, tooLarge: false }));
    req.on('error', () => finish({ body: null, tooLarge, abandoned: true }));
    req.on('aborted', () => finish({ body: null, tooLarge, abandoned: true }));
  });
}
