import { dirname, join } from 'node:path';
import { loadOpenApiDocument, resolveOpenApiFile } from '../../contracts/harness/openapi/document.js';
import { requireRecordedDir } from '../../contracts/harness/recorded.js';
import { OPENAPI_2026_FILE_NAME } from '../../contracts/harness/reference.js';
import type { SkipReason } from './skips.js';

/** What the reference guard knows without vitest, for the global setup of the run (test/support/reference.ts is the guard). */
export type ReferenceData = Extract<SkipReason, 'openapi' | 'openapi-2026' | 'recorded'>;

/** Why the data is unusable (file and how to get it), or undefined when it is there. */
export function referenceProblem(needs: readonly ReferenceData[]): string | undefined {
  try {
    if (needs.includes('openapi')) loadOpenApiDocument();
    if (needs.includes('openapi-2026')) loadOpenApiDocument(join(dirname(resolveOpenApiFile()), OPENAPI_2026_FILE_NAME));
    if (needs.includes('recorded')) requireRecordedDir();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

