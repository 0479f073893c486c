/**
 * Replay of the responses recorded from the real Atlas: for each recording of an
 * operation the simulator serves, a fresh simulator gets the state the recording implies
 * (kinds.ts), the equivalent request goes to it over a socket, and the answer is compared
 * with the recording (compare.ts) after the Government differences are applied (gov.ts).
 *
 * Everything is driven by the catalog and the recordings: an operation added to the
 * catalog has its recordings replayed from then on.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AtlasClient, type HttpResponse } from '../client/http.js';
import { contractJsonSchema, pickDescribed, sampleRequestBody } from '../jsonSchema.js';
import type { OperationSpec, VersionSpec } from '../../api/operation.js';
import type { JsonObject, OpenApiDocument } from '../openapi/document.js';
import { findReplayCases, type ReplayCase } from './cases.js';
import { compareResponses, flatten } from './compare.js';
import { applyGovAdditions, applyGovQueries, govInapplicable, govQuery, govResource } from './gov.js';
import { collectionOf, ensureRequired, kindOfCollection, kindsAlong, replaceIds, RESOURCE_KINDS, SetupUnavailable, templateParams, type ResourceKind, type SetupContext } from './kinds.js';

/** What a fresh simulator for one recording is started with. */
export interface ReplayTargetOptions {
  /** The recording's `Date`: the simulator's clock starts there, so recorded dates (expiries…) stay valid. */
  clockMs?: number;
}

/** A fresh simulator for one recording. */
export interface ReplayTarget {
  url: string;
  /** The tenant's API key (the recordings were made with API keys, over Digest). */
  apiKey: { publicKey: string; privateKey: string };
  orgId: string;
  /** Lets every pending lifecycle finish. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export type Outcome = 'matched' | 'mismatched' | 'not applicable in Gov';

export interface CaseResult {
  case: ReplayCase;
  outcome: Outcome;
  /** What was sent. */
  request?: { method: string; path: string; version: string | null };
  /** Differences (mismatched), or why not applicable. */
  details: string[];
  /** JSON paths the Government differences added to the expectation. */
  govAdded: string[];
}

export interface ReplayReport {
  results: CaseResult[];
  /** Recordings of operations the simulator does not serve, by area. */
  notServed: Map<string, number>;
  total: number;
}

export interface ReplayOptions {
  catalog: readonly OperationSpec[];
  start: (options: ReplayTargetOptions) => Promise<ReplayTarget>;
  /**
   * The official document: names the operation of each recording, and places the
   * Government additions. Without it, recordings are matched on the catalog alone.
   */
  document?: OpenApiDocument;
  dir?: string;
  filter?: (c: ReplayCase) => boolean;
  kinds?: readonly ResourceKind[];
}

/** The org id the recorder wrote into every recording (wire-facts, "Recording caveats"). */
export const RECORDED_ORG_ID = 'a0123456789abcdef012345a';

const VND = /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+json/;
/** A list recording's items made to exist: a whole page, as recorded. */
const LIST_ITEMS_SEEDED = 500;

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The version the recorded request asked for: the one in a success Content-Type, or,
 * for an answer without one, the deprecated version whose successor's date is the
 * recorded `Deprecation`; else the newest.
 */
export function recordedVersion(c: ReplayCase): string | null {
  if (c.unversioned) return null;
  const m = VND.exec(c.rec.headers['content-type'] ?? '');
  if (m) return m[1]!;
  const dep = c.rec.headers.deprecation;
  if (dep) {
    const date = new Date(Date.parse(dep)).toISOString().slice(0, 10);
    const i = c.op.versions.findIndex((v) => v.date === date);
    if (i > 0) return c.op.versions[i - 1]!.date;
  }
  return c.op.versions[c.op.versions.length - 1]!.date;
}

/** The query of the recorded request, as its `self` link echoes it. */
function recordedQuery(body: unknown): string {
  const links = isObj(body) && Array.isArray(body.links) ? body.links : [];
  const self = links.find((l): l is { href: string } => isObj(l) && l.rel === 'self' && typeof l.href === 'string');
  if (!self) return '';
  try {
    return new URL(self.href).search;
  } catch {
    return '';
  }
}

function versionSpec(op: OperationSpec, date: string): VersionSpec {
  let found = op.versions[0]!;
  for (const v of op.versions) if (v.date <= date) found = v;
  return found;
}

/** The schema the document gives the recorded response (for the Government additions). */
function documentedSchema(doc: OpenApiDocument | undefined, c: ReplayCase): unknown {
  const d = doc?.getOperation(c.op.operationId);
  const media = c.rec.headers['content-type']?.split(';')[0]?.trim();
  if (!d || !media) return undefined;
  const schemaOf = (status: string) => (d.responses[status]?.content as Record<string, JsonObject> | undefined)?.[media]?.schema;
  // Atlas's success status may differ from the document's (201 for 200): any documented success of that media type describes the body.
  const successes = c.rec.status < 300 ? Object.keys(d.responses).filter((k) => /^2/.test(k)) : [];
  return schemaOf(String(c.rec.status)) ?? successes.map(schemaOf).find((x) => x !== undefined);
}

async function replayOne(c: ReplayCase, o: ReplayOptions): Promise<CaseResult> {
  const notApplicable = govInapplicable(c);
  if (notApplicable) return { case: c, outcome: 'not applicable in Gov', details: [notApplicable], govAdded: [] };
  const date = Date.parse(c.rec.headers.date ?? '');
  const target = await o.start(Number.isFinite(date) ? { clockMs: date } : {});
  try {
    const api = new AtlasClient({ baseUrl: target.url, credentials: { kind: 'digest', ...target.apiKey } });
    const recorded = parseJson(c.rec.body);
    const errorCode = isObj(recorded) && typeof recorded.errorCode === 'string' ? recorded.errorCode : undefined;
    const ctx: SetupContext = { api, catalog: o.catalog, orgId: target.orgId, params: {}, settle: target.settle, ids: new Map([[RECORDED_ORG_ID, target.orgId]]) };
    const simParams: Record<string, string> = {};
    const kinds = o.kinds ?? RESOURCE_KINDS;
    const isCreate = c.op.method === 'POST' && !!kindOfCollection(c.op.path, kinds);
    try {
      // Parents first; a resource the recorded error says is missing stays missing, and so do its children.
      let missing = false;
      for (const kind of kindsAlong(c.op.path, kinds)) {
        const own = templateParams(kind.itemPath.slice(collectionOf(kind).length));
        const values = Object.fromEntries(own.map((p) => [p, c.params[p] ?? '']));
        // File names turn every `/` into `_`, values included: the recorded resource tells the real value.
        const shown = kind.itemPath === c.op.path && isObj(recorded) ? kind.identify(recorded) : undefined;
        for (const p of own) if (shown?.[p] !== undefined && shown[p] !== values[p] && shown[p]!.replace(/\//g, '_') === values[p]) values[p] = shown[p]!;
        Object.assign(c.params, values);
        if (missing || (errorCode && kind.notFound.includes(errorCode))) {
          missing = true;
          continue;
        }
        const shows = kind.itemPath === c.op.path && c.rec.status < 300 && isObj(recorded) ? recorded : undefined;
        ctx.params = { ...simParams };
        ctx.implied = (errorCode && kind.impliedBy?.[errorCode]) || {};
        Object.assign(simParams, await kind.ensure(ctx, values, shows));
      }
      // A recorded list implies its items.
      const listKind = c.op.method === 'GET' ? kindOfCollection(c.op.path, kinds) : undefined;
      if (listKind && isObj(recorded) && Array.isArray(recorded.results)) {
        ctx.params = { ...simParams };
        ctx.implied = {};
        const done = new Set<string>();
        for (const item of recorded.results.slice(0, LIST_ITEMS_SEEDED)) {
          const values = isObj(item) ? listKind.identify(item) : undefined;
          if (!values || done.has(JSON.stringify(values))) continue;
          done.add(JSON.stringify(values));
          await listKind.ensure(ctx, values, item as Record<string, unknown>);
        }
      }
    } catch (e) {
      const why = e instanceof SetupUnavailable ? `setup: ${e.message}` : `setup failed: ${(e as Error).message}`;
      return { case: c, outcome: 'mismatched', details: [why], govAdded: [] };
    }
    for (const p of templateParams(c.op.path)) simParams[p] ??= ctx.ids.get(c.params[p] ?? '') ?? c.params[p] ?? '';
    const path = c.op.path.replace(/^\/api\/atlas\/v2(?=\/|$)/, '').replace(/\{(\w+)\}/g, (_m, n: string) => encodeURIComponent(simParams[n]!)) + (c.op.method === 'GET' ? govQuery(recordedQuery(recorded)) : '');
    const version = recordedVersion(c);
    let body: unknown;
    const spec = version === null ? undefined : versionSpec(c.op, version);
    if (spec?.request && ['POST', 'PUT', 'PATCH'].includes(c.op.method)) {
      if (c.rec.status < 300 && recorded !== undefined) {
        const schema = contractJsonSchema(spec.request, 'input');
        // Some creates answer the whole list (access lists): the request was its entries.
        const source = schema.type === 'array' && isObj(recorded) && Array.isArray(recorded.results) ? recorded.results : recorded;
        const kind = isCreate ? kindOfCollection(c.op.path, kinds) : undefined;
        const shown = kind ?? kinds.find((k) => k.itemPath === c.op.path);
        body = govResource(pickDescribed(replaceIds(shown?.fromView ? shown.fromView(source) : source, ctx.ids), schema));
        if (kind?.completeCreate) body = kind.completeCreate(body, ctx);
        if (kind && isObj(body)) {
          try {
            ctx.params = { ...simParams };
            await ensureRequired(ctx, kind, body, kinds);
          } catch (e) {
            return { case: c, outcome: 'mismatched', details: [`setup failed: ${(e as Error).message}`], govAdded: [] };
          }
        }
      } else {
        const sample = sampleRequestBody(spec.request);
        body = sample.ok ? sample.body : {};
      }
    }
    const challenge = c.rec.status === 401 && /^Digest/i.test(c.rec.headers['www-authenticate'] ?? '');
    let res: HttpResponse;
    try {
      res = await api.call(c.op.method, path, { version, ...(body !== undefined && { body }), ...(challenge && { auth: 'none' as const }) });
    } catch (e) {
      return { case: c, outcome: 'mismatched', request: { method: c.op.method, path, version }, details: [`request failed: ${(e as Error).message}`], govAdded: [] };
    }
    const expected = recorded === undefined ? undefined : flatten(recorded);
    const govAdded = expected ? [...applyGovAdditions(expected, o.document, documentedSchema(o.document, c), recorded), ...applyGovQueries(expected)] : [];
    const details = compareResponses({ status: c.rec.status, headers: c.rec.headers, body: c.rec.body }, { status: res.status, headers: res.headers, body: res.text }, expected);
    return { case: c, outcome: details.length ? 'mismatched' : 'matched', request: { method: c.op.method, path, version }, details, govAdded };
  } finally {
    await target.close();
  }
}

/** Replays every served recording (one at a time: each gets its own simulator). */
export async function replay(o: ReplayOptions): Promise<ReplayReport> {
  const found = findReplayCases(o.catalog, o.dir, o.document);
  const cases = found.cases.filter((c) => !o.filter || o.filter(c));
  const results: CaseResult[] = [];
  for (const c of cases) results.push(await replayOne(c, o));
  const total = found.cases.length + [...found.notServed.values()].reduce((a, b) => a + b, 0);
  return { results, notServed: found.notServed, total };
}

export interface Threshold {
  /** The suite fails when fewer recordings match. */
  minMatched: number;
}

export const THRESHOLD_FILE = fileURLToPath(new URL('./threshold.json', import.meta.url));

export function readThreshold(file = THRESHOLD_FILE): Threshold {
  return JSON.parse(readFileSync(file, 'utf8')) as Threshold;
}

/** Raises the threshold to what matches now (never lowers it); returns the new value. */
export function raiseThreshold(matched: number, file = THRESHOLD_FILE): number {
  const t = readThreshold(file);
  if (matched > t.minMatched) writeFileSync(file, JSON.stringify({ ...t, minMatched: matched }, null, 2) + '\n');
  return Math.max(matched, t.minMatched);
}

export const matchedCount = (r: ReplayReport): number => r.results.filter((x) => x.outcome === 'matched').length;

/** Per-area counts, the totals against the threshold, then a readable diff per mismatch. */
export function formatReplay(r: ReplayReport, threshold?: Threshold, thresholdFile = 'contracts/harness/replay/threshold.json'): string {
  const areas = [...new Set([...r.results.map((x) => x.case.area), ...r.notServed.keys()])].sort();
  const row = (cells: Array<string | number>) => cells.map((c, i) => (i === 0 ? String(c).padEnd(14) : String(c).padStart(i === 1 ? 10 : 12))).join(' ');
  const lines = ['Replay of the recorded Atlas responses against the simulator', row(['area', 'recordings', 'served', 'matched', 'mismatched', 'not in Gov'])];
  const count = (area: string | undefined, o?: Outcome) => r.results.filter((x) => (!area || x.case.area === area) && (!o || x.outcome === o)).length;
  for (const a of areas) {
    const served = count(a);
    lines.push(row([a, served + (r.notServed.get(a) ?? 0), served, count(a, 'matched'), count(a, 'mismatched'), count(a, 'not applicable in Gov')]));
  }
  const matched = count(undefined, 'matched');
  const applicable = matched + count(undefined, 'mismatched');
  lines.push(row(['total', r.total, r.results.length, matched, count(undefined, 'mismatched'), count(undefined, 'not applicable in Gov')]));
  lines.push(
    `matched ${matched} of ${applicable} replayable recordings (${applicable ? ((100 * matched) / applicable).toFixed(1) : '0.0'}%)` +
      (threshold ? `; threshold ${threshold.minMatched} (${thresholdFile}): ${matched >= threshold.minMatched ? 'met' : 'NOT MET'}` : ''),
  );
  for (const x of r.results) {
    if (x.outcome !== 'mismatched') continue;
    const sent = x.request ? `${x.request.method} ${x.request.path}${x.request.version ? ` (version ${x.request.version})` : ''}` : '(not sent)';
    lines.push('', `✗ ${x.case.rel}`, `    ${x.case.op.operationId}: ${sent}`);
    for (const d of x.details) lines.push(`    ${d}`);
  }
  const notInGov = r.results.filter((x) => x.outcome === 'not applicable in Gov');
  if (notInGov.length) lines.push('', 'not applicable in Atlas for Government:', ...notInGov.map((x) => `  ${x.case.rel}: ${x.details[0]}`));
  return lines.join('\n');
}
