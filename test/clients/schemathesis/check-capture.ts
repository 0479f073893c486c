/**
 * `tsx test/clients/schemathesis/check-capture.ts <capture.jsonl>`: checks every exchange a
 * simulator wrote with `--capture-file` against the official OpenAPI document, with the
 * known differences, as the conformance gate of `npm test` does. Exit 1 on an
 * unexplained violation, 2 when the document or the file cannot be read.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkExchanges, formatConformanceReport, type CapturedExchange } from '../../../contracts/harness/conformance.js';
import { loadOpenApiDocument, resolveOpenApiFile } from '../../../contracts/harness/openapi/document.js';
import { OPENAPI_2026_FILE_NAME } from '../../../contracts/harness/reference.js';

function main(file: string | undefined): number {
  if (!file) {
    process.stderr.write('usage: tsx test/clients/schemathesis/check-capture.ts <capture.jsonl>\n');
    return 2;
  }
  const exchanges: CapturedExchange[] = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => ({ ...(JSON.parse(line) as CapturedExchange), source: 'schemathesis' }));
  // Operations only the 2026-08 document describes are checked against it, as in the gate.
  const newerFile = join(dirname(resolveOpenApiFile()), OPENAPI_2026_FILE_NAME);
  const report = checkExchanges(exchanges, loadOpenApiDocument(), existsSync(newerFile) ? loadOpenApiDocument(newerFile) : undefined);
  process.stdout.write(`${formatConformanceReport(report)}\n`);
  return report.unexplained.length ? 1 : 0;
}

process.exitCode = main(process.argv[2]);
