import { createHash } from 'node:crypto';

/**
 * A hand-driven HTTP Digest (RFC 7616, qop=auth, MD5) client for tests that need to send
 * what real clients sometimes send (no `algorithm`, a reused nonce, a replayed `nc`, a
 * wrong `uri`). Written from the RFC, independently of the server's implementation.
 */
export function parseChallenge(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.replace(/^Digest\s+/i, '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) out[m[1]!] = m[2] ?? m[3] ?? '';
  return out;
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

export function authorization(o: {
  username: string;
  password: string;
  method: string;
  uri: string;
  nonce: string;
  nc: number;
  cnonce?: string;
  realm?: string;
  algorithm?: string | null;
  responseOverride?: string;
}): string {
  const realm = o.realm ?? 'MMS Public API';
  const nc = o.nc.toString(16).padStart(8, '0');
  const cnonce = o.cnonce ?? '0a4f113b';
  const ha1 = md5(`${o.username}:${realm}:${o.password}`);
  const ha2 = md5(`${o.method}:${o.uri}`);
  const response = o.responseOverride ?? md5(`${ha1}:${o.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  const alg = o.algorithm === null ? '' : `, algorithm=${o.algorithm ?? 'MD5'}`;
  return `Digest username="${o.username}", realm="${realm}", nonce="${o.nonce}", uri="${o.uri}"${alg}, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`;
}
