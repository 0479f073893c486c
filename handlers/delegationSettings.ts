import { delegationSettingsOperations } from '../contracts/api/operations/delegationSettings.js';
import type { DelegationSettings } from '../src/sim/delegationSettings.js';
import { defineHandlers } from '../src/wire/context.js';

function view(s: DelegationSettings) {
  return {
    delegatedMcpAccess: s.delegatedMcpAccess,
    delegatedPartnerAccess: s.delegatedPartnerAccess,
    ...(s.idleRefreshTokenLifetime !== undefined && { idleRefreshTokenLifetime: s.idleRefreshTokenLifetime }),
    ...(s.maximumRefreshTokenLifetime !== undefined && { maximumRefreshTokenLifetime: s.maximumRefreshTokenLifetime }),
  };
}

export const delegationSettingsHandlers = defineHandlers(delegationSettingsOperations, {
  getOrgDelegationSettings(ctx) {
    return view(ctx.world.orgDelegationSettings.get(ctx.params.orgId));
  },
  updateOrgDelegationSettings(ctx) {
    return view(ctx.world.orgDelegationSettings.update(ctx.params.orgId, ctx.body));
  },
});
