/**
 * How much of the official API the simulator covers: every operation of the OpenAPI
 * document, marked simulated, unavailable in Atlas for Government, or not yet simulated.
 */
import type { OperationSpec } from '../api/operation.js';
import type { OpenApiDocument } from './openapi/document.js';
import { govUnavailableFeature } from '../api/govUnavailable.js';

export type CoverageStatus = 'simulated' | 'unavailable in Atlas for Government' | 'not yet simulated';

export const COVERAGE_STATUSES: readonly CoverageStatus[] = ['simulated', 'unavailable in Atlas for Government', 'not yet simulated'];

export interface CoverageRow {
  operationId: string;
  method: string;
  path: string;
  tag: string;
  status: CoverageStatus;
  /** For unavailable ones: whether the simulator answers 403 FEATURE_UNSUPPORTED, and the feature. */
  note: string;
}

export interface Coverage {
  rows: CoverageRow[];
  totals: Record<CoverageStatus, number>;
  /** Catalog operations the document does not have (newer than it, or misnamed). */
  notInDocument: OperationSpec[];
  /** Catalog operations served normally although Atlas for Government does not offer their feature. */
  inconsistent: Array<{ operationId: string; feature: string }>;
}

export function computeCoverage(doc: OpenApiDocument, catalog: readonly OperationSpec[]): Coverage {
  const byId = new Map(catalog.map((o) => [o.operationId, o]));
  const rows: CoverageRow[] = [];
  const inconsistent: Coverage['inconsistent'] = [];
  for (const d of doc.operations) {
    const op = byId.get(d.operationId);
    const feature = govUnavailableFeature(d);
    let status: CoverageStatus;
    let note = '';
    if (op?.unavailableInGov) {
      status = 'unavailable in Atlas for Government';
      note = `answered 403 FEATURE_UNSUPPORTED${feature ? ` (${feature.feature})` : ''}`;
    } else if (op) {
      status = 'simulated';
      if (feature) inconsistent.push({ operationId: d.operationId, feature: feature.feature });
    } else if (feature) {
      status = 'unavailable in Atlas for Government';
      note = `${feature.feature}; not routed (404)`;
    } else {
      status = 'not yet simulated';
    }
    rows.push({ operationId: d.operationId, method: d.method, path: d.path, tag: d.tags[0] ?? '', status, note });
  }
  const documented = new Set(doc.operations.map((o) => o.operationId));
  const totals = Object.fromEntries(COVERAGE_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length])) as Record<CoverageStatus, number>;
  return { rows, totals, notInDocument: catalog.filter((o) => !documented.has(o.operationId)), inconsistent };
}

/** `GET /groups/{}/clusters/{}`: a route whatever its parameters are named. */
const routeOf = (o: { method: string; path: string }) => `${o.method} ${o.path.replace(/\{[^}]+\}/g, '{}')}`;

/**
 * The operations a newer document adds to an older one, marked like the older one's. The
 * newer document (the SDK-transformed 2026-08 one) renames many operationIds, so an
 * operation is the same one when its method and path are; each is counted once.
 */
export function computeNewerCoverage(older: OpenApiDocument, newer: OpenApiDocument, catalog: readonly OperationSpec[]): Coverage {
  const known = new Set(older.operations.map(routeOf));
  const byRoute = new Map(catalog.map((o) => [routeOf(o), o]));
  const added = newer.operations.filter((d) => !known.has(routeOf(d)));
  const rows = added.map((d): CoverageRow => {
    const op = byRoute.get(routeOf(d));
    const feature = govUnavailableFeature(d);
    const status: CoverageStatus = op?.unavailableInGov || (!op && feature) ? 'unavailable in Atlas for Government' : op ? 'simulated' : 'not yet simulated';
    return { operationId: d.operationId, method: d.method, path: d.path, tag: d.tags[0] ?? '', status, note: feature ? feature.feature : '' };
  });
  const totals = Object.fromEntries(COVERAGE_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length])) as Record<CoverageStatus, number>;
  return { rows, totals, notInDocument: [], inconsistent: [] };
}

const MARK: Record<CoverageStatus, string> = {
  simulated: 'simulated',
  'unavailable in Atlas for Government': 'unavailable (Gov)',
  'not yet simulated': 'not yet',
};

/** Totals first, then one line per operation grouped by tag; `only` filters the lines. */
export function formatCoverage(c: Coverage, source: string, options: { only?: CoverageStatus; markdown?: boolean } = {}): string {
  const total = c.rows.length;
  const pct = (n: number) => `${((100 * n) / Math.max(total, 1)).toFixed(1)}%`;
  const lines: string[] = [];
  if (options.markdown) {
    lines.push(`| status | operations | share |`, `| --- | ---: | ---: |`);
    for (const s of COVERAGE_STATUSES) lines.push(`| ${s} | ${c.totals[s]} | ${pct(c.totals[s])} |`);
    lines.push(`| **total in the document** | **${total}** | |`, '');
  } else {
    lines.push(`Atlas Administration API v2 coverage against ${source} (${total} operations)`);
    for (const s of COVERAGE_STATUSES) lines.push(`  ${s.padEnd(38)} ${String(c.totals[s]).padStart(4)}  ${pct(c.totals[s]).padStart(6)}`);
    if (c.notInDocument.length) lines.push(`  simulated but not in the document       ${String(c.notInDocument.length).padStart(4)}`);
    for (const i of c.inconsistent) lines.push(`  ! ${i.operationId} is simulated, but ${i.feature} is unavailable in Atlas for Government: mark it unavailableInGov`);
    lines.push('');
  }
  const rows = c.rows.filter((r) => !options.only || r.status === options.only).sort((a, b) => a.tag.localeCompare(b.tag) || a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  if (options.markdown) {
    lines.push('| status | operation | method | path | note |', '| --- | --- | --- | --- | --- |');
    for (const r of rows) lines.push(`| ${MARK[r.status]} | ${r.operationId} | ${r.method} | \`${r.path}\` | ${r.note} |`);
  } else {
    let tag: string | undefined;
    for (const r of rows) {
      if (r.tag !== tag) lines.push(`${(tag = r.tag) || '(no tag)'}`);
      lines.push(`  ${MARK[r.status].padEnd(17)} ${r.method.padEnd(6)} ${r.path}  ${r.operationId}${r.note ? `  — ${r.note}` : ''}`);
    }
  }
  for (const o of c.notInDocument) lines.push(`  simulated, not in the document: ${o.operationId} ${o.method} ${o.path}`);
  return lines.join('\n');
}
