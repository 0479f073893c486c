import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkExchanges, formatConformanceReport, type CapturedExchange } from '../../contracts/harness/conformance.js';
import { loadOpenApiDocument } from '../../contracts/harness/openapi/document.js';
import { CAPTURE_ROOT } from './capture.js';

/**
 * Vitest global setup: gives the run its own capture directory, and after every test
 * file has finished validates every captured exchange against the official OpenAPI
 * document. An unexplained violation throws from the teardown, which makes `vitest run`
 * (and so `npm test`) exit non-zero with the report; the run's captures are kept for a
 * look. Known differences are in contracts/harness/knownDifferences.ts.
 */
const STALE_MS = 6 * 3600_000;

export default function setup(): () => void {
  mkdirSync(CAPTURE_ROOT, { recursive: true });
  // Captures of runs that were killed before their teardown.
  for (const name of readdirSync(CAPTURE_ROOT)) {
    const p = join(CAPTURE_ROOT, name);
    if (Date.now() - statSync(p).mtimeMs > STALE_MS) rmSync(p, { recursive: true, force: true });
  }
  const runDir = join(CAPTURE_ROOT, `run-${process.pid}-${Date.now()}`);
  // Inherited by the test workers, which capture.ts reads at import.
  process.env.ATLAS_MOCK_CAPTURE_DIR = runDir;
  return () => teardown(runDir);
}

function readCaptured(runDir: string): CapturedExchange[] {
  if (!existsSync(runDir)) return [];
  const out: CapturedExchange[] = [];
  for (const name of readdirSync(runDir).sort()) {
    if (!name.endsWith('.jsonl')) continue;
    const source = name.replace(/-\d+-\d+\.jsonl$/, '');
    for (const line of readFileSync(join(runDir, name), 'utf8').split('\n')) {
      if (line.trim()) out.push({ ...(JSON.parse(line) as CapturedExchange), source });
    }
  }
  return out;
}

function teardown(runDir: string): void {
  const exchanges = readCaptured(runDir);
  if (exchanges.length === 0) {
    rmSync(runDir, { recursive: true, force: true });
    return;
  }
  let doc;
  try {
    doc = loadOpenApiDocument();
  } catch (e) {
    const message = `OpenAPI conformance of ${exchanges.length} captured exchanges not checked: ${(e as Error).message}`;
    if (process.env.CI) throw new Error(message);
    console.warn(message);
    return;
  }
  const report = checkExchanges(exchanges, doc);
  if (report.unexplained.length) {
    throw new Error(
      `${formatConformanceReport(report)}\n` +
        `Fix the simulator, or, when real Atlas differs from its document in the same way, list the difference with its reason in contracts/harness/knownDifferences.ts. ` +
        `Captured exchanges kept in ${runDir}.`,
    );
  }
  // ATLAS_MOCK_CONFORMANCE_VERBOSE=1 also lists which known differences explained what.
  console.log(formatConformanceReport(report, { explained: !!process.env.ATLAS_MOCK_CONFORMANCE_VERBOSE }));
  rmSync(runDir, { recursive: true, force: true });
}
