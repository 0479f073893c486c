import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exchange } from '../../src/wire/dispatcher.js';

/** Where every run's captured exchanges go, one directory per run. */
export const CAPTURE_ROOT = join(process.cwd(), 'node_modules', '.cache', 'atlas-gov-mock', 'captured');

/**
 * Every `/api` exchange the suite's simulators answer, written per test file to the
 * run's directory (set by the conformance global setup, so that two runs never mix), or
 * to `CAPTURE_ROOT` outside it. The conformance check validates all of them against the
 * official OpenAPI document after the run (test/support/conformanceGate.ts).
 */
export const CAPTURE_DIR = process.env.ATLAS_MOCK_CAPTURE_DIR ?? CAPTURE_ROOT;

const captured: Exchange[] = [];

export function recordExchange(x: Exchange): void {
  captured.push(x);
}

/** Writes what this worker captured since the last flush. */
export function flushCaptured(label: string): void {
  if (captured.length === 0) return;
  mkdirSync(CAPTURE_DIR, { recursive: true });
  const file = join(CAPTURE_DIR, `${label.replace(/[^A-Za-z0-9_.-]+/g, '_')}-${process.pid}-${Date.now()}.jsonl`);
  writeFileSync(file, captured.map((x) => JSON.stringify(x)).join('\n') + '\n');
  captured.length = 0;
}
