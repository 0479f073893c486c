import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exchange } from '../../src/wire/dispatcher.js';

/**
 * Every `/api` exchange the suite's simulators answer, written per test file to
 * `node_modules/.cache/atlas-gov-mock/captured/`. The conformance check validates all of
 * them against the official OpenAPI document after the run.
 */
export const CAPTURE_DIR = join(process.cwd(), 'node_modules', '.cache', 'atlas-gov-mock', 'captured');

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
