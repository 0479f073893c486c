import type { OperationSpec, VersionSpec } from '../../contracts/api/operation.js';
import { rfc1123Unpadded } from '../sim/clock.js';
import { AtlasError } from '../sim/errors.js';

const VND = /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+(json|csv|gzip)$/;

/** The suffix of an operation's media types: `json` (CSV where offered), or the download's type. */
export type MediaSuffix = 'json' | 'gzip';

/** A version date the client asked for, with its media-type quality. */
interface Requested {
  date: string;
  q: number;
  /** `+csv`: only operations that answer CSV (`OperationSpec.csv`) accept it. */
  csv?: boolean;
}

/**
 * Every `application/vnd.atlas.<date>+<suffix>` in an Accept header, best quality first
 * (stable for equal quality). Comma-joined and repeated headers are all read.
 */
export function requestedVersions(accept: string | undefined, suffix: MediaSuffix = 'json'): Requested[] {
  if (!accept) return [];
  const out: Requested[] = [];
  for (const part of accept.split(',')) {
    const [type, ...params] = part.split(';').map((s) => s.trim());
    const m = VND.exec((type ?? '').toLowerCase());
    if (!m || !isCalendarDate(m[1]!)) continue;
    // A download is asked for by its own type only; a JSON operation also reads `+csv`,
    // which only the operations that answer CSV accept (negotiateVersion).
    if (suffix === 'gzip' ? m[2] !== 'gzip' : m[2] === 'gzip') continue;
    let q = 1;
    for (const p of params) {
      const qm = /^q=([0-9.]+)$/i.exec(p);
      if (qm) q = Number(qm[1]);
    }
    const csv = m[2] === 'csv';
    if (q > 0 && !out.some((r) => r.date === m[1] && (r.csv ?? false) === csv)) out.push({ date: m[1]!, q, ...(csv && { csv }) });
  }
  return out.sort((a, b) => b.q - a.q);
}

/** True when the client's most preferred Atlas type is `+csv`. */
export function prefersCsv(accept: string | undefined): boolean {
  return requestedVersions(accept)[0]?.csv === true;
}

function isCalendarDate(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(date);
}

/** The newest version dated on or before `date` (wire-facts B.1), or undefined. */
export function versionOnOrBefore(op: OperationSpec, date: string): VersionSpec | undefined {
  let found: VersionSpec | undefined;
  for (const v of op.versions) if (v.date <= date) found = v;
  return found;
}

/**
 * Chooses the version that serves a request.
 *
 * The first requested date (by quality) that resolves to a version wins. No usable date
 * gets 406 INVALID_VERSION_DATE, unless `defaultVersion` (the opt-in lenient mode for
 * clients that send only `application/json`) names a date or `latest`. A version past
 * its sunset date gets 410 VERSION_GONE.
 */
export function negotiateVersion(
  op: OperationSpec,
  accept: string | undefined,
  nowMs: number,
  defaultVersion: string | undefined,
): VersionSpec {
  let requested = requestedVersions(accept, op.media ?? 'json');
  if (requested.length === 0 && defaultVersion) {
    const latest = op.versions[op.versions.length - 1]!;
    requested = [{ date: defaultVersion === 'latest' ? latest.date : defaultVersion, q: 1 }];
  }
  let gone = false;
  for (const r of requested) {
    if (r.csv && !op.csv) continue;
    const v = versionOnOrBefore(op, r.date);
    if (!v) continue;
    if (v.sunset && Date.parse(`${v.sunset}T00:00:00Z`) <= nowMs) {
      gone = true;
      continue;
    }
    return v;
  }
  throw new AtlasError(gone ? 'VERSION_GONE' : 'INVALID_VERSION_DATE', []);
}

/** `application/vnd.atlas.2024-08-05+json;charset=utf-8`: success content type of a version. */
export function versionContentType(v: VersionSpec): string {
  return `application/vnd.atlas.${v.date}+json;charset=utf-8`;
}

/** `application/vnd.atlas.2023-02-01+gzip`: content type of a download (no charset: it is binary). */
export function downloadContentType(v: VersionSpec, media: 'gzip'): string {
  return `application/vnd.atlas.${v.date}+${media}`;
}

/**
 * `Deprecation` (release date of the superseding version) and, when scheduled, `Sunset`
 * for a deprecated version (wire-facts B.2); nothing for the current one.
 */
export function deprecationHeaders(op: OperationSpec, v: VersionSpec): Record<string, string> {
  const i = op.versions.indexOf(v);
  const since = op.versions[i + 1]?.date ?? v.deprecatedSince;
  if (!since) return {};
  const headers: Record<string, string> = { Deprecation: rfc1123Unpadded(Date.parse(`${since}T00:00:00Z`)) };
  if (v.sunset) headers.Sunset = rfc1123Unpadded(Date.parse(`${v.sunset}T00:00:00Z`));
  return headers;
}
