import { checkResponse, formatViolations } from '../../contracts/openapi/check.js';
import type { ApiResponse } from './harness.js';

/**
 * What the official OpenAPI document says is wrong with a response, as sorted
 * `"<jsonPath> <rule>"` strings (array indexes as `[*]`). Tests compare the result with
 * the differences Atlas itself is known to have (wire-facts C.6), so an unexpected one
 * fails and a listed one that disappears fails too.
 */
export function openApiDifferences(method: string, path: string, res: ApiResponse): string[] {
  const violations = checkResponse({
    method,
    path: path.startsWith('/api/') ? path : `/api/atlas/v2${path}`,
    status: res.status,
    contentType: res.headers['content-type'] ?? null,
    body: res.text,
  });
  const keys = [...new Set(violations.map((v) => `${v.jsonPath.replace(/\[\d+\]/g, '[*]')} ${v.rule}`))].sort();
  if (keys.length) Object.defineProperty(keys, 'report', { value: formatViolations(violations), enumerable: false });
  return keys;
}

/** Known Atlas-vs-document differences, by what they concern. */
export const KNOWN = {
  /** Atlas answers 201 to POST /groups and POST accessList, 202 to DELETE /groups/{id} (wire-facts C.6). */
  status: '$ status',
  /** Group.withDefaultAlertsSettings is writeOnly in the document but returned (recorded). */
  groupAlerts: '$.withDefaultAlertsSettings writeOnly',
  groupAlertsInList: '$.results[*].withDefaultAlertsSettings writeOnly',
  /** CloudDatabaseUser.groupId is writeOnly in the document but returned (recorded). */
  userGroupId: '$.groupId writeOnly',
  userGroupIdInList: '$.results[*].groupId writeOnly',
  /** ApiError.parameters items are declared objects; Atlas sends strings (recorded). */
  errorParameters: '$.parameters[*] type',
} as const;
