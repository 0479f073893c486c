import { OPERATIONS } from '../../contracts/api/catalog.js';
import { knownWireDifference } from '../../contracts/harness/knownDifferences.js';
import { checkResponse } from '../../contracts/harness/openapi/check.js';
import { formatViolations } from '../../contracts/harness/openapi/formatViolations.js';
import { buildOperationRouter } from '../../src/wire/router.js';
import type { ApiResponse } from './harness.js';

const router = buildOperationRouter(OPERATIONS);

/**
 * What is wrong with a response, as sorted `"<jsonPath> <rule>"` strings (array indexes
 * as `[*]`): first against the official OpenAPI document, leaving out the deliberate
 * differences listed (with their reasons) in `contracts/harness/knownDifferences.ts`, then, for
 * successes, against the operation's own zod response contract for the version in
 * `Content-Type` (reported as `contract <path> <code>`). Tests expect `[]`.
 */
export function openApiDifferences(method: string, path: string, res: ApiResponse): string[] {
  const full = path.startsWith('/api/') ? path : `/api/atlas/v2${path}`;
  const violations = checkResponse({
    method,
    path: full,
    status: res.status,
    contentType: res.headers['content-type'] ?? null,
    body: res.text,
  });
  const served = /vnd\.atlas\.(\d{4}-\d{2}-\d{2})/.exec(res.headers['content-type'] ?? '')?.[1];
  const unexplained = violations.filter((v) => !knownWireDifference(v, served));
  const keys = [...new Set(unexplained.map((v) => `${v.jsonPath.replace(/\[\d+\]/g, '[*]')} ${v.rule}`))];
  keys.push(...contractDifferences(method, full, res));
  keys.sort();
  if (keys.length) Object.defineProperty(keys, 'report', { value: formatViolations(unexplained), enumerable: false });
  return keys;
}

/** Issues of a successful response against the catalog's zod contract for its version. */
function contractDifferences(method: string, fullPath: string, res: ApiResponse): string[] {
  if (res.status >= 300) return [];
  const match = router.match(method, fullPath.split('?')[0]!);
  if (match.kind !== 'found') return ['contract $ no-operation'];
  const date = /vnd\.atlas\.(\d{4}-\d{2}-\d{2})/.exec(res.headers['content-type'] ?? '')?.[1];
  const version = match.value.versions.find((v) => v.date === date);
  if (!version) return ['contract $ no-version'];
  if (!version.response) return res.text === '' ? [] : ['contract $ unexpected-body'];
  const parsed = version.response.safeParse(res.json);
  return parsed.success ? [] : parsed.error.issues.map((i) => `contract $.${i.path.join('.')} ${i.code}`);
}
