import { accessListPathValue } from '../src/sim/apiAccessList.js';
import type { ApiKey } from '../src/sim/apiKeys.js';
import { isoSeconds } from '../src/sim/clock.js';
import type { AccessListEntry } from '../src/sim/principals.js';
import type { Handler, HandlerTable, RequestContext } from '../src/wire/context.js';

type ApiKeyInput = { desc?: string | null; roles?: string[] | null };
type AccessListInput = Array<{ cidrBlock?: string; ipAddress?: string }>;

/** Outside the create response the private key shows only its last 12 characters (recorded). */
const masked = (privateKey: string): string => `********-****-****-${privateKey.slice(-12)}`;

/**
 * Role assignments of a key. Organization views list organization roles first; the
 * project key list puts the project's roles first (both as recorded). Project views show
 * only that project's roles; deleted projects are left out.
 */
function roleViews(ctx: RequestContext, k: ApiKey, project?: { groupId: string; first: boolean }) {
  const org = k.orgRoles.map((roleName) => ({ orgId: k.orgId, roleName }));
  const groupIds = project ? [project.groupId] : Object.keys(k.groupRoles).filter((g) => ctx.world.projects.find(g));
  const groups = groupIds.flatMap((groupId) => (k.groupRoles[groupId] ?? []).map((roleName) => ({ groupId, roleName })));
  return project?.first ? [...groups, ...org] : [...org, ...groups];
}

function apiKeyView(ctx: RequestContext, k: ApiKey, options: { created?: boolean; project?: { groupId: string; first: boolean } } = {}) {
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

function accessListEntryView(ctx: RequestContext, k: ApiKey, e: AccessListEntry) {
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

const accessListPage = (ctx: RequestContext, k: ApiKey) => ctx.list(k.accessList, k.accessList.length, (e) => accessListEntryView(ctx, k, e));

const orgId = (ctx: RequestContext) => ctx.params.orgId!;
const keyId = (ctx: RequestContext) => ctx.params.apiUserId!;
const groupId = (ctx: RequestContext) => ctx.params.groupId!;

const listApiKeys: Handler = (ctx) => {
  const keys = ctx.world.apiKeys.listByOrg(orgId(ctx));
  return ctx.list(keys, keys.length, (k) => apiKeyView(ctx, k));
};

const createApiKey: Handler = (ctx) => apiKeyView(ctx, ctx.world.apiKeys.create(orgId(ctx), ctx.body as ApiKeyInput, ctx.actor), { created: true });

const getApiKey: Handler = (ctx) => apiKeyView(ctx, ctx.world.apiKeys.get(orgId(ctx), keyId(ctx)));

const updateApiKey: Handler = (ctx) => apiKeyView(ctx, ctx.world.apiKeys.update(orgId(ctx), keyId(ctx), ctx.body as ApiKeyInput, ctx.actor));

const deleteApiKey: Handler = (ctx) => {
  ctx.world.apiKeys.delete(orgId(ctx), keyId(ctx), ctx.actor);
};

const listApiKeyAccessListsEntries: Handler = (ctx) => accessListPage(ctx, ctx.world.apiKeys.get(orgId(ctx), keyId(ctx)));

const createApiKeyAccessList: Handler = (ctx) =>
  accessListPage(ctx, ctx.world.apiKeys.addAccessListEntries(orgId(ctx), keyId(ctx), ctx.body as AccessListInput, ctx.principal, ctx.actor));

const getApiKeyAccessList: Handler = (ctx) => {
  const k = ctx.world.apiKeys.get(orgId(ctx), keyId(ctx));
  return accessListEntryView(ctx, k, ctx.world.apiKeys.accessListEntry(orgId(ctx), keyId(ctx), ctx.params.ipAddress!));
};

const deleteApiKeyAccessListEntry: Handler = (ctx) => {
  ctx.world.apiKeys.deleteAccessListEntry(orgId(ctx), keyId(ctx), ctx.params.ipAddress!, ctx.principal, ctx.remoteAddress, ctx.actor);
};

const listProjectApiKeys: Handler = (ctx) => {
  const keys = ctx.world.apiKeys.listByProject(groupId(ctx));
  return ctx.list(keys, keys.length, (k) => apiKeyView(ctx, k, { project: { groupId: groupId(ctx), first: true } }));
};

const createProjectApiKey: Handler = (ctx) =>
  apiKeyView(ctx, ctx.world.apiKeys.createForProject(groupId(ctx), ctx.body as ApiKeyInput, ctx.actor), {
    created: true,
    project: { groupId: groupId(ctx), first: false },
  });

const addProjectApiKey: Handler = (ctx) => {
  const roles = (ctx.body as Array<{ roles?: string[] | null }>).flatMap((a) => a.roles ?? []);
  ctx.world.apiKeys.assignToProject(groupId(ctx), keyId(ctx), roles, ctx.actor);
};

const updateApiKeyRoles: Handler = (ctx) =>
  apiKeyView(ctx, ctx.world.apiKeys.updateProjectRoles(groupId(ctx), keyId(ctx), ctx.body as ApiKeyInput, ctx.actor), {
    project: { groupId: groupId(ctx), first: false },
  });

const removeProjectApiKey: Handler = (ctx) => {
  ctx.world.apiKeys.removeFromProject(groupId(ctx), keyId(ctx), ctx.actor);
};

export const apiKeyHandlers = {
  listApiKeys,
  createApiKey,
  getApiKey,
  updateApiKey,
  deleteApiKey,
  listApiKeyAccessListsEntries,
  createApiKeyAccessList,
  getApiKeyAccessList,
  deleteApiKeyAccessListEntry,
  listProjectApiKeys,
  createProjectApiKey,
  addProjectApiKey,
  updateApiKeyRoles,
  removeProjectApiKey,
} satisfies HandlerTable;
