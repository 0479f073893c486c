import { isoSeconds } from '../src/sim/clock.js';
import type { AccessListEntry } from '../src/sim/principals.js';
import { SECRET_PREFIX, type ServiceAccount, type ServiceAccountScope, type ServiceAccountSecret } from '../src/sim/serviceAccounts.js';
import { serviceAccountOperations } from '../contracts/api/operations/serviceAccounts.js';
import { defineHandlers, type HandlerContext } from '../src/wire/context.js';

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

/** OrgServiceAccount (organization roles) or GroupServiceAccount (roles in one project). */
function accountView<R extends string>(s: ServiceAccount, roles: readonly R[], createdSecret?: ServiceAccountSecret) {
  return {
    clientId: s.clientId,
    createdAt: isoSeconds(s.createdAt),
    description: s.description,
    name: s.name,
    roles: [...roles],
    secrets: s.secrets.map((x) => secretView(x, x === createdSecret)),
  };
}

/** How the organization sees an account, and how one project does. */
const orgView = (s: ServiceAccount, createdSecret?: ServiceAccountSecret) => accountView(s, s.orgRoles, createdSecret);
const groupView = (groupId: string) => (s: ServiceAccount, createdSecret?: ServiceAccountSecret) => accountView(s, s.groupRoles[groupId] ?? [], createdSecret);

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

/** The organization's view of its accounts, or one project's. */
const orgScope = (p: { orgId: string }): ServiceAccountScope => ({ orgId: p.orgId });
const groupScope = (p: { groupId: string }): ServiceAccountScope => ({ groupId: p.groupId });

const accessListPage = (ctx: HandlerContext, s: ServiceAccount) => ctx.list(s.accessList, s.accessList.length, accessListEntryView);

/** Operations that the organization and its projects both offer, with the scope the path names. */
const shared = {
  get: <V>(ctx: HandlerContext, scope: ServiceAccountScope, clientId: string, view: (s: ServiceAccount) => V) => view(ctx.world.serviceAccounts.get(scope, clientId)),
  update: <V>(ctx: HandlerContext, scope: ServiceAccountScope, clientId: string, body: { name?: string; description?: string; roles?: string[] }, view: (s: ServiceAccount) => V) =>
    view(ctx.world.serviceAccounts.update(scope, clientId, body, ctx.principal, ctx.actor)),
  createSecret: (ctx: HandlerContext, scope: ServiceAccountScope, clientId: string, hours: number) =>
    secretView(ctx.world.serviceAccounts.addSecret(scope, clientId, hours, ctx.principal, ctx.actor), true),
  deleteSecret: (ctx: HandlerContext, scope: ServiceAccountScope, clientId: string, secretId: string) => {
    ctx.world.serviceAccounts.deleteSecret(scope, clientId, secretId, ctx.principal, ctx.actor);
    return undefined;
  },
  listAccessList: (ctx: HandlerContext, scope: ServiceAccountScope, clientId: string) => accessListPage(ctx, ctx.world.serviceAccounts.get(scope, clientId)),
  createAccessList: (ctx: HandlerContext, scope: ServiceAccountScope, clientId: string, entries: Array<{ cidrBlock?: string; ipAddress?: string }>) =>
    accessListPage(ctx, ctx.world.serviceAccounts.addAccessListEntries(scope, clientId, entries, ctx.principal, ctx.actor)),
  deleteAccessListEntry: (ctx: HandlerContext, scope: ServiceAccountScope, clientId: string, ipAddress: string) => {
    ctx.world.serviceAccounts.deleteAccessListEntry(scope, clientId, ipAddress, ctx.principal, ctx.remoteAddress, ctx.actor);
    return undefined;
  },
};

export const serviceAccountHandlers = defineHandlers(serviceAccountOperations, {
  listServiceAccounts(ctx) {
    const accounts = ctx.world.serviceAccounts.listByOrg(ctx.params.orgId);
    return ctx.list(accounts, accounts.length, (s) => orgView(s));
  },
  createServiceAccount(ctx) {
    const { account, secret } = ctx.world.serviceAccounts.create(ctx.params.orgId, ctx.body, ctx.actor);
    return orgView(account, secret);
  },
  getServiceAccount: (ctx) => shared.get(ctx, orgScope(ctx.params), ctx.params.clientId, orgView),
  updateServiceAccount: (ctx) => shared.update(ctx, orgScope(ctx.params), ctx.params.clientId, ctx.body, orgView),
  deleteServiceAccount(ctx) {
    ctx.world.serviceAccounts.delete(ctx.params.orgId, ctx.params.clientId, ctx.actor);
    return undefined;
  },
  listServiceAccountProjects(ctx) {
    const groupIds = ctx.world.serviceAccounts.projectsOf(ctx.world.serviceAccounts.get(orgScope(ctx.params), ctx.params.clientId));
    return ctx.list(groupIds, groupIds.length, (groupId) => ({ groupId }));
  },
  createServiceAccountSecret: (ctx) => shared.createSecret(ctx, orgScope(ctx.params), ctx.params.clientId, ctx.body.secretExpiresAfterHours),
  deleteServiceAccountSecret: (ctx) => shared.deleteSecret(ctx, orgScope(ctx.params), ctx.params.clientId, ctx.params.secretId),
  listServiceAccountAccessList: (ctx) => shared.listAccessList(ctx, orgScope(ctx.params), ctx.params.clientId),
  createServiceAccountAccessList: (ctx) => shared.createAccessList(ctx, orgScope(ctx.params), ctx.params.clientId, ctx.body),
  deleteServiceAccountAccessListEntry: (ctx) => shared.deleteAccessListEntry(ctx, orgScope(ctx.params), ctx.params.clientId, ctx.params.ipAddress),

  listProjectServiceAccounts(ctx) {
    const accounts = ctx.world.serviceAccounts.listByProject(ctx.params.groupId);
    return ctx.list(accounts, accounts.length, (s) => groupView(ctx.params.groupId)(s));
  },
  createProjectServiceAccount(ctx) {
    const { account, secret } = ctx.world.serviceAccounts.createInProject(ctx.params.groupId, ctx.body, ctx.actor);
    return groupView(ctx.params.groupId)(account, secret);
  },
  getProjectServiceAccount: (ctx) => shared.get(ctx, groupScope(ctx.params), ctx.params.clientId, groupView(ctx.params.groupId)),
  updateProjectServiceAccount: (ctx) => shared.update(ctx, groupScope(ctx.params), ctx.params.clientId, ctx.body, groupView(ctx.params.groupId)),
  deleteProjectServiceAccount(ctx) {
    ctx.world.serviceAccounts.removeFromProject(ctx.params.groupId, ctx.params.clientId, ctx.actor);
    return undefined;
  },
  addProjectServiceAccount(ctx) {
    const s = ctx.world.serviceAccounts.invite(ctx.params.groupId, ctx.params.clientId, ctx.body.roles, ctx.actor);
    return groupView(ctx.params.groupId)(s);
  },
  createProjectServiceAccountSecret: (ctx) => shared.createSecret(ctx, groupScope(ctx.params), ctx.params.clientId, ctx.body.secretExpiresAfterHours),
  deleteProjectServiceAccountSecret: (ctx) => shared.deleteSecret(ctx, groupScope(ctx.params), ctx.params.clientId, ctx.params.secretId),
  listProjectServiceAccountAccessList: (ctx) => shared.listAccessList(ctx, groupScope(ctx.params), ctx.params.clientId),
  createProjectServiceAccountAccessList: (ctx) => shared.createAccessList(ctx, groupScope(ctx.params), ctx.params.clientId, ctx.body),
  deleteProjectServiceAccountAccessListEntry: (ctx) => shared.deleteAccessListEntry(ctx, groupScope(ctx.params), ctx.params.clientId, ctx.params.ipAddress),
});
