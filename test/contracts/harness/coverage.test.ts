/** `npm run api:coverage`: every operation of the document, marked simulated, unavailable in Gov, or not yet simulated. */
import { expect, it } from 'vitest';
import { OPERATIONS } from '../../../contracts/api/catalog.js';
import { computeCoverage, computeNewerCoverage, formatCoverage } from '../../../contracts/harness/coverage.js';
import type { OperationSpec } from '../../../contracts/api/operation.js';
import { runScript } from '../../support/scripts.js';
import { describeWithReference, openApi2026Document, openApiDocument } from '../../support/reference.js';

const spec = (operationId: string, over: Partial<OperationSpec> = {}): OperationSpec => ({
  operationId,
  method: 'GET',
  path: '/x',
  versions: [{ date: '2023-01-01' }],
  status: 200,
  rateLimit: null,
  access: { scope: 'principal' },
  ...over,
});

describeWithReference('API coverage', ['openapi'], () => {
  it('marks every document operation once and finds every catalog operation in the document', () => {
    const doc = openApiDocument();
    const c = computeCoverage(doc, OPERATIONS);
    expect(c.rows).toHaveLength(doc.operations.length);
    expect(Object.values(c.totals).reduce((a, b) => a + b, 0)).toBe(doc.operations.length);
    // Catalog operations outside this document are in the 2026-08 one (checked below).
    expect(c.inconsistent).toEqual([]);
    const simulated = new Set(c.rows.filter((r) => r.status === 'simulated').map((r) => r.operationId));
    for (const op of OPERATIONS) if (!op.unavailableInGov && !c.notInDocument.includes(op)) expect(simulated.has(op.operationId), op.operationId).toBe(true);
    // Documented Gov-unavailable features are counted even before the catalog has them.
    expect(c.rows.find((r) => r.operationId === 'listFlexClusters')?.status).toBe('unavailable in Atlas for Government');
    expect(c.rows.find((r) => r.operationId === 'getOnlineArchive')?.status).toBe('unavailable in Atlas for Government');
    expect(c.rows.find((r) => r.operationId === 'upgradeSharedCluster')?.status).toBe('unavailable in Atlas for Government');
    expect(c.rows.find((r) => r.operationId === 'getCluster')?.status).toBe(OPERATIONS.some((o) => o.operationId === 'getCluster') ? 'simulated' : 'not yet simulated');
  });

  it('tells an operation answered as unavailable from one served although Gov lacks its feature', () => {
    const doc = openApiDocument();
    const answered = computeCoverage(doc, [spec('listFlexClusters', { unavailableInGov: 'Flex clusters, their snapshots and restores' })]);
    expect(answered.rows.find((r) => r.operationId === 'listFlexClusters')).toMatchObject({ status: 'unavailable in Atlas for Government', note: expect.stringContaining('403 FEATURE_UNSUPPORTED') });
    const wrong = computeCoverage(doc, [spec('listFlexClusters'), spec('notInTheDocument')]);
    expect(wrong.inconsistent).toEqual([{ operationId: 'listFlexClusters', feature: 'Flex clusters, their snapshots and restores' }]);
    expect(wrong.notInDocument.map((o) => o.operationId)).toEqual(['notInTheDocument']);
    expect(formatCoverage(wrong, 'doc')).toContain('! listFlexClusters is simulated, but Flex clusters');
  });

  it('prints totals first, then the operations (npm run api:coverage)', async () => {
    const r = await runScript('contracts/harness/bin/api-coverage.ts', ['--only', 'simulated']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Atlas Administration API v2 coverage against .*atlas-admin-v2\.2025-06\.yaml \(454 operations\)$/);
    expect(lines[1]).toMatch(/^ {2}simulated +\d+ +[\d.]+%$/);
    expect(lines[2]).toMatch(/^ {2}unavailable in Atlas for Government +\d+/);
    expect(lines[3]).toMatch(/^ {2}not yet simulated +\d+/);
    for (const op of OPERATIONS.filter((o) => !o.unavailableInGov)) expect(r.stdout).toContain(`${op.path}  ${op.operationId}`);
    expect(r.stdout).not.toContain('not yet  ');
  });
});

describeWithReference('API coverage against the newer document', ['openapi', 'openapi-2026'], () => {
  it('counts once each operation the 2026-08 document adds, by method and path, whatever its operationId', () => {
    const older = openApiDocument();
    const newer = openApi2026Document();
    const c = computeNewerCoverage(older, newer, OPERATIONS);
    const route = (o: { method: string; path: string }) => `${o.method} ${o.path.replace(/\{[^}]+\}/g, '{}')}`;
    const olderRoutes = new Set(older.operations.map(route));
    expect(c.rows.length).toBeGreaterThan(0);
    expect(c.rows.every((r) => !olderRoutes.has(route(r)))).toBe(true);
    expect(new Set(c.rows.map(route)).size).toBe(c.rows.length);
    // An operation renamed in the newer document (getGroup for getProject) is not counted again.
    expect(c.rows.some((r) => r.operationId === 'getGroup')).toBe(false);
    // A catalog entry for an added route counts as simulated.
    const added = c.rows.find((r) => r.status === 'not yet simulated')!;
    const served = computeNewerCoverage(older, newer, [...OPERATIONS, spec('served', { method: added.method as 'GET', path: added.path })]);
    expect(served.rows.find((r) => r.operationId === added.operationId)?.status).toBe('simulated');
    expect(served.totals.simulated).toBe(c.totals.simulated + 1);
  });

  it('finds every catalog operation the 2025-06 document lacks in the 2026-08 one, counted there as simulated', () => {
    const older = openApiDocument();
    const newer = openApi2026Document();
    const outside = computeCoverage(older, OPERATIONS).notInDocument;
    const simulated = new Set(computeNewerCoverage(older, newer, OPERATIONS).rows.filter((r) => r.status === 'simulated').map((r) => `${r.method} ${r.path}`));
    expect(outside.filter((o) => !simulated.has(`${o.method} ${o.path}`)).map((o) => o.operationId)).toEqual([]);
    expect(simulated.size).toBe(outside.length);
  });
});

describeWithReference('README coverage figures', ['openapi'], () => {
  it('are the ones npm run api:coverage computes', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync('README.md', 'utf8');
    const block = /<!-- coverage:start -->([\s\S]*?)<!-- coverage:end -->/.exec(readme)?.[1] ?? '';
    const totals = computeCoverage(openApiDocument(), OPERATIONS).totals;
    for (const [status, count] of Object.entries(totals)) expect(block, status).toContain(`| ${status} | ${count} |`);
  });
});
