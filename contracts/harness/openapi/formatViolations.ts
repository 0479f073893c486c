/** Human-readable rendering of conformance violations. */
import type { Violation } from './check.js';

/**
 * One line: `getOrg GET /api/atlas/v2/orgs/{orgId} 200 $.name [type] must be string, got integer 42`.
 * The operation comes first so that `sort | uniq -c` groups by operation.
 */
export function formatViolation(v: Violation): string {
  const op = v.operationId || '(no operation)';
  const status = v.status === null ? 'request' : String(v.status);
  return `${op} ${v.method} ${v.pathTemplate} ${status} ${v.jsonPath} [${v.rule}] ${v.message}`;
}

/** One line per violation, or `no violations`. */
export function formatViolations(violations: readonly Violation[]): string {
  return violations.length ? violations.map(formatViolation).join('\n') : 'no violations';
}
