import { cloudProviderAccessOperations } from '../contracts/api/operations/cloudProviderAccess.js';
import type { CloudProviderAccessRole } from '../src/sim/cloudProviderAccess.js';
import { isoSeconds } from '../src/sim/clock.js';
import type { World } from '../src/sim/world.js';
import { defineHandlers } from '../src/wire/context.js';

function featureUsages(world: World, r: CloudProviderAccessRole) {
  return world.cloudProviderAccess.featureUsages(r).map((u) => ({ featureId: null, featureType: u.featureType }));
}

function awsView(world: World, r: CloudProviderAccessRole) {
  return {
    atlasAWSAccountArn: r.atlasAWSAccountArn ?? '',
    atlasAssumedRoleExternalId: r.atlasAssumedRoleExternalId ?? '',
    ...(r.authorized !== undefined && { authorizedDate: isoSeconds(r.authorized) }),
    createdDate: isoSeconds(r.created),
    featureUsages: featureUsages(world, r),
    ...(r.iamAssumedRoleArn !== undefined && { iamAssumedRoleArn: r.iamAssumedRoleArn }),
    providerName: 'AWS' as const,
    roleId: r.id,
  };
}

function gcpView(world: World, r: CloudProviderAccessRole) {
  return {
    createdDate: isoSeconds(r.created),
    featureUsages: featureUsages(world, r),
    gcpServiceAccountForAtlas: r.gcpServiceAccountForAtlas ?? '',
    providerName: 'GCP' as const,
    roleId: r.id,
  };
}

/** A role in its provider's view. */
function roleView(world: World, r: CloudProviderAccessRole) {
  return r.providerName === 'AWS' ? awsView(world, r) : gcpView(world, r);
}

export const cloudProviderAccessHandlers = defineHandlers(cloudProviderAccessOperations, {
  listCloudProviderAccessRoles(ctx) {
    const roles = ctx.world.cloudProviderAccess.listIn(ctx.params.groupId);
    return {
      awsIamRoles: roles.filter((r) => r.providerName === 'AWS').map((r) => awsView(ctx.world, r)),
      azureServicePrincipals: [],
      gcpServiceAccounts: roles.filter((r) => r.providerName === 'GCP').map((r) => gcpView(ctx.world, r)),
    };
  },

  createCloudProviderAccessRole(ctx) {
    return roleView(ctx.world, ctx.world.cloudProviderAccess.create(ctx.params.groupId, ctx.body.providerName));
  },

  getCloudProviderAccessRole(ctx) {
    return roleView(ctx.world, ctx.world.cloudProviderAccess.get(ctx.params.groupId, ctx.params.roleId));
  },

  authorizeCloudProviderAccessRole(ctx) {
    const { groupId, roleId } = ctx.params;
    return roleView(ctx.world, ctx.world.cloudProviderAccess.authorize(groupId, roleId, ctx.body));
  },

  deauthorizeCloudProviderAccessRole(ctx) {
    const { groupId, cloudProvider, roleId } = ctx.params;
    ctx.world.cloudProviderAccess.deauthorize(groupId, cloudProvider, roleId);
    return undefined;
  },
});
