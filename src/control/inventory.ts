import { authMethodOf } from '../sim/databaseUsers.js';
import { entryAddresses } from '../sim/ipAccessList.js';
import type { AccessListEntry } from '../sim/principals.js';
import type { World } from '../sim/world.js';
import { flag } from '../wire/query.js';
import { CONTROL_PREFIX as P, orgIdParam, type RouteGroup } from './route.js';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function accessList(list: readonly AccessListEntry[]) {
  return list.map((e) => ({ cidrBlock: e.cidrBlock, ...(e.ipAddress && { ipAddress: e.ipAddress }), created: iso(e.created), lastUsed: iso(e.lastUsed), lastUsedAddress: e.lastUsedAddress, count: e.count }));
}

/**
 * What one organization holds, for a person looking at the simulation: projects with
 * their designation, clusters (state, tier, regions), database users and IP access
 * lists; users and teams; API keys and service accounts with their roles and access
 * lists. Credentials only with `secrets`, which a caller asks for on purpose.
 */
function organization(world: World, orgId: string, secrets: boolean) {
  const org = world.orgs.get(orgId);
  const projects = world.projects.idsOf(orgId).map((groupId) => {
    const p = world.projects.get(groupId);
    return {
      id: p.id,
      name: p.name,
      created: iso(p.created),
      regionUsageRestrictions: p.regionUsageRestrictions,
      clusters: world.clusters.listIn(groupId).map((c) => {
        const regions = c.shards.flatMap((s) => s.regionConfigs);
        const first = regions[0];
        return {
          name: c.name,
          stateName: c.stateName,
          clusterType: c.clusterType,
          paused: c.paused,
          mongoDBMajorVersion: c.mongoDBMajorVersion,
          instanceSize: first?.electableSpecs.instanceSize,
          shards: c.shards.length,
          regions: [...new Set(regions.map((r) => `${r.providerName} ${r.regionName}`))],
          created: iso(c.created),
          ...(c.pending && { pending: { kind: c.pending.kind, at: c.pending.at === null ? 'manual' : iso(c.pending.at) } }),
        };
      }),
      databaseUsers: world.databaseUsers.listIn(groupId).map((u) => ({
        databaseName: u.databaseName,
        username: u.username,
        authMethod: authMethodOf(u),
        roles: u.roles.map((r) => `${r.roleName}@${r.databaseName}${r.collectionName ? `.${r.collectionName}` : ''}`),
        scopes: u.scopes.map((s) => `${s.type} ${s.name}`),
        ...(u.deleteAfter !== undefined && { deleteAfter: iso(u.deleteAfter) }),
      })),
      accessList: world.ipAccessList.listIn(groupId).map((e) => ({
        ...entryAddresses(e),
        ...(e.comment && { comment: e.comment }),
        ...(e.deleteAfter !== undefined && { deleteAfter: iso(e.deleteAfter) }),
      })),
    };
  });
  return {
    id: org.id,
    name: org.name,
    created: iso(org.created),
    tenant: org.tenant !== undefined,
    projects,
    users: world.cloudUsers.membersOf(orgId).map((u) => {
      const m = u.memberships[orgId]!;
      const credential = u.credentials.find((c) => c.orgId === orgId);
      return {
        id: u.id,
        username: u.username,
        name: `${u.firstName} ${u.lastName}`.trim(),
        orgRoles: m.orgRoles,
        groupRoles: m.groupRoles,
        teams: world.teams.ofUser(orgId, u.id).map((t) => t.name),
        ...(credential && { credential: { publicKey: credential.publicKey, ...(secrets && { privateKey: credential.privateKey }) } }),
      };
    }),
    teams: world.teams.listForOrg(orgId).map((t) => ({
      id: t.id,
      name: t.name,
      usernames: t.userIds.map((id) => world.cloudUsers.find(id)?.username ?? id),
      groupRoles: t.groupRoles,
    })),
    apiKeys: world.apiKeys.listByOrg(orgId).map((k) => ({
      id: k.id,
      publicKey: k.publicKey,
      desc: k.desc,
      orgRoles: k.orgRoles,
      groupRoles: k.groupRoles,
      accessList: accessList(k.accessList),
      ...(secrets && { privateKey: k.privateKey }),
    })),
    serviceAccounts: world.serviceAccounts.listByOrg(orgId).map((s) => ({
      clientId: s.clientId,
      name: s.name,
      description: s.description,
      orgRoles: s.orgRoles,
      groupRoles: s.groupRoles,
      secrets: s.secrets.map((x) => ({ id: x.id, createdAt: iso(x.createdAt), expiresAt: iso(x.expiresAt), lastUsedAt: iso(x.lastUsedAt), ...(secrets && { secret: x.secret }) })),
      accessList: accessList(s.accessList),
    })),
  };
}

/** Everything the simulation holds, organization by organization, as the console shows it. */
export const inventoryRoutes: RouteGroup = (sim) => [
  {
    method: 'GET',
    path: `${P}/inventory`,
    summary:
      'Organizations with their projects (designation), clusters (state, tier, regions), database users, IP access lists, users, teams, API keys and service accounts. No credential unless secrets=true. Query: orgId, secrets.',
    handle: ({ query }) => {
      const secrets = flag(query, 'secrets');
      const orgId = query.get('orgId');
      const ids = orgId !== null ? [orgIdParam(orgId)] : sim.world.orgs.list().map((o) => o.id);
      return { organizations: ids.map((id) => organization(sim.world, id, secrets)) };
    },
  },
];
