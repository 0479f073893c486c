/**
 * `npm run contract:drift [-- --openapi <file>]`: compares the zod contracts of the
 * catalog with the official document (fields, types, enums, required lists) and prints
 * every difference. Exits 1 when a difference is not declared in
 * contracts/harness/knownDifferences.ts or a declared one is gone, 2 when the document is missing.
 */
import { parseArgs } from 'node:util';
import { OPERATIONS } from '../../api/catalog.js';
import { checkDrift, formatDrift } from '../drift.js';
import { DRIFT_DIFFERENCES, knownDriftDifference } from '../knownDifferences.js';
import { loadOpenApiDocument } from '../openapi/document.js';

function main(): number {
  const { values } = parseArgs({ options: { openapi: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } });
  if (values.help) {
    process.stdout.write('usage: npm run contract:drift -- [--openapi <file>]\n');
    return 0;
  }
  let doc;
  try {
    doc = loadOpenApiDocument(values.openapi);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const report = checkDrift(doc, OPERATIONS, knownDriftDifference, Object.keys(DRIFT_DIFFERENCES));
  process.stdout.write(formatDrift(report) + '\n');
  return report.entries.some((e) => !e.known) || report.stale.length ? 1 : 0;
}

process.exitCode = main();
