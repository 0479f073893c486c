/**
 * The request and response the core speaks. Every face (node:http server, express
 * middleware, msw handlers) converts to and from these, so the core never sees a
 * framework type.
 */
export interface WireRequest {
  method: string;
  /** Request target as routed: raw path plus query, percent-encoding intact. */
  url: string;
  /**
   * The target as the client sent it, when a mount prefix was stripped from `url`
   * (express under a path): Digest responses are computed over this.
   */
  originalUrl?: string;
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body, or null when there was none. */
  body: Buffer | null;
  /** Set by the face when the body exceeded the limit; `body` is then null. */
  bodyTooLarge?: boolean;
  remoteAddress: string;
  /** `scheme://host[:port]` the request came in on; links use it unless a base URL is set. */
  origin: string;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  /** null for no body (204, 200 revoke) and for a download, whose bytes are in `bytes`. */
  body: string | null;
  /** A download's body, already in its format (gzip): faces send it as it is. */
  bytes?: Buffer;
}

/** What a face sends: the download's bytes, else the text body (null: none). */
export function payloadOf(res: WireResponse): string | Buffer | null {
  return res.bytes ?? res.body;
}

export function header(req: WireRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}
