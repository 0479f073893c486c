import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { PAGING_QUERY } from '../operation.js';
import { AtlasDate, Links, ObjectId, paginated } from '../schemas/common.js';
import { DateTimeInput } from '../schemas/dateTime.js';
import { optional, readOnly } from '../schemas/input.js';

/**
 * NetworkPermissionEntry as posted. Which of `ipAddress`, `cidrBlock`,
 * `awsSecurityGroup` is set, the address syntax and the comment length are the sim's
 * rules, reported with their Atlas codes. `groupId` and `links` are read-only.
 */
const NetworkPermissionEntryInput = z.strictObject({
  awsSecurityGroup: optional(z.string()),
  cidrBlock: optional(z.string()),
  comment: optional(z.string()),
  deleteAfterDate: optional(DateTimeInput),
  groupId: readOnly,
  ipAddress: optional(z.string()),
  links: readOnly,
});

/** The POST body: an array of entries (anything else is 400 INVALID_JSON). */
export const NetworkPermissionEntries = z.array(NetworkPermissionEntryInput);

/**
 * NetworkPermissionEntry as returned (recorded): a single address shows both `cidrBlock`
 * (`/32`) and `ipAddress`; a wider block only `cidrBlock`; a security group only
 * `awsSecurityGroup`.
 */
export const NetworkPermissionEntry = z.strictObject({
  awsSecurityGroup: z.string().optional(),
  cidrBlock: z.string().optional(),
  comment: z.string().optional(),
  deleteAfterDate: AtlasDate.optional(),
  groupId: ObjectId,
  ipAddress: z.string().optional(),
  links: Links,
});

export const NetworkPermissionEntryStatus = z.strictObject({ STATUS: z.enum(['PENDING', 'FAILED', 'ACTIVE']) });

const V = '2023-01-01';
const ENTRY_PATH = '/api/atlas/v2/groups/{groupId}/accessList/{entryValue}';

/**
 * Project IP access list (2023-01-01 only). Roles as the document states: Project Read
 * Only to read (the status operation states none; it reads, so the same), Project Owner
 * to add or remove (Project Charts Admin, also named, is not a role the simulator has).
 */
export const ipAccessListOperations = [
  {
    operationId: 'listProjectIpAccessLists',
    method: 'GET',
    path: '/api/atlas/v2/groups/{groupId}/accessList',
    versions: [{ date: V, response: paginated(NetworkPermissionEntry) }],
    status: 200,
    rateLimit: 'accessList',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
    paged: true,
    query: { ...PAGING_QUERY },
  },
  {
    operationId: 'createProjectIpAccessList',
    method: 'POST',
    path: '/api/atlas/v2/groups/{groupId}/accessList',
    // Recorded: 201 (the document says 200) with the whole list, paged by this request's query.
    versions: [{ date: V, request: NetworkPermissionEntries, response: paginated(NetworkPermissionEntry) }],
    status: 201,
    rateLimit: 'accessList',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
    paged: true,
    query: { ...PAGING_QUERY },
  },
  {
    operationId: 'getProjectIpList',
    method: 'GET',
    path: ENTRY_PATH,
    versions: [{ date: V, response: NetworkPermissionEntry }],
    status: 200,
    rateLimit: 'accessList',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
  },
  {
    operationId: 'getProjectIpAccessListStatus',
    method: 'GET',
    path: `${ENTRY_PATH}/status`,
    versions: [{ date: V, response: NetworkPermissionEntryStatus }],
    status: 200,
    rateLimit: 'accessList',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
  },
  {
    operationId: 'deleteProjectIpAccessList',
    method: 'DELETE',
    path: ENTRY_PATH,
    versions: [{ date: V }],
    status: 204,
    rateLimit: 'accessList',
    access: { scope: 'group', anyOf: ['GROUP_OWNER'] },
  },
] as const satisfies readonly OperationSpec[];
