import { dirname, join } from 'node:path';
import { describe, it } from 'vitest';
import { loadOpenApiDocument, resolveOpenApiFile, type OpenApiDocument } from '../../contracts/harness/openapi/document.js';
import { OPENAPI_2026_FILE_NAME, referenceRequired } from '../../contracts/harness/reference.js';
import { referenceProblem, type ReferenceData } from './referenceData.js';
import { noteSkip } from './skips.js';

export { referenceProblem, type ReferenceData };

/**
 * The one guard of the tests that need reference data (the official OpenAPI documents,
 * the recorded Atlas responses; contracts/harness/reference.ts says where they live).
 * When the data is missing, those tests are skipped and every skip is noted for the
 * end-of-run summary line (test/support/conformanceGate.ts); with ATLAS_REQUIRE_REFERENCE
 * set (`.ci/run`), a missing file fails the run instead.
 */

/** The official document; call only inside `describeWithReference(…, ['openapi'], …)`. */
export function openApiDocument(): OpenApiDocument {
  return loadOpenApiDocument();
}

/** The newer (2026-08, transformed) document; only inside `describeWithReference(…, ['openapi-2026'], …)`. */
export function openApi2026Document(): OpenApiDocument {
  return loadOpenApiDocument(join(dirname(resolveOpenApiFile()), OPENAPI_2026_FILE_NAME));
}

/**
 * `describe`, or, when the data is missing, a skipped test saying what to fetch (a
 * failing one when the run requires the reference data).
 */
export function describeWithReference(name: string, needs: readonly ReferenceData[], body: () => void): void {
  const problem = referenceProblem(needs);
  if (!problem) {
    describe(name, body);
    return;
  }
  describe(name, () => {
    if (referenceRequired()) {
      it('has the reference data it needs', () => {
        throw new Error(problem);
      });
      return;
    }
    noteSkip(needs, name);
    it.skip(`skipped, reference data missing: ${problem}`, () => undefined);
  });
}

/**
 * The official document for a test that also runs without it (checking less): null when
 * it is missing, the skipped check noted for the summary; a failure when the run
 * requires the reference data.
 */
export function openApiDocumentIfPresent(what: string): OpenApiDocument | null {
  const problem = referenceProblem(['openapi']);
  if (!problem) return openApiDocument();
  if (referenceRequired()) throw new Error(problem);
  noteSkip(['openapi'], `document check of ${what}`);
  return null;
}
