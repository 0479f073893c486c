/** Reading of the responses recorded from the real Atlas (`.snaphost` files): recorded-response checks and replay. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './openapi/document.js';

export interface Snaphost {
  file: string;
  /** Method from the file name. */
  method: string;
  /** The path part of the file name, `/` replaced by `_` (ambiguous where values contain `_`). */
  flatPath: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Root of the recordings: `$ATLAS_RECORDED_DIR` or `<projectRoot>/../shared/atlas/recorded`. */
export function recordedDir(): string {
  return process.env.ATLAS_RECORDED_DIR ?? path.resolve(projectRoot(), '..', 'shared', 'atlas', 'recorded');
}

/** Where users get the recordings (from `../shared/atlas/recorded/README.md`). */
export const RECORDED_DOWNLOAD_HINT =
  'They are the `.snaphost` files of the public repository mongodb/mongodb-atlas-cli, test/e2e/**/testdata/.snapshots/ at commit 8ddea41a ' +
  '(https://github.com/mongodb/mongodb-atlas-cli/tree/8ddea41a/test/e2e), laid out as <area>/<suite>/<TestName>/<Step>/<METHOD>_<path>_<n>.snaphost. ' +
  'Put them at ../shared/atlas/recorded relative to the project root, or point ATLAS_RECORDED_DIR at them. Do not copy them into the repository.';

/** Throws, naming the directory and where to get it, when the recordings are absent. */
export function requireRecordedDir(dir = recordedDir()): string {
  if (!existsSync(dir)) throw new Error(`Recorded Atlas responses not found: ${dir}. ${RECORDED_DOWNLOAD_HINT}`);
  return dir;
}

/** All `.snaphost` files below `dir`, sorted. */
export function listSnaphosts(dir = recordedDir()): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.snaphost')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Parses one raw HTTP response file; header names are lower-cased. */
export function readSnaphost(file: string): Snaphost {
  const text = readFileSync(file, 'utf8');
  const sep = text.search(/\r?\n\r?\n/);
  const head = sep < 0 ? text : text.slice(0, sep);
  const body = sep < 0 ? '' : text.slice(sep).replace(/^\r?\n\r?\n/, '');
  const [statusLine = '', ...lines] = head.split(/\r?\n/);
  const status = Number(statusLine.split(' ')[1]);
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  const base = path.basename(file, '.snaphost');
  const m = /^([A-Z]+)_(.*)_(\d+)$/.exec(base);
  return {
    file,
    method: m?.[1] ?? '',
    flatPath: m?.[2] ?? '',
    status,
    headers,
    body,
  };
}
