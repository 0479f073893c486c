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
  /** Request body as text, cut at 64 KiB. */
  requestBody?: string;
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
