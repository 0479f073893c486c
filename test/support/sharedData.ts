import { describe, it } from 'vitest';
import { loadOpenApiDocument, type OpenApiDocument } from '../../contracts/harness/openapi/document.js';
import { requireRecordedDir } from '../../contracts/harness/recorded.js';

/**
 * Tests that need the data in ../shared (the official OpenAPI document, the recorded
 * Atlas responses). CI always has it, so there a missing file fails the suite; on a
 * user's machine without it the tests are skipped under a title that names the file and
 * where to download it.
 */
export const IN_CI = !!process.env.CI;

export type SharedData = 'openapi' | 'recorded';

/** Why the data is unusable (file and download hint), or undefined when it is there. */
export function sharedDataProblem(needs: readonly SharedData[]): string | undefined {
  try {
    if (needs.includes('openapi')) loadOpenApiDocument();
    if (needs.includes('recorded')) requireRecordedDir();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The official document; call only inside `describeWithSharedData(['openapi'], …)`. */
export function openApiDocument(): OpenApiDocument {
  return loadOpenApiDocument();
}

/** `describe`, or, when the data is missing, a skipped (locally) or failing (CI) placeholder saying what to fetch. */
export function describeWithSharedData(name: string, needs: readonly SharedData[], body: () => void): void {
  const problem = sharedDataProblem(needs);
  if (!problem) {
    describe(name, body);
    return;
  }
  describe(name, () => {
    if (IN_CI) {
      it('has the shared data it needs', () => {
        throw new Error(problem);
      });
    } else {
      it.skip(`skipped: ${problem}`, () => undefined);
    }
  });
}
