/**
 * `npm run api:coverage [-- --only simulated|unavailable|missing] [--markdown|--json] [--openapi <file>]`:
 * every operation of the official document, marked simulated, unavailable in Atlas for
 * Government, or not yet simulated; totals first. Exits 1 when a simulated operation
 * belongs to a feature Atlas for Government does not offer, 2 on bad usage or a missing
 * document.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { OPERATIONS } from '../../api/catalog.js';
import { computeCoverage, formatCoverage, type CoverageStatus } from '../coverage.js';
import { loadOpenApiDocument } from '../openapi/document.js';

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
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('usage: npm run api:coverage -- [--only simulated|unavailable|missing] [--markdown|--json] [--openapi <file>]\n');
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
  if (values.json) {
    process.stdout.write(JSON.stringify({ totals: coverage.totals, rows: coverage.rows, notInDocument: coverage.notInDocument.map((o) => o.operationId), inconsistent: coverage.inconsistent }, null, 2) + '\n');
  } else {
    const only = values.only === undefined ? undefined : ONLY[values.only];
    process.stdout.write(formatCoverage(coverage, path.relative(process.cwd(), doc.source), { ...(only && { only }), markdown: values.markdown }) + '\n');
  }
  return coverage.inconsistent.length ? 1 : 0;
}

process.exitCode = main();
