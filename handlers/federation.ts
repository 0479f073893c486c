import { federationOperations } from '../contracts/api/operations/federation.js';
import { isoSeconds } from '../src/sim/clock.js';
import { AtlasError } from '../src/sim/errors.js';
import type { ConnectedOrg, IdentityProvider, RoleMapping } from '../src/sim/federation.js';
import type { HandlerContext } from '../src/wire/context.js';
import { defineHandlers } from '../src/wire/context.js';

/**
 * Operations named by federation alone take Organization Owner in one of its connected
 * organizations (the document): the caller passes if it owns any of them.
 */
function authorizeInFederation(ctx: HandlerContext, federationSettingsId: string): void {
  for (const orgId of ctx.world.federatedAuth.connectedOrgIds(federationSettingsId)) {
    try {
      ctx.authorize({ orgId });
      return;
    } catch (e) {
      if (!(e instanceof AtlasError)) throw e;
    }
  }
  throw new AtlasError('USER_UNAUTHORIZED', []);
}

const roleMappingView = (m: RoleMapping) => ({
  externalGroupName: m.externalGroupName,
  id: m.id,
  roleAssignments: m.roleAssignments.map((a) => ({ ...(a.groupId !== undefined && { groupId: a.groupId }), ...(a.orgId !== undefined && { orgId: a.orgId }), role: a.role })),
});

const configView = (c: ConnectedOrg) => ({
  dataAccessIdentityProviderIds: [...c.dataAccessIdentityProviderIds],
  domainAllowList: [...c.domainAllowList],
  domainRestrictionEnabled: c.domainRestrictionEnabled,
  ...(c.identityProviderId !== undefined && { identityProviderId: c.identityProviderId }),
  orgId: c.orgId,
  postAuthRoleGrants: [...c.postAuthRoleGrants],
  roleMappings: c.roleMappings.map(roleMappingView),
  userConflicts: [],
});

function providerView(ctx: HandlerContext, p: IdentityProvider) {
  const workforce = p.idpType === 'WORKFORCE';
  return {
    ...(workforce && { associatedDomains: [...p.associatedDomains] }),
    associatedOrgs: ctx.world.federatedAuth.associatedOrgs(p).map(configView),
    audience: p.audience ?? '',
    authorizationType: p.authorizationType ?? 'USER',
    ...(workforce && p.clientId !== undefined && { clientId: p.clientId }),
    createdAt: isoSeconds(p.created),
    ...(p.description !== undefined && { description: p.description }),
    displayName: p.displayName,
    ...(p.groupsClaim !== undefined && { groupsClaim: p.groupsClaim }),
    id: p.id,
    idpType: p.idpType,
    issuerUri: p.issuerUri,
    oktaIdpId: p.oktaIdpId,
    protocol: 'OIDC' as const,
    ...(workforce && { requestedScopes: [...(p.requestedScopes ?? [])] }),
    updatedAt: isoSeconds(p.updated),
    userClaim: p.userClaim ?? 'sub',
  };
}

export const federationHandlers = defineHandlers(federationOperations, {
  getFederationSettings(ctx) {
    const fa = ctx.world.federatedAuth;
    const { federation, config } = fa.federationOf(ctx.params.orgId);
    const provider = config.identityProviderId === undefined ? undefined : fa.getProvider(federation.id, config.identityProviderId);
    return {
      federatedDomains: [...(provider?.associatedDomains ?? [])],
      hasRoleMappings: config.roleMappings.length > 0,
      id: federation.id,
      ...(provider && { identityProviderId: provider.oktaIdpId }),
      identityProviderStatus: provider ? ('ACTIVE' as const) : ('INACTIVE' as const),
    };
  },

  deleteFederationApp(ctx) {
    authorizeInFederation(ctx, ctx.params.federationSettingsId);
    ctx.world.federatedAuth.deleteFederation(ctx.params.federationSettingsId);
    return undefined;
  },

  listConnectedOrgConfigs(ctx) {
    authorizeInFederation(ctx, ctx.params.federationSettingsId);
    const configs = ctx.world.federatedAuth.listConfigs(ctx.params.federationSettingsId);
    return ctx.list(configs, configs.length, configView);
  },

  getConnectedOrgConfig(ctx) {
    return configView(ctx.world.federatedAuth.getConfig(ctx.params.federationSettingsId, ctx.params.orgId));
  },

  updateConnectedOrgConfig(ctx) {
    return configView(ctx.world.federatedAuth.updateConfig(ctx.params.federationSettingsId, ctx.params.orgId, ctx.body));
  },

  removeConnectedOrgConfig(ctx) {
    ctx.world.federatedAuth.removeConfig(ctx.params.federationSettingsId, ctx.params.orgId);
    return undefined;
  },

  listRoleMappings(ctx) {
    const mappings = ctx.world.federatedAuth.getConfig(ctx.params.federationSettingsId, ctx.params.orgId).roleMappings;
    return ctx.list(mappings, mappings.length, roleMappingView);
  },

  createRoleMapping(ctx) {
    return roleMappingView(ctx.world.federatedAuth.createRoleMapping(ctx.params.federationSettingsId, ctx.params.orgId, ctx.body));
  },

  getRoleMapping(ctx) {
    const { federationSettingsId, orgId, id } = ctx.params;
    return roleMappingView(ctx.world.federatedAuth.getRoleMapping(federationSettingsId, orgId, id));
  },

  updateRoleMapping(ctx) {
    const { federationSettingsId, orgId, id } = ctx.params;
    return roleMappingView(ctx.world.federatedAuth.updateRoleMapping(federationSettingsId, orgId, id, ctx.body));
  },

  deleteRoleMapping(ctx) {
    const { federationSettingsId, orgId, id } = ctx.params;
    ctx.world.federatedAuth.deleteRoleMapping(federationSettingsId, orgId, id);
    return undefined;
  },

  listIdentityProviders(ctx) {
    const { federationSettingsId } = ctx.params;
    authorizeInFederation(ctx, federationSettingsId);
    const providers = ctx.world.federatedAuth.listProviders(federationSettingsId, ctx.query.protocol, ctx.query.idpType);
    return ctx.list(providers, providers.length, (p) => providerView(ctx, p));
  },

  createIdentityProvider(ctx) {
    authorizeInFederation(ctx, ctx.params.federationSettingsId);
    return providerView(ctx, ctx.world.federatedAuth.createProvider(ctx.params.federationSettingsId, ctx.body));
  },

  getIdentityProvider(ctx) {
    const { federationSettingsId, identityProviderId } = ctx.params;
    authorizeInFederation(ctx, federationSettingsId);
    return providerView(ctx, ctx.world.federatedAuth.getProvider(federationSettingsId, identityProviderId));
  },

  updateIdentityProvider(ctx) {
    const { federationSettingsId, identityProviderId } = ctx.params;
    authorizeInFederation(ctx, federationSettingsId);
    return providerView(ctx, ctx.world.federatedAuth.updateProvider(federationSettingsId, identityProviderId, ctx.body));
  },

  deleteIdentityProvider(ctx) {
    const { federationSettingsId, identityProviderId } = ctx.params;
    authorizeInFederation(ctx, federationSettingsId);
    ctx.world.federatedAuth.deleteProvider(federationSettingsId, identityProviderId);
    return undefined;
  },

  revokeJwksFromIdentityProvider(ctx) {
    const { federationSettingsId, identityProviderId } = ctx.params;
    authorizeInFederation(ctx, federationSettingsId);
    ctx.world.federatedAuth.revokeJwks(federationSettingsId, identityProviderId);
    return undefined;
  },

  getIdentityProviderMetadata(ctx) {
    const { federationSettingsId, identityProviderId } = ctx.params;
    authorizeInFederation(ctx, federationSettingsId);
    return ctx.world.federatedAuth.metadata(federationSettingsId, identityProviderId);
  },
});
