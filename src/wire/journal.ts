import { isoSeconds } from '../sim/clock.js';

/** One exchange, as the control plane's request journal shows it. */
export interface JournalEntry {
  seq: number;
  /** Simulation-clock time the request arrived. */
  time: string;
  method: string;
  path: string;
  query: string;
  status: number;
  /** Catalog operation, when the request reached one. */
  operationId?: string;
  /** Resolved API version, when negotiated. */
  version?: string;
  errorCode?: string;
  /** API key public key or service account client id. */
  principal?: string;
  authMethod?: 'DIGEST' | 'BEARER';
  remoteAddress: string;
  /** Request headers; `authorization` keeps only its scheme. */
  requestHeaders: Record<string, string>;
  /** Request body as text, credentials redacted, cut at 64 KiB. */
  requestBody?: string;
  /** Response headers as sent. */
  responseHeaders: Record<string, string>;
  /** Response body as text, credentials redacted (API key private keys, secrets, tokens), cut at 64 KiB. */
  responseBody?: string;
}

const MAX_BODY_CHARS = 65_536;

/** The last N exchanges, oldest dropped first. Lets a conformance suite assert what its client sent. */
export class Journal {
  #entries: JournalEntry[] = [];
  #seq = 0;
  capacity: number;

  constructor(capacity = 1000) {
    this.capacity = capacity;
  }

  add(entry: Omit<JournalEntry, 'seq' | 'time'> & { timeMs: number }): void {
    if (this.capacity <= 0) return;
    const { timeMs, ...rest } = entry;
    const e: JournalEntry = { seq: ++this.#seq, time: isoSeconds(timeMs), ...rest };
    if (e.requestBody !== undefined && e.requestBody.length > MAX_BODY_CHARS) e.requestBody = e.requestBody.slice(0, MAX_BODY_CHARS);
    if (e.responseBody !== undefined && e.responseBody.length > MAX_BODY_CHARS) e.responseBody = e.responseBody.slice(0, MAX_BODY_CHARS);
    this.#entries.push(e);
    if (this.#entries.length > this.capacity) this.#entries.splice(0, this.#entries.length - this.capacity);
  }

  list(): readonly JournalEntry[] {
    return this.#entries;
  }

  clear(): void {
    this.#entries = [];
  }
}

/** Body fields whose values are credentials (database-user passwords, tokens, secrets). */
const SECRET_FIELDS = new Set(['password', 'privateKey', 'secret', 'clientSecret', 'client_secret', 'token', 'access_token', 'refresh_token']);

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? '[redacted]' : redactValue(v)]));
  }
  return value;
}

/**
 * A request body as the journal keeps it: JSON and form bodies with credential fields
 * replaced by `[redacted]`, so the journal can be shared without leaking secrets.
 */
export function journalBody(text: string, contentType: string | undefined): string {
  if (/x-www-form-urlencoded/i.test(contentType ?? '')) {
    const form = new URLSearchParams(text);
    for (const key of [...form.keys()]) if (SECRET_FIELDS.has(key)) form.set(key, '[redacted]');
    return form.toString();
  }
  try {
    return JSON.stringify(redactValue(JSON.parse(text)));
  } catch {
    return text;
  }
}

/** Cheap test for a body that may hold a credential field: most answers do not, and are kept as sent. */
const MAY_HOLD_SECRET = /"(password|privateKey|secret|clientSecret|client_secret|token|access_token|refresh_token)"\s*:/;

/**
 * A response body as the journal keeps it: the text as sent, unless it holds a credential
 * field (a new API key's private key, a service account secret, an access token), which is
 * replaced by `[redacted]` as in request bodies.
 */
export function journalResponseBody(text: string, contentType: string | undefined): string {
  return MAY_HOLD_SECRET.test(text) || /x-www-form-urlencoded/i.test(contentType ?? '') ? journalBody(text, contentType) : text;
}

/** Request headers safe to keep: the credential itself is never stored. */
export function journalHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v.join(', ') : v;
    out[k] = k === 'authorization' ? (value.split(/\s/, 1)[0] ?? '') : value;
  }
  return out;
}
