import { z } from 'zod';
import { AtlasError } from '../sim/errors.js';
import { CONTROL_PREFIX as P, orgIdParam, type RouteGroup } from './route.js';

const TenantInput = z.strictObject({
  name: z.string().min(1).max(64).optional(),
  secretExpiresAfterHours: z.number().int().positive().max(24 * 365 * 100).optional(),
});

/** Tenants: list, create, read credentials, remove, and reset (all or one). */
export const tenantRoutes: RouteGroup = (sim) => [
  {
    method: 'GET',
    path: `${P}/tenants`,
    summary: 'Organizations in the simulation.',
    handle: () => sim.world.orgs.list().map((o) => ({ orgId: o.id, name: o.name, tenant: o.tenant !== undefined })),
  },
  {
    method: 'POST',
    path: `${P}/tenants`,
    summary: 'Creates an isolated tenant (organization, ORG_OWNER service account and API key) and returns its credentials. Body: {name?, secretExpiresAfterHours?}.',
    body: TenantInput,
    status: 201,
    handle: ({ body }) => sim.createTenant(body as z.infer<typeof TenantInput>),
  },
  {
    method: 'GET',
    path: `${P}/tenants/{orgId}`,
    summary: 'Credentials of a tenant.',
    handle: ({ params }) => sim.control.tenantCredentials(orgIdParam(params.orgId)),
  },
  {
    method: 'DELETE',
    path: `${P}/tenants/{orgId}`,
    summary: 'Removes a tenant and everything in it.',
    status: 204,
    handle: ({ params }) => {
      const orgId = orgIdParam(params.orgId);
      if (!sim.deleteTenant(orgId)) throw new AtlasError('ORG_NOT_FOUND', [orgId]);
    },
  },
  {
    method: 'POST',
    path: `${P}/reset`,
    summary: 'Resets everything to the start state, or with {orgId} empties one tenant (its credentials stay).',
    body: z.strictObject({ orgId: z.string().optional() }),
    status: 204,
    handle: ({ body }) => {
      const { orgId } = body as { orgId?: string };
      if (orgId === undefined) sim.reset();
      else sim.resetTenant(orgIdParam(orgId));
    },
  },
];
