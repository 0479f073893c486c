import { isoSeconds } from '../src/sim/clock.js';
import type { AccessListEntry } from '../src/sim/principals.js';
import type { GroupRole, OrgRole } from '../src/sim/roles.js';
import { SECRET_PREFIX, type ServiceAccount, type ServiceAccountScope, type ServiceAccountSecret } from '../src/sim/serviceAccounts.js';
import { type Handler, type HandlerTable, type RequestContext } from '../src/wire/context.js';

type CreateInput<R> = { name: string; description: string; roles: R[]; secretExpiresAfterHours: number };
type UpdateInput = { name?: string; description?: string; roles?: string[] };
type AccessListInput = Array<{ cidrBlock?: string; ipAddress?: string }>;

/**
 * `maskedSecretValue`. Decision: the document only shows the example `mdb_sa_sk_...`;
 * the simulator keeps that form and appends the secret's last four characters so that
 * secrets can be told apart, as the masked API private key keeps its tail.
 */
const masked = (secret: string): string => `${SECRET_PREFIX}...${secret.slice(-4)}`;

function secretView(s: ServiceAccountSecret, created = false) {
  return {
    createdAt: isoSeconds(s.createdAt),
    expiresAt: isoSeconds(s.expiresAt),
    id: s.id,
    lastUsedAt: s.lastUsedAt === undefined ? undefined : isoSeconds(s.lastUsedAt),
    maskedSecretValue: masked(s.secret),
    // "It will be returned only the first time after creation."
    secret: created ? s.secret : undefined,
  };
}

/** OrgServiceAccount, or GroupServiceAccount (roles in that project) when a project addresses it. */
function accountView(s: ServiceAccount, scope: ServiceAccountScope, createdSecret?: ServiceAccountSecret) {
  return {
    clientId: s.clientId,
    createdAt: isoSeconds(s.createdAt),
    description: s.description,
    name: s.name,
    roles: scope.groupId !== undefined ? (s.groupRoles[scope.groupId] ?? []) : s.orgRoles,
    secrets: s.secrets.map((x) => secretView(x, x === createdSecret)),
  };
}

function accessListEntryView(e: AccessListEntry) {
  return {
    cidrBlock: e.cidrBlock,
    createdAt: isoSeconds(e.created),
    ipAddress: e.ipAddress,
    lastUsedAddress: e.lastUsedAddress,
    lastUsedAt: e.lastUsed === undefined ? undefined : isoSeconds(e.lastUsed),
    requestCount: e.count,
  };
}

const scopeOf = (ctx: RequestContext): ServiceAccountScope =>
  ctx.params.groupId !== undefined ? { groupId: ctx.params.groupId } : { orgId: ctx.params.orgId! };
const clientId = (ctx: RequestContext) => ctx.params.clientId!;
const accessListPage = (ctx: RequestContext, s: ServiceAccount) => ctx.list(s.accessList, s.accessList.length, accessListEntryView);

const list: Handler = (ctx) => {
  const scope = scopeOf(ctx);
  const accounts = scope.groupId !== undefined ? ctx.world.serviceAccounts.listByProject(scope.groupId) : ctx.world.serviceAccounts.listByOrg(scope.orgId);
  return ctx.list(accounts, accounts.length, (s) => accountView(s, scope));
};

const get: Handler = (ctx) => accountView(ctx.world.serviceAccounts.get(scopeOf(ctx), clientId(ctx)), scopeOf(ctx));

const update: Handler = (ctx) =>
  accountView(ctx.world.serviceAccounts.update(scopeOf(ctx), clientId(ctx), ctx.body as UpdateInput, ctx.principal, ctx.actor), scopeOf(ctx));

const createServiceAccount: Handler = (ctx) => {
  const { account, secret } = ctx.world.serviceAccounts.create(ctx.params.orgId!, ctx.body as CreateInput<OrgRole>, ctx.actor);
  return accountView(account, scopeOf(ctx), secret);
};

const createProjectServiceAccount: Handler = (ctx) => {
  const { account, secret } = ctx.world.serviceAccounts.createInProject(ctx.params.groupId!, ctx.body as CreateInput<GroupRole>, ctx.actor);
  return accountView(account, scopeOf(ctx), secret);
};

const deleteServiceAccount: Handler = (ctx) => {
  ctx.world.serviceAccounts.delete(ctx.params.orgId!, clientId(ctx), ctx.actor);
};

const deleteProjectServiceAccount: Handler = (ctx) => {
  ctx.world.serviceAccounts.removeFromProject(ctx.params.groupId!, clientId(ctx), ctx.actor);
};

const addProjectServiceAccount: Handler = (ctx) => {
  const s = ctx.world.serviceAccounts.invite(ctx.params.groupId!, clientId(ctx), (ctx.body as { roles: GroupRole[] }).roles, ctx.actor);
  return accountView(s, scopeOf(ctx));
};

const listServiceAccountProjects: Handler = (ctx) => {
  const groupIds = ctx.world.serviceAccounts.projectsOf(ctx.world.serviceAccounts.get(scopeOf(ctx), clientId(ctx)));
  return ctx.list(groupIds, groupIds.length, (groupId) => ({ groupId }));
};

const createSecret: Handler = (ctx) => {
  const hours = (ctx.body as { secretExpiresAfterHours: number }).secretExpiresAfterHours;
  return secretView(ctx.world.serviceAccounts.addSecret(scopeOf(ctx), clientId(ctx), hours, ctx.principal, ctx.actor), true);
};

const deleteSecret: Handler = (ctx) => {
  ctx.world.serviceAccounts.deleteSecret(scopeOf(ctx), clientId(ctx), ctx.params.secretId!, ctx.principal, ctx.actor);
};

const listAccessList: Handler = (ctx) => accessListPage(ctx, ctx.world.serviceAccounts.get(scopeOf(ctx), clientId(ctx)));

const createAccessList: Handler = (ctx) =>
  accessListPage(ctx, ctx.world.serviceAccounts.addAccessListEntries(scopeOf(ctx), clientId(ctx), ctx.body as AccessListInput, ctx.principal, ctx.actor));

const deleteAccessListEntry: Handler = (ctx) => {
  ctx.world.serviceAccounts.deleteAccessListEntry(scopeOf(ctx), clientId(ctx), ctx.params.ipAddress!, ctx.principal, ctx.remoteAddress, ctx.actor);
};

export const serviceAccountHandlers = {
  listServiceAccounts: list,
  createServiceAccount,
  getServiceAccount: get,
  updateServiceAccount: update,
  deleteServiceAccount,
  listServiceAccountProjects,
  createServiceAccountSecret: createSecret,
  deleteServiceAccountSecret: deleteSecret,
  listServiceAccountAccessList: listAccessList,
  createServiceAccountAccessList: createAccessList,
  deleteServiceAccountAccessListEntry: deleteAccessListEntry,
  listProjectServiceAccounts: list,
  createProjectServiceAccount,
  getProjectServiceAccount: get,
  updateProjectServiceAccount: update,
  deleteProjectServiceAccount,
  addProjectServiceAccount,
  createProjectServiceAccountSecret: createSecret,
  deleteProjectServiceAccountSecret: deleteSecret,
  listProjectServiceAccountAccessList: listAccessList,
  createProjectServiceAccountAccessList: createAccessList,
  deleteProjectServiceAccountAccessListEntry: deleteAccessListEntry,
} satisfies HandlerTable;
