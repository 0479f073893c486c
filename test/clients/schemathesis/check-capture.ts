/**
 * `tsx test/clients/schemathesis/check-capture.ts <capture.jsonl>`: checks every exchange a
 * simulator wrote with `--capture-file` against the official OpenAPI document, with the
 * known differences, as the conformance gate of `npm test` does. Exit 1 on an
 * unexplained violation, 2 when the document or the file cannot be read.
 */
import { readFileSync } from 'node:fs';
import { checkExchanges, formatConformanceReport, type CapturedExchange } from '../../../contracts/harness/conformance.js';
import { loadOpenApiDocument } from '../../../contracts/harness/openapi/document.js';

function main(file: string | undefined): number {
  if (!file) {
    process.stderr.write('usage: tsx test/clients/schemathesis/check-capture.ts <capture.jsonl>\n');
    return 2;
  }
  const exchanges: CapturedExchange[] = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => ({ ...(JSON.parse(line) as CapturedExchange), source: 'schemathesis' }));
  const report = checkExchanges(exchanges, loadOpenApiDocument());
  process.stdout.write(`${formatConformanceReport(report)}\n`);
  return report.unexplained.length ? 1 : 0;
}

process.exitCode = main(process.argv[2]);
