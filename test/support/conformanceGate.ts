import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkExchanges, formatConformanceReport, type CapturedExchange } from '../../contracts/harness/conformance.js';
import { loadOpenApiDocument, resolveOpenApiFile } from '../../contracts/harness/openapi/document.js';
import { OPENAPI_2026_FILE_NAME, referenceDir, referenceRequired } from '../../contracts/harness/reference.js';
import { CAPTURE_ROOT } from './capture.js';
import { referenceProblem, type ReferenceData } from './referenceData.js';
import { readSkips } from './skips.js';

/**
 * Vitest global setup: gives the run its own capture directory, and after every test
 * file has finished validates every captured exchange against the official OpenAPI
 * document. An unexplained violation throws from the teardown, which makes `vitest run`
 * (and so `npm test`) exit non-zero with the report; the run's captures are kept for a
 * look. Known differences are in contracts/harness/knownDifferences.ts. Ends the run with
 * a line saying what was skipped for lack of reference data or tools (test/support/skips.ts).
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

/** The 2026-08 document beside the official one, for what only it describes; absent, those exchanges fail as undescribed. */
function newerDocument() {
  const file = join(dirname(resolveOpenApiFile()), OPENAPI_2026_FILE_NAME);
  return existsSync(file) ? loadOpenApiDocument(file) : undefined;
}

function teardown(runDir: string): void {
  const skipped = skipSummary(runDir);
  const exchanges = readCaptured(runDir);
  if (exchanges.length === 0) {
    rmSync(runDir, { recursive: true, force: true });
    if (skipped) console.warn(skipped);
    return;
  }
  let doc;
  try {
    doc = loadOpenApiDocument();
  } catch (e) {
    if (referenceRequired()) throw new Error(`OpenAPI conformance of ${exchanges.length} captured exchanges not checked: ${(e as Error).message}`);
    const summary = skipSummary(runDir, exchanges.length);
    rmSync(runDir, { recursive: true, force: true });
    console.warn(summary);
    return;
  }
  const report = checkExchanges(exchanges, doc, newerDocument());
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
  if (skipped) console.warn(skipped);
}

/**
 * The lines that end a run where tests were skipped for lack of reference data or of an
 * external tool: what was skipped and how to get it; undefined when nothing was.
 */
function skipSummary(runDir: string, uncheckedExchanges = 0): string | undefined {
  const notes = readSkips(runDir);
  const lines: string[] = [];
  const reference = notes.filter((n) => n.needs.some((k) => k in REFERENCE_NAMES));
  if (reference.length || uncheckedExchanges) {
    const checks = reference.filter((n) => n.what.startsWith('document check of ')).length;
    const groups = reference.length - checks;
    const missing = (Object.keys(REFERENCE_NAMES) as ReferenceData[]).filter((k) => referenceProblem([k]));
    const parts = [
      groups && plural(groups, 'test group'),
      checks && plural(checks, 'per-response document check'),
      uncheckedExchanges && `the conformance check of ${uncheckedExchanges} captured exchanges`,
    ].filter(Boolean);
    lines.push(
      `REFERENCE DATA MISSING (${missing.map((k) => REFERENCE_NAMES[k]).join(', ')}; looked in ${referenceDir()}): skipped ${parts.join(', ')}. ` +
        'Get the documents with `npm run fetch:reference`, the recordings as docs/reference-data.md says.',
    );
  }
  const tools = (['curl', 'python-requests', 'mongodb-mcp-server', 'chromium'] as const).map((k) => [k, notes.filter((n) => n.needs.includes(k)).length] as const).filter(([, n]) => n);
  if (tools.length) {
    lines.push(`TOOLS MISSING: skipped ${tools.map(([k, n]) => `${plural(n, 'test')} needing ${TOOL_NAMES[k]}`).join(', ')}. Install them (Debian: apt-get install curl python3-requests chromium, or pip install requests; npm install --no-save mongodb-mcp-server), as .ci/run does.`);
  }
  return lines.length ? lines.join('\n') : undefined;
}

const REFERENCE_NAMES: Record<ReferenceData, string> = {
  openapi: 'the OpenAPI document 2025-06',
  'openapi-2026': 'the OpenAPI document 2026-08',
  recorded: 'the recorded Atlas responses',
};
const TOOL_NAMES = { curl: 'curl', 'python-requests': 'Python 3 with requests', 'mongodb-mcp-server': 'the MongoDB MCP server', chromium: 'Chromium' } as const;
const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
