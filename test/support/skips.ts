import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Skips for missing reference data or external tools, noted by the test workers in the
 * run's capture directory so that the end of the run can name them in one line
 * (test/support/conformanceGate.ts). Free of vitest: the global setup reads it too.
 */
export type SkipReason = 'openapi' | 'openapi-2026' | 'recorded' | 'curl' | 'python-requests' | 'mongodb-mcp-server' | 'chromium';

export interface SkipNote {
  needs: SkipReason[];
  what: string;
}

function skipLog(runDir: string): string {
  return join(runDir, 'skips.log');
}

export function noteSkip(needs: readonly SkipReason[], what: string): void {
  const runDir = process.env.ATLAS_MOCK_CAPTURE_DIR;
  if (!runDir) return;
  mkdirSync(runDir, { recursive: true });
  appendFileSync(skipLog(runDir), `${JSON.stringify({ needs, what })}\n`);
}

export function readSkips(runDir: string): SkipNote[] {
  const log = skipLog(runDir);
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as SkipNote);
}
