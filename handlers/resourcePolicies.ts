import { resourcePolicyOperations } from '../contracts/api/operations/resourcePolicies.js';
import { isoSeconds } from '../src/sim/clock.js';
import type { NonCompliantResource, ResourcePolicy } from '../src/sim/resourcePolicies.js';
import { defineHandlers } from '../src/wire/context.js';

function policyView(r: ResourcePolicy) {
  return {
    createdByUser: r.createdBy,
    createdDate: isoSeconds(r.created),
    ...(r.description !== undefined && { description: r.description }),
    id: r.id,
    lastUpdatedByUser: r.updatedBy,
    lastUpdatedDate: isoSeconds(r.updated),
    name: r.name,
    orgId: r.orgId,
    policies: r.policies.map((p) => ({ body: p.body, id: p.id })),
    version: `v${r.version}`,
  };
}

function nonCompliantView(orgId: string, n: NonCompliantResource) {
  return {
    orgId,
    resourceId: n.resourceId,
    resourceName: n.resourceName,
    resourcePoliciesCausingNonCompliance: n.causes.map((c) => ({
      policiesCausingNonCompliance: c.policyIds.map((policyId) => ({ policyId })),
      resourcePolicyId: c.policy.id,
      resourcePolicyName: c.policy.name,
    })),
    resourceType: n.resourceType,
  };
}

export const resourcePolicyHandlers = defineHandlers(resourcePolicyOperations, {
  listOrgResourcePolicies(ctx) {
    return ctx.world.resourcePolicies.listIn(ctx.params.orgId).map(policyView);
  },

  createOrgResourcePolicy(ctx) {
    return policyView(ctx.world.resourcePolicies.create(ctx.params.orgId, ctx.body, ctx.principal));
  },

  validateAtlasResourcePolicy(ctx) {
    return policyView(ctx.world.resourcePolicies.validate(ctx.params.orgId, ctx.body, ctx.principal));
  },

  getOrgResourcePolicy(ctx) {
    return policyView(ctx.world.resourcePolicies.get(ctx.params.orgId, ctx.params.resourcePolicyId));
  },

  updateOrgResourcePolicy(ctx) {
    return policyView(ctx.world.resourcePolicies.update(ctx.params.orgId, ctx.params.resourcePolicyId, ctx.body, ctx.principal));
  },

  deleteOrgResourcePolicy(ctx) {
    ctx.world.resourcePolicies.delete(ctx.params.orgId, ctx.params.resourcePolicyId);
    return undefined;
  },

  getResourcesNonCompliant(ctx) {
    const { orgId } = ctx.params;
    return ctx.world.resourcePolicies.nonCompliant(orgId).map((n) => nonCompliantView(orgId, n));
  },
});
