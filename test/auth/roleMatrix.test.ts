/**
 * The role matrix: principals holding each organization role and each project role, all
 * created through the API (API keys and service accounts), call a representative set of
 * operations (read, create and delete, on the organization and on a project). Each call
 * is allowed or refused exactly as the catalog's minimum role says, judged by an
 * independent table of what each Atlas role includes; a refusal is 401 USER_UNAUTHORIZED
 * and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../contracts/api/catalog.js';
import { GROUP_ROLES, ORG_ROLES, type Role } from '../../contracts/api/roles.js';
import { startAtlas, type CallOptions, type TestAtlas } from '../support/harness.js';
import { bearer, expectError, operationOf, requestToken, seedProject, withKey } from '../support/iam.js';

/**
 * What holding a role lets a principal act as, restated from the Atlas role reference
 * (not from the simulator's tables): on the organization, and on a project of it.
 */
const ORG_SCOPE: Partial<Record<Role, readonly Role[]>> = {
  ORG_OWNER: ORG_ROLES,
  ORG_GROUP_CREATOR: ['ORG_GROUP_CREATOR', 'ORG_MEMBER'],
  ORG_BILLING_ADMIN: ['ORG_BILLING_ADMIN', 'ORG_BILLING_READ_ONLY', 'ORG_MEMBER'],
  ORG_BILLING_READ_ONLY: ['ORG_BILLING_READ_ONLY', 'ORG_MEMBER'],
  ORG_READ_ONLY: ['ORG_READ_ONLY', 'ORG_MEMBER'],
  ORG_MEMBER: ['ORG_MEMBER'],
};
/** Project principals are Organization Members (recorded for project keys, documented for project accounts). */
const orgScope = (role: Role): readonly Role[] => ORG_SCOPE[role] ?? ['ORG_MEMBER'];

const READ_ONLY: readonly Role[] = ['GROUP_READ_ONLY', 'GROUP_OBSERVABILITY_VIEWER'];
const PROJECT_SCOPE: Record<Role, readonly Role[]> = {
  ORG_OWNER: [...ORG_ROLES, ...GROUP_ROLES],
  ORG_READ_ONLY: ['ORG_READ_ONLY', 'ORG_MEMBER', ...READ_ONLY],
  ORG_GROUP_CREATOR: ['ORG_GROUP_CREATOR', 'ORG_MEMBER'],
  ORG_BILLING_ADMIN: ['ORG_BILLING_ADMIN', 'ORG_BILLING_READ_ONLY', 'ORG_MEMBER'],
  ORG_BILLING_READ_ONLY: ['ORG_BILLING_READ_ONLY', 'ORG_MEMBER'],
  ORG_MEMBER: ['ORG_MEMBER'],
  GROUP_OWNER: ['ORG_MEMBER', ...GROUP_ROLES],
  GROUP_CLUSTER_MANAGER: ['ORG_MEMBER', 'GROUP_CLUSTER_MANAGER', ...READ_ONLY],
  GROUP_STREAM_PROCESSING_OWNER: ['ORG_MEMBER', 'GROUP_STREAM_PROCESSING_OWNER', ...READ_ONLY],
  GROUP_DATA_ACCESS_ADMIN: [
    'ORG_MEMBER',
    'GROUP_DATA_ACCESS_ADMIN',
    'GROUP_DATA_ACCESS_READ_WRITE',
    'GROUP_DATA_ACCESS_READ_ONLY',
    'GROUP_DATABASE_ACCESS_ADMIN',
    ...READ_ONLY,
  ],
  GROUP_DATA_ACCESS_READ_WRITE: ['ORG_MEMBER', 'GROUP_DATA_ACCESS_READ_WRITE', 'GROUP_DATA_ACCESS_READ_ONLY', ...READ_ONLY],
  GROUP_DATA_ACCESS_READ_ONLY: ['ORG_MEMBER', 'GROUP_DATA_ACCESS_READ_ONLY', ...READ_ONLY],
  GROUP_READ_ONLY: ['ORG_MEMBER', ...READ_ONLY],
  GROUP_SEARCH_INDEX_EDITOR: ['ORG_MEMBER', 'GROUP_SEARCH_INDEX_EDITOR', ...READ_ONLY],
  GROUP_BACKUP_MANAGER: ['ORG_MEMBER', 'GROUP_BACKUP_MANAGER', ...READ_ONLY],
  GROUP_OBSERVABILITY_VIEWER: ['ORG_MEMBER', 'GROUP_OBSERVABILITY_VIEWER'],
  GROUP_DATABASE_ACCESS_ADMIN: ['ORG_MEMBER', 'GROUP_DATABASE_ACCESS_ADMIN', ...READ_ONLY],
};

let atlas: TestAtlas;
let orgId: string;
let groupId: string;

interface Caller {
  label: string;
  role: Role;
  options: () => Promise<CallOptions>;
}
const callers: Caller[] = [];

/** A representative operation: the request to send, prepared fresh for each caller. */
interface Case {
  label: string;
  prepare: () => Promise<{ method: string; path: string; body?: unknown }>;
}

const cases: Case[] = [
  { label: 'org read', prepare: async () => ({ method: 'GET', path: `/orgs/${orgId}/apiKeys` }) },
  { label: 'org read (read only)', prepare: async () => ({ method: 'GET', path: `/orgs/${orgId}/serviceAccounts` }) },
  { label: 'org events', prepare: async () => ({ method: 'GET', path: `/orgs/${orgId}/events` }) },
  { label: 'org create', prepare: async () => ({ method: 'POST', path: `/orgs/${orgId}/apiKeys`, body: { desc: 'made in the matrix', roles: ['ORG_MEMBER'] } }) },
  {
    label: 'org delete',
    prepare: async () => {
      const victim = (await atlas.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'victim', roles: ['ORG_MEMBER'] } })).json;
      return { method: 'DELETE', path: `/orgs/${orgId}/apiKeys/${victim.id}` };
    },
  },
  { label: 'project read', prepare: async () => ({ method: 'GET', path: `/groups/${groupId}/serviceAccounts` }) },
  { label: 'project read (owner)', prepare: async () => ({ method: 'GET', path: `/groups/${groupId}/apiKeys` }) },
  { label: 'project events', prepare: async () => ({ method: 'GET', path: `/groups/${groupId}/events` }) },
  {
    label: 'project create',
    prepare: async () => ({
      method: 'POST',
      path: `/groups/${groupId}/serviceAccounts`,
      body: { name: 'matrix', description: 'matrix', roles: ['GROUP_READ_ONLY'], secretExpiresAfterHours: 8 },
    }),
  },
  {
    label: 'project assign',
    prepare: async () => {
      const sa = (
        await atlas.call('POST', `/orgs/${orgId}/serviceAccounts`, { body: { name: 'invitee', description: 'invitee', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 8 } })
      ).json;
      return { method: 'POST', path: `/groups/${groupId}/serviceAccounts/${sa.clientId}:invite`, body: { roles: ['GROUP_READ_ONLY'] } };
    },
  },
  {
    label: 'project delete',
    prepare: async () => {
      const victim = (await atlas.call('POST', `/groups/${groupId}/apiKeys`, { body: { desc: 'victim', roles: ['GROUP_READ_ONLY'] } })).json;
      return { method: 'DELETE', path: `/groups/${groupId}/apiKeys/${victim.id}` };
    },
  },
];

async function slices(): Promise<unknown> {
  return ((await (await fetch(`${atlas.url}/_mock/state`)).json()) as { slices: unknown }).slices;
}

beforeAll(async () => {
  atlas = await startAtlas({ rateLimits: false });
  orgId = atlas.tenant.orgId;
  groupId = seedProject(atlas, 'matrix');
  for (const role of ORG_ROLES) {
    const key = (await atlas.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: role, roles: [role] } })).json;
    callers.push({ label: `API key ${role}`, role, options: async () => withKey(atlas.tenant, key) });
    const sa = (await atlas.call('POST', `/orgs/${orgId}/serviceAccounts`, { body: { name: role, description: role, roles: [role], secretExpiresAfterHours: 24 } })).json;
    const token = (await requestToken(atlas, sa.clientId, sa.secrets[0].secret)).token!;
    callers.push({ label: `service account ${role}`, role, options: async () => bearer(token) });
  }
  for (const role of GROUP_ROLES) {
    const key = (await atlas.call('POST', `/groups/${groupId}/apiKeys`, { body: { desc: role, roles: [role] } })).json;
    callers.push({ label: `API key ${role}`, role, options: async () => withKey(atlas.tenant, key) });
    const sa = (
      await atlas.call('POST', `/groups/${groupId}/serviceAccounts`, { body: { name: role, description: role, roles: [role], secretExpiresAfterHours: 24 } })
    ).json;
    const token = (await requestToken(atlas, sa.clientId, sa.secrets[0].secret)).token!;
    callers.push({ label: `service account ${role}`, role, options: async () => bearer(token) });
  }
}, 120_000);
afterAll(() => atlas.close());

describe('role matrix', () => {
  it('covers every organization and project role, as API keys and as service accounts', () => {
    expect(callers).toHaveLength(2 * (ORG_ROLES.length + GROUP_ROLES.length));
  });

  it.each(cases.map((c) => [c.label, c] as const))('%s: allowed or refused as the catalog says', async (_label, c) => {
    const outcomes: string[] = [];
    const expectedOutcomes: string[] = [];
    for (const caller of callers) {
      const req = await c.prepare();
      const op = operationOf(req.method, req.path);
      expect(OPERATIONS).toContain(op);
      if (op.access.scope === 'principal' || op.access.scope === 'public') throw new Error(`${op.operationId} is not role-checked`);
      const held = op.access.scope === 'org' ? orgScope(caller.role) : PROJECT_SCOPE[caller.role];
      const allowed = op.access.anyOf.some((r) => held.includes(r));
      const before = await slices();
      const res = await atlas.call(req.method, req.path, { ...(await caller.options()), ...(req.body !== undefined && { body: req.body }) });
      outcomes.push(`${caller.label} -> ${res.status >= 200 && res.status < 300 ? 'allowed' : `${res.status} ${res.json?.errorCode}`}`);
      expectedOutcomes.push(`${caller.label} -> ${allowed ? 'allowed' : '401 USER_UNAUTHORIZED'}`);
      if (!allowed) {
        expectError(res, 401, 'USER_UNAUTHORIZED', []);
        expect(res.json.detail).toBe('Current user is not authorized to perform this action.');
        expect(await slices(), `${caller.label} changed state`).toEqual(before);
      }
    }
    expect(outcomes).toEqual(expectedOutcomes);
  });
});
