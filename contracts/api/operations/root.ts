import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { Links, ObjectId } from '../schemas/common.js';
import { ORG_ROLES, GROUP_ROLES } from '../roles.js';

/** CloudAccessRoleAssignment: an organization role or a project role. */
const RoleAssignment = z.union([
  z.strictObject({ orgId: ObjectId, roleName: z.enum(ORG_ROLES) }),
  z.strictObject({ groupId: ObjectId, roleName: z.enum(GROUP_ROLES) }),
]);

/** SystemStatus (2023-01-01): the application, and the calling API key (null for a service account). */
export const SystemStatusView = z.strictObject({
  apiKey: z
    .strictObject({
      accessList: z.array(z.strictObject({ cidrBlock: z.string(), ipAddress: z.string() })),
      id: ObjectId,
      publicKey: z.string().length(8),
      roles: z.array(RoleAssignment),
    })
    .nullable(),
  appName: z.literal('MongoDB Atlas'),
  build: z.string(),
  links: Links,
  throttling: z.boolean(),
});

const AddressesByRegion = z.record(z.string(), z.array(z.string()));
const ByProvider = z.strictObject({ aws: AddressesByRegion, azure: AddressesByRegion, gcp: AddressesByRegion });

/** ControlPlaneIPAddresses (2023-11-15). */
export const ControlPlaneIpAddressesView = z.strictObject({ inbound: ByProvider, outbound: ByProvider });

/**
 * The root of the API. `getSystemStatus` states no role: any authenticated caller may ask
 * about itself. The control plane addresses are public (`/unauth/`, no security in the
 * document). Atlas documents no rate-limit bucket for either.
 */
export const rootOperations = [
  {
    operationId: 'getSystemStatus',
    method: 'GET',
    path: '/api/atlas/v2',
    versions: [{ date: '2023-01-01', response: SystemStatusView }],
    status: 200,
    rateLimit: null,
    access: { scope: 'principal' },
  },
  {
    operationId: 'returnAllControlPlaneIpAddresses',
    method: 'GET',
    path: '/api/atlas/v2/unauth/controlPlaneIPAddresses',
    versions: [{ date: '2023-11-15', response: ControlPlaneIpAddressesView }],
    status: 200,
    rateLimit: null,
    access: { scope: 'public' },
  },
] as const satisfies readonly OperationSpec[];
