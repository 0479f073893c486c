/**
 * Downloads the reference documents (contracts/harness/reference.ts) and keeps a file
 * only when its SHA-256 is the pinned one, so every machine compares the simulator with
 * the same bytes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReferenceDownload } from './reference.js';

export type FetchOutcome = 'present' | 'downloaded';

export interface FetchResult {
  file: string;
  outcome: FetchOutcome;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The bytes behind a URL; `file:` URLs are read from disk (Node's fetch does not take them). */
async function download(url: string): Promise<Uint8Array> {
  const u = new URL(url);
  if (u.protocol === 'file:') return readFileSync(fileURLToPath(u));
  const res = await fetch(u);
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * Puts every download into `dir`, skipping files already there with the right hash.
 * @throws when a download fails or its SHA-256 differs; nothing is written for that file.
 */
export async function fetchReference(downloads: readonly ReferenceDownload[], dir: string, log: (line: string) => void = () => undefined): Promise<FetchResult[]> {
  const results: FetchResult[] = [];
  for (const d of downloads) {
    const target = path.join(dir, d.file);
    if (existsSync(target) && sha256(readFileSync(target)) === d.sha256) {
      log(`${target}: present, SHA-256 matches`);
      results.push({ file: target, outcome: 'present' });
      continue;
    }
    log(`${target}: downloading ${d.url}`);
    const bytes = await download(d.url);
    const got = sha256(bytes);
    if (got !== d.sha256) throw new Error(`${d.url}: SHA-256 is ${got}, expected ${d.sha256}; not saved`);
    mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, bytes);
      renameSync(tmp, target);
    } finally {
      rmSync(tmp, { force: true });
    }
    results.push({ file: target, outcome: 'downloaded' });
  }
  return results;
}
