/**
 * Service accounts (2024-08-05, wire-facts A.3): organization and project accounts, their
 * secrets (the full secret only in the answer that made it) and access lists, and the
 * refusals. The code for an unknown client id is undocumented, so only its status is
 * asserted. Accounts are named with the run's prefix and deleted afterwards.
 */
import { m } from './match.js';
import { createProject } from './projects.js';
import type { Scenario, ScenarioContext } from './types.js';

const V = '2024-08-05';
const SECRET = m.partial({ id: m.objectId(), createdAt: m.date(), expiresAt: m.date(), maskedSecretValue: m.string(/^mdb_sa_sk_/) });

async function createAccount(t: ScenarioContext, base: string, suffix: string, roles: string[]): Promise<string> {
  const name = t.name(suffix);
  const res = await t.api.call('POST', base, { version: V, body: { name, description: `${name} from the contract scenarios`, roles, secretExpiresAfterHours: 24 } });
  t.expectResponse(res, {
    status: 201,
    contentType: { version: V },
    body: m.partial({ clientId: m.string(/^mdb_sa_id_[a-f0-9]{24}$/), name, roles, secrets: [m.allOf(SECRET, m.partial({ secret: m.string(/^mdb_sa_sk_/) }))] }),
  });
  const clientId = (res.json as { clientId: string }).clientId;
  t.cleanup(`service account ${name}`, async () => {
    const del = await t.api.call('DELETE', `${base}/${clientId}`, { version: V });
    if (del.status !== 204 && del.status !== 404) throw new Error(`deleting service account ${name}: ${del.status} ${del.text}`);
  });
  return clientId;
}

export const serviceAccountScenarios: readonly Scenario[] = [
  {
    id: 'serviceAccounts/organization',
    title: 'creates an organization service account (201, secret shown once), reads, lists, changes it, rotates a secret, manages its access list, deletes it',
    operations: ['createServiceAccount', 'getServiceAccount', 'listServiceAccounts', 'updateServiceAccount', 'listServiceAccountProjects', 'createServiceAccountSecret', 'deleteServiceAccountSecret', 'createServiceAccountAccessList', 'listServiceAccountAccessList', 'deleteServiceAccountAccessListEntry', 'deleteServiceAccount'],
    writes: true,
    async run(t) {
      const base = `/orgs/${t.orgId}/serviceAccounts`;
      const clientId = await createAccount(t, base, 'sa', ['ORG_READ_ONLY']);
      const path = `${base}/${clientId}`;
      const got = await t.api.call('GET', path, { version: V });
      t.expectResponse(got, { status: 200, body: m.partial({ clientId, secrets: [m.allOf(SECRET, m.partial({ secret: m.absent() }))] }), contract: 'getServiceAccount' });
      t.expectResponse(await t.api.call('GET', base, { version: V }), { status: 200, body: m.partial({ results: m.some(m.partial({ clientId })) }), contract: 'listServiceAccounts' });
      t.expectResponse(await t.api.call('PATCH', path, { version: V, body: { description: `${t.name('sa')} renamed` } }), { status: 200, body: m.partial({ clientId, description: `${t.name('sa')} renamed` }), contract: 'updateServiceAccount' });
      t.expectResponse(await t.api.call('GET', `${path}/groups`, { version: V }), { status: 200, body: m.partial({ results: [] }), contract: 'listServiceAccountProjects' });
      const secret = await t.api.call('POST', `${path}/secrets`, { version: V, body: { secretExpiresAfterHours: 24 } });
      t.expectResponse(secret, { status: 201, body: m.allOf(SECRET, m.partial({ secret: m.string(/^mdb_sa_sk_/) })), contract: 'createServiceAccountSecret' });
      t.expectResponse(await t.api.call('DELETE', `${path}/secrets/${(secret.json as { id: string }).id}`, { version: V }), { status: 204, body: undefined });
      const added = await t.api.call('POST', `${path}/accessList`, { version: V, body: [{ ipAddress: '192.0.2.30' }] });
      t.expectResponse(added, { status: 200, body: m.partial({ results: m.some(m.partial({ cidrBlock: '192.0.2.30/32' })) }), contract: 'createServiceAccountAccessList' });
      t.expectResponse(await t.api.call('GET', `${path}/accessList`, { version: V }), { status: 200, body: m.partial({ results: m.some(m.partial({ cidrBlock: '192.0.2.30/32' })) }), contract: 'listServiceAccountAccessList' });
      t.expectResponse(await t.api.call('DELETE', `${path}/accessList/${encodeURIComponent('192.0.2.30')}`, { version: V }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('DELETE', path, { version: V }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 404, contentType: 'json', body: m.partial({ error: 404, errorCode: m.string() }) }, 'the deleted account');
    },
  },
  {
    id: 'serviceAccounts/project',
    title: 'creates a project service account, reads, lists and changes it, invites an organization account, rotates a secret, manages its access list, deletes it',
    operations: ['createProjectServiceAccount', 'getProjectServiceAccount', 'listProjectServiceAccounts', 'updateProjectServiceAccount', 'addProjectServiceAccount', 'createProjectServiceAccountSecret', 'deleteProjectServiceAccountSecret', 'createProjectServiceAccountAccessList', 'listProjectServiceAccountAccessList', 'deleteProjectServiceAccountAccessListEntry', 'deleteProjectServiceAccount'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'sa-project');
      const base = `/groups/${groupId}/serviceAccounts`;
      const clientId = await createAccount(t, base, 'project-sa', ['GROUP_READ_ONLY']);
      const path = `${base}/${clientId}`;
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 200, body: m.partial({ clientId, roles: ['GROUP_READ_ONLY'] }), contract: 'getProjectServiceAccount' });
      t.expectResponse(await t.api.call('GET', base, { version: V }), { status: 200, body: m.partial({ results: m.some(m.partial({ clientId })) }), contract: 'listProjectServiceAccounts' });
      t.expectResponse(await t.api.call('PATCH', path, { version: V, body: { roles: ['GROUP_OWNER'] } }), { status: 200, body: m.partial({ clientId, roles: ['GROUP_OWNER'] }), contract: 'updateProjectServiceAccount' });
      const orgAccount = await createAccount(t, `/orgs/${t.orgId}/serviceAccounts`, 'invited', ['ORG_MEMBER']);
      t.expectResponse(await t.api.call('POST', `${base}/${orgAccount}:invite`, { version: V, body: { roles: ['GROUP_READ_ONLY'] } }), { status: 200, body: m.partial({ clientId: orgAccount }), contract: 'addProjectServiceAccount' });
      const secret = await t.api.call('POST', `${path}/secrets`, { version: V, body: { secretExpiresAfterHours: 24 } });
      t.expectResponse(secret, { status: 201, body: m.allOf(SECRET, m.partial({ secret: m.string(/^mdb_sa_sk_/) })), contract: 'createProjectServiceAccountSecret' });
      t.expectResponse(await t.api.call('DELETE', `${path}/secrets/${(secret.json as { id: string }).id}`, { version: V }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('POST', `${path}/accessList`, { version: V, body: [{ cidrBlock: '192.0.2.0/28' }] }), { status: 200, body: m.partial({ results: m.some(m.partial({ cidrBlock: '192.0.2.0/28' })) }), contract: 'createProjectServiceAccountAccessList' });
      t.expectResponse(await t.api.call('GET', `${path}/accessList`, { version: V }), { status: 200, body: m.partial({ results: m.some(m.partial({ cidrBlock: '192.0.2.0/28' })) }), contract: 'listProjectServiceAccountAccessList' });
      t.expectResponse(await t.api.call('DELETE', `${path}/accessList/${encodeURIComponent('192.0.2.0/28')}`, { version: V }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('DELETE', path, { version: V }), { status: 204, body: undefined });
    },
  },
  {
    id: 'serviceAccounts/refusals',
    title: 'answers 404 for an unknown client id everywhere, and 400 for an account without a name',
    operations: ['getServiceAccount', 'updateServiceAccount', 'deleteServiceAccount', 'listServiceAccountProjects', 'createServiceAccountSecret', 'deleteServiceAccountSecret', 'listServiceAccountAccessList', 'createServiceAccountAccessList', 'deleteServiceAccountAccessListEntry', 'createServiceAccount', 'listServiceAccounts', 'getProjectServiceAccount', 'updateProjectServiceAccount', 'deleteProjectServiceAccount', 'addProjectServiceAccount', 'createProjectServiceAccountSecret', 'deleteProjectServiceAccountSecret', 'listProjectServiceAccountAccessList', 'createProjectServiceAccountAccessList', 'deleteProjectServiceAccountAccessListEntry', 'createProjectServiceAccount', 'listProjectServiceAccounts'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'sa-refusals');
      const missing = 'mdb_sa_id_ffffffffffffffffffffffff';
      const notFound = { status: 404, contentType: 'json' as const, body: m.partial({ error: 404, errorCode: m.string() }) };
      for (const base of [`/orgs/${t.orgId}/serviceAccounts`, `/groups/${groupId}/serviceAccounts`]) {
        const p = `${base}/${missing}`;
        t.expectResponse(await t.api.call('GET', p, { version: V }), notFound, `GET ${p}`);
        t.expectResponse(await t.api.call('PATCH', p, { version: V, body: { description: 'x' } }), notFound, `PATCH ${p}`);
        t.expectResponse(await t.api.call('DELETE', p, { version: V }), notFound, `DELETE ${p}`);
        t.expectResponse(await t.api.call('POST', `${p}/secrets`, { version: V, body: { secretExpiresAfterHours: 24 } }), notFound, `POST ${p}/secrets`);
        t.expectResponse(await t.api.call('DELETE', `${p}/secrets/ffffffffffffffffffffffff`, { version: V }), notFound, `DELETE ${p}/secrets/…`);
        t.expectResponse(await t.api.call('GET', `${p}/accessList`, { version: V }), notFound, `GET ${p}/accessList`);
        t.expectResponse(await t.api.call('POST', `${p}/accessList`, { version: V, body: [{ ipAddress: '192.0.2.31' }] }), notFound, `POST ${p}/accessList`);
        t.expectResponse(await t.api.call('DELETE', `${p}/accessList/192.0.2.31`, { version: V }), notFound, `DELETE ${p}/accessList/…`);
        const noName = await t.api.call('POST', base, { version: V, body: { description: 'no name', roles: base.startsWith('/orgs') ? ['ORG_MEMBER'] : ['GROUP_READ_ONLY'], secretExpiresAfterHours: 24 } });
        t.expectResponse(noName, { status: 400, contentType: 'json', body: m.partial({ error: 400, errorCode: m.string() }) }, `POST ${base} without a name`);
      }
      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/serviceAccounts/${missing}/groups`, { version: V }), notFound);
      t.expectResponse(await t.api.call('POST', `/groups/${groupId}/serviceAccounts/${missing}:invite`, { version: V, body: { roles: ['GROUP_READ_ONLY'] } }), notFound);
      t.expectResponse(await t.api.call('GET', '/orgs/ffffffffffffffffffffffff/serviceAccounts', { version: V }), { status: 404, errorCode: 'ORG_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', '/groups/ffffffffffffffffffffffff/serviceAccounts', { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
    },
  },
];
