/**
 * `npm run api:coverage [-- --only simulated|unavailable|missing] [--markdown|--json] [--openapi <file>] [--newer <file>]`:
 * every operation of the official document, marked simulated, unavailable in Atlas for
 * Government, or not yet simulated; totals first. Then the operations the newer document
 * (`--newer`, by default the 2026-08 one beside the first) adds, counted once each and
 * marked the same way. Exits 1 when a simulated operation
 * belongs to a feature Atlas for Government does not offer, 2 on bad usage or a missing
 * document.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { OPERATIONS } from '../../api/catalog.js';
import { existsSync } from 'node:fs';
import { computeCoverage, computeNewerCoverage, formatCoverage, type CoverageStatus } from '../coverage.js';
import { loadOpenApiDocument } from '../openapi/document.js';

/** The newer document looked for beside the first. */
const NEWER_FILE_NAME = 'atlas-admin-v2.sdk-transformed.2026-08.yaml';

const ONLY: Record<string, CoverageStatus> = {
  simulated: 'simulated',
  unavailable: 'unavailable in Atlas for Government',
  missing: 'not yet simulated',
};

function main(): number {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      markdown: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      openapi: { type: 'string' },
      newer: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('usage: npm run api:coverage -- [--only simulated|unavailable|missing] [--markdown|--json] [--openapi <file>] [--newer <file>]\n');
    return 0;
  }
  if (values.only !== undefined && !ONLY[values.only]) {
    process.stderr.write(`--only takes simulated, unavailable or missing, not ${values.only}\n`);
    return 2;
  }
  let doc;
  try {
    doc = loadOpenApiDocument(values.openapi);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const coverage = computeCoverage(doc, OPERATIONS);
  const newerFile = values.newer ?? path.join(path.dirname(doc.source), NEWER_FILE_NAME);
  const newer = existsSync(newerFile) ? computeNewerCoverage(doc, loadOpenApiDocument(newerFile), OPERATIONS) : undefined;
  // Catalog operations only the newer document describes are counted there, as simulated.
  if (newer) {
    const route = (o: { method: string; path: string }) => `${o.method} ${o.path}`;
    const counted = new Set(newer.rows.filter((r) => r.status === 'simulated').map(route));
    coverage.notInDocument = coverage.notInDocument.filter((o) => !counted.has(route(o)));
  }
  if (values.json) {
    const json = { totals: coverage.totals, rows: coverage.rows, notInDocument: coverage.notInDocument.map((o) => o.operationId), inconsistent: coverage.inconsistent };
    process.stdout.write(JSON.stringify(newer ? { ...json, newer: { source: newerFile, totals: newer.totals, rows: newer.rows } } : json, null, 2) + '\n');
  } else {
    const only = values.only === undefined ? undefined : ONLY[values.only];
    const options = { ...(only && { only }), markdown: values.markdown };
    process.stdout.write(formatCoverage(coverage, path.relative(process.cwd(), doc.source), options) + '\n');
    if (newer) process.stdout.write(`\nAdded by the newer document:\n${formatCoverage(newer, path.relative(process.cwd(), newerFile), options)}\n`);
  }
  return coverage.inconsistent.length ? 1 : 0;
}

process.exitCode = main();
