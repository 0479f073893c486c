import type { IncomingMessage } from 'node:http';

export interface ReadBody {
  body: Buffer | null;
  tooLarge: boolean;
}

/**
 * Reads a request body up to `limit` bytes. Past the limit it stops keeping data and
 * reports `tooLarge`, so an oversized upload never grows memory; the face then closes
 * the connection after answering, because the rest of the upload is never read.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ body: null, tooLarge: true });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (value: ReadBody) => {
      if (done) return;
      done = true;
      resolve(value);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.pause();
        finish({ body: null, tooLarge: true });
      } else chunks.push(chunk);
    });
    req.on('end', () => finish({ body: size ? Buffer.concat(chunks, size) : null, tooLarge: false }));
    req.on('error', () => finish({ body: null, tooLarge: false }));
    req.on('aborted', () => finish({ body: null, tooLarge: false }));
  });
}
