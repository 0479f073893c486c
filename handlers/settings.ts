import { settingOperations } from '../contracts/api/operations/settings.js';
import { availableVersions, projectAddresses } from '../src/sim/projectInfo.js';
import type { OrgSettings, ProjectLimit } from '../src/sim/settings.js';
import { defineHandlers } from '../src/wire/context.js';

function orgSettingsView(s: OrgSettings) {
  return {
    apiAccessListRequired: s.apiAccessListRequired,
    genAIFeaturesEnabled: s.genAIFeaturesEnabled,
    maxServiceAccountSecretValidityInHours: s.maxServiceAccountSecretValidityInHours,
    multiFactorAuthRequired: s.multiFactorAuthRequired,
    restrictEmployeeAccess: s.restrictEmployeeAccess,
    ...(s.securityContact !== '' && { securityContact: s.securityContact }),
    streamsCrossGroupEnabled: s.streamsCrossGroupEnabled,
  };
}

/** DefaultLimit, keys alphabetical. */
function limitView(l: ProjectLimit) {
  return { currentUsage: l.currentUsage, defaultLimit: l.defaultLimit, maximumLimit: l.maximumLimit, name: l.name, value: l.value };
}

export const settingHandlers = defineHandlers(settingOperations, {
  getOrganizationSettings(ctx) {
    return orgSettingsView(ctx.world.orgSettings.get(ctx.params.orgId));
  },

  updateOrganizationSettings(ctx) {
    return orgSettingsView(ctx.world.orgSettings.update(ctx.params.orgId, ctx.body, ctx.actor));
  },

  getProjectSettings(ctx) {
    return ctx.world.projectSettings.settings(ctx.params.groupId);
  },

  updateProjectSettings(ctx) {
    return ctx.world.projectSettings.updateSettings(ctx.params.groupId, ctx.body);
  },

  /** A bare array, as Atlas answers it. */
  listProjectLimits(ctx) {
    return ctx.world.projectSettings.limits(ctx.params.groupId).map(limitView);
  },

  getProjectLimit(ctx) {
    return limitView(ctx.world.projectSettings.limit(ctx.params.groupId, ctx.params.limitName));
  },

  setProjectLimit(ctx) {
    return limitView(ctx.world.projectSettings.setLimit(ctx.params.groupId, ctx.params.limitName, ctx.body.value));
  },

  deleteProjectLimit(ctx) {
    ctx.world.projectSettings.resetLimit(ctx.params.groupId, ctx.params.limitName);
    return undefined;
  },

  returnAllIpAddresses(ctx) {
    const { groupId } = ctx.params;
    return { groupId, services: { clusters: projectAddresses(ctx.world, groupId) } };
  },

  getProjectLtsVersions(ctx) {
    const { groupId } = ctx.params;
    const versions = availableVersions(ctx.world, groupId, ctx.query);
    return ctx.list(versions, versions.length, (v) => ({
      cloudProvider: v.cloudProvider,
      defaultStatus: v.isDefault ? ('DEFAULT' as const) : ('NOT_DEFAULT' as const),
      instanceSize: v.instanceSize,
      links: ctx.selfLink(`/groups/${groupId}/mongoDBVersions`),
      version: v.version,
    }));
  },
});
