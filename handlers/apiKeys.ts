import { accessListPathValue } from '../src/sim/apiAccessList.js';
import type { ApiKey } from '../src/sim/apiKeys.js';
import { isoSeconds } from '../src/sim/clock.js';
import type { AccessListEntry } from '../src/sim/principals.js';
import { apiKeyOperations } from '../contracts/api/operations/apiKeys.js';
import { defineHandlers, type HandlerContext } from '../src/wire/context.js';

/** Outside the create response the private key shows only its last 12 characters (recorded). */
const masked = (privateKey: string): string => `********-****-****-${privateKey.slice(-12)}`;

/**
 * Role assignments of a key. Organization views list organization roles first; the
 * project key list puts the project's roles first (both as recorded). Project views show
 * only that project's roles; deleted projects are left out.
 */
function roleViews(ctx: HandlerContext, k: ApiKey, project?: { groupId: string; first: boolean }) {
  const org = k.orgRoles.map((roleName) => ({ orgId: k.orgId, roleName }));
  const groupIds = project ? [project.groupId] : Object.keys(k.groupRoles).filter((g) => ctx.world.projects.find(g));
  const groups = groupIds.flatMap((groupId) => (k.groupRoles[groupId] ?? []).map((roleName) => ({ groupId, roleName })));
  return project?.first ? [...groups, ...org] : [...org, ...groups];
}

export function apiKeyView(ctx: HandlerContext, k: ApiKey, options: { created?: boolean; project?: { groupId: string; first: boolean } } = {}) {
  return {
    desc: k.desc,
    id: k.id,
    // Links point at the organization key, from project paths too (recorded).
    links: ctx.selfLink(`/orgs/${k.orgId}/apiKeys/${k.id}`),
    privateKey: options.created ? k.privateKey : masked(k.privateKey),
    publicKey: k.publicKey,
    roles: roleViews(ctx, k, options.project),
  };
}

function accessListEntryView(ctx: HandlerContext, k: ApiKey, e: AccessListEntry) {
  return {
    cidrBlock: e.cidrBlock,
    count: e.count,
    created: isoSeconds(e.created),
    ipAddress: e.ipAddress,
    lastUsed: e.lastUsed === undefined ? undefined : isoSeconds(e.lastUsed),
    lastUsedAddress: e.lastUsedAddress,
    // A block's slash is percent-encoded in the link (as in project access-list links).
    links: ctx.selfLink(`/orgs/${k.orgId}/apiKeys/${k.id}/accessList/${accessListPathValue(e).replace('/', '%2F')}`),
  };
}

const accessListPage = (ctx: HandlerContext, k: ApiKey) => ctx.list(k.accessList, k.accessList.length, (e) => accessListEntryView(ctx, k, e));

export const apiKeyHandlers = defineHandlers(apiKeyOperations, {
  listApiKeys(ctx) {
    const keys = ctx.world.apiKeys.listByOrg(ctx.params.orgId);
    return ctx.list(keys, keys.length, (k) => apiKeyView(ctx, k));
  },

  createApiKey(ctx) {
    return apiKeyView(ctx, ctx.world.apiKeys.create(ctx.params.orgId, ctx.body, ctx.actor), { created: true });
  },

  getApiKey(ctx) {
    return apiKeyView(ctx, ctx.world.apiKeys.get(ctx.params.orgId, ctx.params.apiUserId));
  },

  updateApiKey(ctx) {
    return apiKeyView(ctx, ctx.world.apiKeys.update(ctx.params.orgId, ctx.params.apiUserId, ctx.body, ctx.actor));
  },

  deleteApiKey(ctx) {
    ctx.world.apiKeys.delete(ctx.params.orgId, ctx.params.apiUserId, ctx.actor);
    return undefined;
  },

  listApiKeyAccessListsEntries(ctx) {
    return accessListPage(ctx, ctx.world.apiKeys.get(ctx.params.orgId, ctx.params.apiUserId));
  },

  createApiKeyAccessList(ctx) {
    const { orgId, apiUserId } = ctx.params;
    return accessListPage(ctx, ctx.world.apiKeys.addAccessListEntries(orgId, apiUserId, ctx.body, ctx.principal, ctx.actor));
  },

  getApiKeyAccessList(ctx) {
    const { orgId, apiUserId, ipAddress } = ctx.params;
    const k = ctx.world.apiKeys.get(orgId, apiUserId);
    return accessListEntryView(ctx, k, ctx.world.apiKeys.accessListEntry(orgId, apiUserId, ipAddress));
  },

  deleteApiKeyAccessListEntry(ctx) {
    const { orgId, apiUserId, ipAddress } = ctx.params;
    ctx.world.apiKeys.deleteAccessListEntry(orgId, apiUserId, ipAddress, ctx.principal, ctx.remoteAddress, ctx.actor);
    return undefined;
  },

  listProjectApiKeys(ctx) {
    const { groupId } = ctx.params;
    const keys = ctx.world.apiKeys.listByProject(groupId);
    return ctx.list(keys, keys.length, (k) => apiKeyView(ctx, k, { project: { groupId, first: true } }));
  },

  createProjectApiKey(ctx) {
    const { groupId } = ctx.params;
    return apiKeyView(ctx, ctx.world.apiKeys.createForProject(groupId, ctx.body, ctx.actor), { created: true, project: { groupId, first: false } });
  },

  addProjectApiKey(ctx) {
    const roles = ctx.body.flatMap((a) => a.roles ?? []);
    ctx.world.apiKeys.assignToProject(ctx.params.groupId, ctx.params.apiUserId, roles, ctx.actor);
    return undefined;
  },

  updateApiKeyRoles(ctx) {
    const { groupId, apiUserId } = ctx.params;
    return apiKeyView(ctx, ctx.world.apiKeys.updateProjectRoles(groupId, apiUserId, ctx.body, ctx.actor), { project: { groupId, first: false } });
  },

  removeProjectApiKey(ctx) {
    ctx.world.apiKeys.removeFromProject(ctx.params.groupId, ctx.params.apiUserId, ctx.actor);
    return undefined;
  },
});
