import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { PAGING_QUERY } from '../operation.js';
import { Links, ObjectId, paginated } from '../schemas/common.js';

/** AtlasOrganization (2023-01-01). */
export const AtlasOrganization = z.strictObject({
  id: ObjectId,
  isDeleted: z.boolean(),
  links: Links,
  name: z.string(),
  skipDefaultAlertsSettings: z.boolean(),
});

export const organizationOperations = [
  {
    operationId: 'listOrganizations',
    method: 'GET',
    path: '/api/atlas/v2/orgs',
    versions: [{ date: '2023-01-01', response: paginated(AtlasOrganization) }],
    status: 200,
    rateLimit: 'orgsList',
    access: { scope: 'principal' },
    paged: true,
    query: { ...PAGING_QUERY, name: { type: 'string', default: '' } },
  },
  {
    operationId: 'getOrganization',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}',
    versions: [{ date: '2023-01-01', response: AtlasOrganization }],
    status: 200,
    rateLimit: 'orgs',
    access: { scope: 'org', anyOf: ['ORG_MEMBER'] },
  },
] as const satisfies readonly OperationSpec[];
