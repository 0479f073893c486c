import { gzipSync } from 'node:zlib';

/**
 * Atlas gzips responses for clients that accept it and marks them `Vary: Accept-Encoding`
 * (wire-facts, "Recording caveats"). The size below which it does not bother is
 * unrecorded; 1 KiB is this simulator's choice. Small and error bodies stay plain, which
 * is also what the recordings show for them.
 */
export const GZIP_MIN_BYTES = 1024;

function acceptsGzip(acceptEncoding: string | string[] | undefined): boolean {
  const value = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  return value.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    return q === undefined || Number(q) > 0;
  });
}

/** The body to send and the headers to add for it. */
export function encodeBody(
  body: string | Buffer,
  acceptEncoding: string | string[] | undefined,
): { data: Buffer | string; headers: Record<string, string | number> } {
  const size = Buffer.byteLength(body);
  // A download is already in its own format (gzip): sent as it is.
  if (typeof body !== 'string') return { data: body, headers: { 'Content-Length': size } };
  if (size < GZIP_MIN_BYTES || !acceptsGzip(acceptEncoding)) return { data: body, headers: { 'Content-Length': size } };
  const data = gzipSync(body);
  return { data, headers: { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding', 'Content-Length': data.length } };
}
