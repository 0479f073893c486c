import type { ErrorCode } from '../../contracts/api/errorCatalog.js';

export type { ErrorCode };

/**
 * The only way rules report failure. The sim raises `AtlasError(code, params)`; the wire
 * layer looks the code up in the one catalog (`contracts/api/errorCatalog.ts`) for its HTTP
 * status and detail template and renders the Atlas error body. Nothing below the wire
 * layer builds responses.
 */
export class AtlasError extends Error {
  readonly code: ErrorCode;
  /** Values for the detail template's placeholders, also sent as `parameters`. */
  readonly params: readonly unknown[] | null;
  /** Overrides the catalog's detail (rare: errors whose text is not a template). */
  readonly detail: string | undefined;
  /** Extra response headers (e.g. `Retry-After` on 429). */
  readonly headers: Readonly<Record<string, string>> | undefined;
  /**
   * Overrides the catalog's status (rare: a general code the real server sends with
   * another status in one place, e.g. 404 UNEXPECTED_ERROR for a missing live-migration link).
   */
  readonly status: number | undefined;

  constructor(
    code: ErrorCode,
    params: readonly unknown[] | null = [],
    options: { detail?: string; headers?: Record<string, string>; status?: number } = {},
  ) {
    super(`${code}${params && params.length ? ` ${JSON.stringify(params)}` : ''}`);
    this.name = 'AtlasError';
    this.code = code;
    this.params = params;
    this.detail = options.detail;
    this.headers = options.headers;
    this.status = options.status;
  }
}

export function isAtlasError(e: unknown): e is AtlasError {
  return e instanceof AtlasError;
}
