/**
 * Conformance of exchanges the simulator answered (captured by the test suite, or by
 * `onExchange` anywhere) to the official OpenAPI document, with the deliberate
 * differences of `knownDifferences.ts` taken out. Anything left is a failure.
 */
import type { z } from 'zod';
import { checkerFor, mediaTypeOf, type Violation } from './openapi/check.js';
import type { OpenApiDocument } from './openapi/document.js';
import { formatViolation } from './openapi/formatViolations.js';
import { schemaCompilerFor } from './openapi/schema.js';
import { knownWireDifference } from './knownDifferences.js';
import { OAUTH_ROUTES, OAuthErrorResponse } from '../api/oauth.js';

/** An exchange as the simulator's `onExchange` hook reports it (src/wire/dispatcher.ts `Exchange`). */
export interface CapturedExchange {
  method: string;
  path: string;
  query: string;
  operationId?: string;
  status: number;
  headers: Record<string, string>;
  body: string | null;
  /** Where it was captured (the test file), for messages. */
  source?: string;
}

export interface Finding {
  exchange: CapturedExchange;
  violation: Violation;
}

export interface ConformanceReport {
  /** Exchanges checked against the document or, for OAuth, its zod contracts. */
  checked: number;
  /** Exchanges outside both (e.g. `/api/private/...`). */
  outside: number;
  /** Violations no known difference explains: each one fails the check. */
  unexplained: Finding[];
  /** Known differences that explained something: key → reason and count. */
  explained: Map<string, { reason: string; count: number }>;
}

const VERSION_RE = /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+/;
const API = '/api/atlas/v2';

function headerOf(x: CapturedExchange, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(x.headers)) if (k.toLowerCase() === want) return v;
  return undefined;
}

function parseJson(text: string | null): { ok: true; value: unknown } | { ok: false } {
  if (text === null || text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** zod issues as violations, with JSON paths like the document checker's. */
function zodViolations(schema: z.ZodType, value: unknown, base: Omit<Violation, 'jsonPath' | 'rule' | 'message'>): Violation[] {
  const r = schema.safeParse(value);
  if (r.success) return [];
  return r.error.issues.map((i) => ({
    ...base,
    jsonPath: '$' + i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join(''),
    rule: `contract:${i.code}`,
    message: i.message,
  }));
}

/** The OAuth endpoints are not in the document: their answers are checked against contracts/api/oauth.ts. */
function checkOAuth(x: CapturedExchange): Violation[] {
  const route = OAUTH_ROUTES.find((r) => r.path === x.path && r.method === x.method.toUpperCase());
  const base = { operationId: route?.id ?? '', method: x.method.toUpperCase(), pathTemplate: x.path, status: x.status };
  if (!route) return [{ ...base, jsonPath: '$', rule: 'path', message: 'no OAuth route has this method and path' }];
  const body = parseJson(x.body);
  if (!body.ok) return [{ ...base, jsonPath: '$', rule: 'json', message: 'body is not valid JSON' }];
  if (x.status >= 400) return zodViolations(OAuthErrorResponse, body.value, base);
  if (!route.response) {
    return body.value === undefined ? [] : [{ ...base, jsonPath: '$', rule: 'body', message: 'success answer must have no body' }];
  }
  return zodViolations(route.response, body.value, base);
}

/**
 * An exchange no catalog operation answered (unknown path or method, or the
 * authentication filter's 401): its body must be an ApiError, and a routed one must be
 * routed to the operation the document names for that path.
 */
function checkUnrouted(doc: OpenApiDocument, x: CapturedExchange, base: Omit<Violation, 'jsonPath' | 'rule' | 'message'>): Violation[] {
  if (x.status < 400) return [{ ...base, jsonPath: '$', rule: 'path', message: `status ${x.status} for a path the document does not describe` }];
  const { body: text, violations } = wrapped(x) ? unwrapEnvelope(x, base) : { body: x.body, violations: [] };
  const body = parseJson(text);
  if (!body.ok) return [{ ...base, jsonPath: '$', rule: 'json', message: 'body is not valid JSON' }];
  return [
    ...violations,
    ...schemaCompilerFor(doc.raw)
      .validate({ $ref: '#/components/schemas/ApiError' }, 'response', body.value)
      .map((i) => ({ ...base, jsonPath: i.jsonPath, rule: i.rule, message: i.message })),
  ];
}

/**
 * Whether the answer must be wrapped for `envelope=true`: every answer is, except the
 * authentication filter's 401 (no operation yet), which answers before anything reads
 * the query, with its fixed body.
 */
function wrapped(x: CapturedExchange): boolean {
  if (new URLSearchParams(x.query).get('envelope')?.toLowerCase() !== 'true') return false;
  return !(x.status === 401 && !x.operationId);
}

/**
 * `envelope=true` wraps the answer for clients that cannot read statuses: `{content,
 * status}`, or `status` added to a list envelope (the simulator's reading of the
 * documentation; wire-facts C.2). The document describes only the unwrapped body, so
 * that is what gets validated, after the wrapper itself is checked.
 */
function unwrapEnvelope(x: CapturedExchange, base: Omit<Violation, 'jsonPath' | 'rule' | 'message'>): { body: string | null; violations: Violation[] } {
  const parsed = parseJson(x.body);
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    return { body: x.body, violations: [] };
  }
  const { status, ...rest } = parsed.value as Record<string, unknown>;
  const violations: Violation[] = [];
  if (status !== x.status) violations.push({ ...base, jsonPath: '$.status', rule: 'envelope', message: `envelope status ${String(status)} is not the HTTP status ${x.status}` });
  const keys = Object.keys(rest);
  if (keys.length === 1 && keys[0] === 'content') return { body: JSON.stringify(rest.content), violations };
  if ('results' in rest) return { body: JSON.stringify(rest), violations };
  violations.push({ ...base, jsonPath: '$', rule: 'envelope', message: `an envelope has content and status, or is a list with status; got keys ${Object.keys(parsed.value).join(', ')}` });
  return { body: x.body, violations };
}

/** Media types (request and responses) an operation of a document describes. */
function describedMedia(op: { requestBody: unknown; responses: Record<string, unknown> }): Set<string> {
  const out = new Set<string>();
  const add = (content: unknown) => {
    for (const k of Object.keys((content ?? {}) as object)) out.add(k);
  };
  add((op.requestBody as { content?: unknown } | undefined)?.content);
  for (const r of Object.values(op.responses)) add((r as { content?: unknown }).content);
  return out;
}

/**
 * The document an exchange is checked against: the official one, unless only the newer
 * one describes the operation, or the version served (both documents describe only the
 * newest version of each operation, so a version added since shows only in the newer).
 */
function documentFor(method: string, path: string, version: string | undefined, document: OpenApiDocument, newer: OpenApiDocument | undefined): OpenApiDocument {
  if (!newer) return document;
  const found = document.matchPath(method, path);
  const inNewer = newer.matchPath(method, path);
  if (inNewer.kind !== 'match') return document;
  if (found.kind !== 'match') return newer;
  if (version === undefined) return document;
  const media = `application/vnd.atlas.${version}+json`;
  return !describedMedia(found.match.operation).has(media) && describedMedia(inNewer.match.operation).has(media) ? newer : document;
}

/**
 * Checks exchanges; never throws for a bad exchange, reports it. With `newer` (the 2026-08
 * document), operations and versions only it describes are checked against it.
 */
export function checkExchanges(exchanges: Iterable<CapturedExchange>, official: OpenApiDocument, newer?: OpenApiDocument): ConformanceReport {
  const checkers = new Map<OpenApiDocument, ReturnType<typeof checkerFor>>();
  const checkerOf = (d: OpenApiDocument) => checkers.get(d) ?? checkers.set(d, checkerFor(d)).get(d)!;
  const report: ConformanceReport = { checked: 0, outside: 0, unexplained: [], explained: new Map() };
  for (const x of exchanges) {
    const method = x.method.toUpperCase();
    let violations: Violation[];
    let servedVersion: string | undefined;
    if (x.path.startsWith('/api/oauth/')) {
      violations = checkOAuth(x);
    } else if (x.path === API || x.path.startsWith(`${API}/`)) {
      const fullPath = x.query ? `${x.path}?${x.query}` : x.path;
      const contentType = headerOf(x, 'content-type');
      servedVersion = VERSION_RE.exec(mediaTypeOf(contentType) ?? '')?.[1];
      const document = documentFor(method, x.path, servedVersion, official, newer);
      const checker = checkerOf(document);
      const found = document.matchPath(method, x.path);
      const base = { operationId: x.operationId ?? '', method, pathTemplate: x.path, status: x.status };
      if (found.kind !== 'match') {
        violations = x.operationId
          ? [{ ...base, jsonPath: '$', rule: found.kind === 'no-path' ? 'path' : 'method', message: `the simulator serves ${x.operationId} here; the document has no such operation` }]
          : checkUnrouted(document, x, base);
      } else if (x.operationId && x.operationId !== found.match.operation.operationId && document === official) {
        // The newer document renames many operations (its SDK's transformation); there the path decides.
        violations = [
          {
            ...base,
            pathTemplate: found.match.operation.path,
            jsonPath: '$',
            rule: 'operation',
            message: `the simulator answered as ${x.operationId}; the document says this is ${found.match.operation.operationId}`,
          },
        ];
      } else {
        let body = x.body;
        violations = [];
        if (wrapped(x)) {
          const unwrapped = unwrapEnvelope(x, base);
          body = unwrapped.body;
          violations.push(...unwrapped.violations);
        }
        violations.push(...checker.checkResponse({ method, path: fullPath, status: x.status, contentType: contentType ?? null, body: body ?? undefined }));
      }
    } else {
      report.outside++;
      continue;
    }
    report.checked++;
    for (const v of violations) {
      const known = knownWireDifference(v, servedVersion);
      if (!known) {
        report.unexplained.push({ exchange: x, violation: v });
        continue;
      }
      const e = report.explained.get(known.key) ?? { reason: known.reason, count: 0 };
      e.count++;
      report.explained.set(known.key, e);
    }
  }
  return report;
}

/**
 * A readable report: totals, then each unexplained violation kind once with its count
 * and the first exchange that showed it (request line and test file).
 */
export function formatConformanceReport(report: ConformanceReport, options: { explained?: boolean } = {}): string {
  const lines = [
    `OpenAPI conformance: ${report.checked} exchanges checked, ${report.unexplained.length} unexplained violation(s), ` +
      `${[...report.explained.values()].reduce((n, e) => n + e.count, 0)} explained by contracts/harness/knownDifferences.ts` +
      (report.outside ? `, ${report.outside} outside the document` : ''),
  ];
  const groups = new Map<string, { first: Finding; count: number }>();
  for (const f of report.unexplained) {
    const k = `${f.violation.operationId} ${f.violation.status} ${f.violation.jsonPath.replace(/\[\d+\]/g, '[*]')} ${f.violation.rule}`;
    const g = groups.get(k);
    if (g) g.count++;
    else groups.set(k, { first: f, count: 1 });
  }
  for (const { first, count } of groups.values()) {
    const x = first.exchange;
    lines.push(`  ✗ ${formatViolation(first.violation)}`);
    lines.push(`      ${count}× — first in ${x.method} ${x.path}${x.query ? `?${x.query}` : ''} → ${x.status}${x.source ? ` (${x.source})` : ''}`);
  }
  if (options.explained) {
    for (const [key, e] of report.explained) lines.push(`  ~ ${key} (${e.count}×): ${e.reason}`);
  }
  return lines.join('\n');
}
