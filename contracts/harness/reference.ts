/**
 * The reference data the harness compares the simulator with: MongoDB's official OpenAPI
 * documents and the responses recorded from the real Atlas. None of it is in the
 * repository (size and licence); it lives in one directory, `reference/` under the
 * project root by default (ignored by git), or wherever `ATLAS_REFERENCE_DIR` points:
 *
 *   <dir>/openapi/atlas-admin-v2.2025-06.yaml                  the full document (454 operations)
 *   <dir>/openapi/atlas-admin-v2.sdk-transformed.2026-08.yaml  a newer, transformed copy
 *   <dir>/recorded/<area>/<suite>/<Test>/<Step>/*.snaphost      recorded responses
 *
 * `ATLAS_OPENAPI_FILE` and `ATLAS_RECORDED_DIR` override single entries. `npm run
 * fetch:reference` downloads both documents at pinned commits and checks their SHA-256.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let projectRootMemo: string | undefined;

/**
 * The project root: the nearest ancestor of this module holding the project's
 * `package.json` (works both from sources and from a compiled `dist/`), else cwd.
 */
export function projectRoot(): string {
  if (projectRootMemo) return projectRootMemo;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const name = (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name;
        if (name === 'atlas-gov-mock') return (projectRootMemo = dir);
      } catch {
        /* not ours; keep walking */
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return (projectRootMemo = process.cwd());
}

/** The directory holding `openapi/` and `recorded/`: `$ATLAS_REFERENCE_DIR`, else `<projectRoot>/reference`. */
export function referenceDir(): string {
  const chosen = process.env.ATLAS_REFERENCE_DIR;
  return chosen ? path.resolve(projectRoot(), chosen) : path.join(projectRoot(), 'reference');
}

/** A file `npm run fetch:reference` downloads: from where, its expected SHA-256, where it goes in the reference directory. */
export interface ReferenceDownload {
  url: string;
  sha256: string;
  /** Path relative to the reference directory. */
  file: string;
}

/** Name of the full document in `<reference>/openapi/`, used in messages. */
export const OPENAPI_FILE_NAME = 'atlas-admin-v2.2025-06.yaml';
export const OPENAPI_2026_FILE_NAME = 'atlas-admin-v2.sdk-transformed.2026-08.yaml';

/**
 * MongoDB publishes the Administration API documents in its public repository
 * mongodb/openapi; the Atlas Go SDK repository (mongodb/atlas-sdk-go, Apache-2.0) keeps
 * dated copies of them in `openapi/`, which is where these pinned bytes come from.
 */
export const REFERENCE_DOWNLOADS: readonly ReferenceDownload[] = [
  {
    url: 'https://raw.githubusercontent.com/mongodb/atlas-sdk-go/50f2fbfb/openapi/atlas-api.yaml',
    sha256: 'a1b5953ae599fc6d64c5418ca8000cb65700c3be5e2516afac622ac0d93095bf',
    file: `openapi/${OPENAPI_FILE_NAME}`,
  },
  {
    url: 'https://raw.githubusercontent.com/mongodb/atlas-sdk-go/68a9d51c/openapi/atlas-api-transformed.yaml',
    sha256: '6cfa833e9a12f7b00b46fbdfa89a60781071a7b1a09e0618886ca48506f80e17',
    file: `openapi/${OPENAPI_2026_FILE_NAME}`,
  },
];

/** How to get the documents, for messages. */
export const OPENAPI_DOWNLOAD_HINT =
  'Run `npm run fetch:reference` (downloads the official documents from the public repository mongodb/atlas-sdk-go at pinned commits and checks their SHA-256), ' +
  'or point ATLAS_REFERENCE_DIR (a directory with openapi/ and recorded/) or ATLAS_OPENAPI_FILE at a copy.';

/** How to get the recordings, for messages. */
export const RECORDED_DOWNLOAD_HINT =
  'They are the `.snaphost` files of the public repository mongodb/mongodb-atlas-cli, test/e2e/**/testdata/.snapshots/ at commit 8ddea41a ' +
  '(https://github.com/mongodb/mongodb-atlas-cli/tree/8ddea41a/test/e2e), laid out as <area>/<suite>/<TestName>/<Step>/<METHOD>_<path>_<n>.snaphost. ' +
  'Put them in <reference directory>/recorded, or point ATLAS_RECORDED_DIR at them.';

/**
 * When set (`.ci/run` sets it), missing reference data fails the run instead of skipping
 * the tests that need it.
 */
export function referenceRequired(): boolean {
  const v = process.env.ATLAS_REQUIRE_REFERENCE;
  return !!v && v !== '0' && v.toLowerCase() !== 'false';
}
