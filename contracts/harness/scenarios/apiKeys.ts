/**
 * Programmatic API keys (2023-01-01, wire-facts A.4) and the events they leave: an
 * organization key with its access list, the same key given to a project, and the
 * documented refusals. Keys are described with the run's prefix and deleted afterwards.
 */
import { m } from './match.js';
import { createProject } from './projects.js';
import type { Scenario, ScenarioContext } from './types.js';

const V = '2023-01-01';

async function createOrgKey(t: ScenarioContext, suffix: string): Promise<string> {
  const desc = t.name(suffix);
  const res = await t.api.call('POST', `/orgs/${t.orgId}/apiKeys`, { version: V, body: { desc, roles: ['ORG_MEMBER'] } });
  t.expectResponse(res, {
    status: 200,
    contentType: { version: V },
    // The private key is shown once, at creation (wire-facts A.4).
    body: m.partial({ desc, id: m.objectId(), privateKey: m.string(/^[0-9a-f-]{36}$/), publicKey: m.string(/^[a-z]{8}$/), roles: [{ orgId: t.orgId, roleName: 'ORG_MEMBER' }] }),
    contract: 'createApiKey',
  });
  const id = (res.json as { id: string }).id;
  t.cleanup(`API key ${desc}`, async () => {
    const del = await t.api.call('DELETE', `/orgs/${t.orgId}/apiKeys/${id}`, { version: V });
    if (del.status !== 204 && !/API_KEY_NOT_FOUND/.test(del.text)) throw new Error(`deleting API key ${desc}: ${del.status} ${del.text}`);
  });
  return id;
}

export const apiKeyScenarios: readonly Scenario[] = [
  {
    id: 'apiKeys/organization',
    title: 'creates an organization key (200, private key once), reads, lists and changes it, manages its access list, deletes it (204)',
    operations: ['createApiKey', 'getApiKey', 'listApiKeys', 'updateApiKey', 'createApiKeyAccessList', 'listApiKeyAccessListsEntries', 'getApiKeyAccessList', 'deleteApiKeyAccessListEntry', 'deleteApiKey'],
    writes: true,
    async run(t) {
      const id = await createOrgKey(t, 'key');
      const path = `/orgs/${t.orgId}/apiKeys/${id}`;
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 200, body: m.partial({ id, desc: t.name('key') }), contract: 'getApiKey' });
      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/apiKeys?itemsPerPage=500`, { version: V }), { status: 200, body: m.partial({ results: m.some(m.partial({ id })) }), contract: 'listApiKeys' });
      const renamed = t.name('key-renamed');
      t.expectResponse(await t.api.call('PATCH', path, { version: V, body: { desc: renamed } }), { status: 200, body: m.partial({ id, desc: renamed }), contract: 'updateApiKey' });
      // Adding to the access list answers the whole list (wire-facts C.1), the address as a /32.
      const added = await t.api.call('POST', `${path}/accessList`, { version: V, body: [{ ipAddress: '192.0.2.20' }] });
      t.expectResponse(added, { status: 200, body: m.partial({ results: m.some(m.partial({ cidrBlock: '192.0.2.20/32', ipAddress: '192.0.2.20' })), totalCount: m.integer(1) }), contract: 'createApiKeyAccessList' });
      t.expectResponse(await t.api.call('GET', `${path}/accessList`, { version: V }), { status: 200, body: m.partial({ results: m.some(m.partial({ ipAddress: '192.0.2.20' })) }), contract: 'listApiKeyAccessListsEntries' });
      const entry = `${path}/accessList/${encodeURIComponent('192.0.2.20')}`;
      t.expectResponse(await t.api.call('GET', entry, { version: V }), { status: 200, body: m.partial({ ipAddress: '192.0.2.20' }), contract: 'getApiKeyAccessList' });
      t.expectResponse(await t.api.call('DELETE', entry, { version: V }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('GET', entry, { version: V }), { status: 404, errorCode: 'API_KEY_WHITELIST_NOT_FOUND' }, 'the removed access-list entry');
      t.expectResponse(await t.api.call('DELETE', path, { version: V }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 400, errorCode: 'API_KEY_NOT_FOUND' }, 'the deleted key (400, as documented)');
    },
  },
  {
    id: 'apiKeys/project',
    title: 'creates a key for a project, lists it there, changes its project roles, removes it from the project and gives it back',
    operations: ['createProjectApiKey', 'listProjectApiKeys', 'updateApiKeyRoles', 'removeProjectApiKey', 'addProjectApiKey'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'keys');
      const desc = t.name('project-key');
      const created = await t.api.call('POST', `/groups/${groupId}/apiKeys`, { version: V, body: { desc, roles: ['GROUP_READ_ONLY'] } });
      t.expectResponse(created, { status: 200, body: m.partial({ desc, id: m.objectId(), roles: m.some({ groupId, roleName: 'GROUP_READ_ONLY' }) }), contract: 'createProjectApiKey' });
      const id = (created.json as { id: string }).id;
      t.cleanup(`API key ${desc}`, () => t.api.call('DELETE', `/orgs/${t.orgId}/apiKeys/${id}`, { version: V }));
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/apiKeys`, { version: V }), { status: 200, body: m.partial({ results: m.some(m.partial({ id })) }), contract: 'listProjectApiKeys' });
      const path = `/groups/${groupId}/apiKeys/${id}`;
      t.expectResponse(await t.api.call('PATCH', path, { version: V, body: { roles: ['GROUP_OWNER'] } }), { status: 200, body: m.partial({ id, roles: m.some({ groupId, roleName: 'GROUP_OWNER' }) }), contract: 'updateApiKeyRoles' });
      t.expectResponse(await t.api.call('DELETE', path, { version: V }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('POST', path, { version: V, body: [{ roles: ['GROUP_READ_ONLY'] }] }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/apiKeys`, { version: V }), { status: 200, body: m.partial({ results: m.some(m.partial({ id })) }) }, 'the key back in the project');
    },
  },
  {
    id: 'apiKeys/refusals',
    title: 'answers API_KEY_NOT_FOUND (400) for an unknown key, INVALID_KEY_ID (404) for a malformed one, and 400 without a description',
    operations: ['getApiKey', 'updateApiKey', 'deleteApiKey', 'createApiKey', 'listApiKeys', 'listProjectApiKeys', 'createProjectApiKey', 'updateApiKeyRoles', 'removeProjectApiKey', 'addProjectApiKey', 'listApiKeyAccessListsEntries', 'createApiKeyAccessList', 'getApiKeyAccessList', 'deleteApiKeyAccessListEntry'],
    writes: true,
    async run(t) {
      const unknown = `/orgs/${t.orgId}/apiKeys/ffffffffffffffffffffffff`;
      t.expectResponse(await t.api.call('GET', unknown, { version: V }), { status: 400, errorCode: 'API_KEY_NOT_FOUND' });
      t.expectResponse(await t.api.call('PATCH', unknown, { version: V, body: { desc: t.name('x') } }), { status: 400, errorCode: 'API_KEY_NOT_FOUND' });
      t.expectResponse(await t.api.call('DELETE', unknown, { version: V }), { status: 400, errorCode: 'API_KEY_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `${unknown}/accessList`, { version: V }), { status: 400, errorCode: 'API_KEY_NOT_FOUND' });
      t.expectResponse(await t.api.call('POST', `${unknown}/accessList`, { version: V, body: [{ ipAddress: '192.0.2.21' }] }), { status: 400, errorCode: 'API_KEY_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `${unknown}/accessList/192.0.2.21`, { version: V }), { status: 400, errorCode: 'API_KEY_NOT_FOUND' });
      t.expectResponse(await t.api.call('DELETE', `${unknown}/accessList/192.0.2.21`, { version: V }), { status: 400, errorCode: 'API_KEY_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/apiKeys/not-a-key`, { version: V }), { status: 404, errorCode: 'INVALID_KEY_ID' });
      t.expectResponse(await t.api.call('POST', `/orgs/${t.orgId}/apiKeys`, { version: V, body: { roles: ['ORG_MEMBER'] } }), { status: 400, contentType: 'json', body: m.partial({ error: 400, errorCode: m.string() }) }, 'a key without a description');
      t.expectResponse(await t.api.call('GET', '/orgs/ffffffffffffffffffffffff/apiKeys', { version: V }), { status: 404, errorCode: 'ORG_NOT_FOUND' });
      const missingGroup = '/groups/ffffffffffffffffffffffff/apiKeys';
      t.expectResponse(await t.api.call('GET', missingGroup, { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
      t.expectResponse(await t.api.call('POST', missingGroup, { version: V, body: { desc: t.name('x'), roles: ['GROUP_READ_ONLY'] } }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
      t.expectResponse(await t.api.call('PATCH', `${missingGroup}/ffffffffffffffffffffffff`, { version: V, body: { roles: ['GROUP_OWNER'] } }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
      t.expectResponse(await t.api.call('DELETE', `${missingGroup}/ffffffffffffffffffffffff`, { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
      t.expectResponse(await t.api.call('POST', `${missingGroup}/ffffffffffffffffffffffff`, { version: V, body: [{ roles: ['GROUP_READ_ONLY'] }] }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
    },
  },
  {
    id: 'events/feeds',
    title: 'lists the organization and project events (newest first) and reads one by id; an unknown id is 404',
    operations: ['listOrganizationEvents', 'getOrganizationEvent', 'listProjectEvents', 'getProjectEvent'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'events');
      const org = await t.api.call('GET', `/orgs/${t.orgId}/events?itemsPerPage=5`, { version: V });
      t.expectResponse(org, { status: 200, body: m.partial({ results: m.arrayOf(m.partial({ id: m.objectId(), created: m.date(), eventTypeName: m.string() }), { min: 1 }) }), contract: 'listOrganizationEvents' });
      const orgEvent = (org.json as { results: Array<{ id: string }> }).results[0]!.id;
      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/events/${orgEvent}`, { version: V }), { status: 200, body: m.partial({ id: orgEvent }), contract: 'getOrganizationEvent' });
      const group = await t.api.call('GET', `/groups/${groupId}/events`, { version: V });
      t.expectResponse(group, { status: 200, body: m.partial({ results: m.some(m.partial({ eventTypeName: 'GROUP_CREATED', groupId })) }), contract: 'listProjectEvents' });
      const groupEvent = (group.json as { results: Array<{ id: string }> }).results[0]!.id;
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/events/${groupEvent}`, { version: V }), { status: 200, body: m.partial({ id: groupEvent, groupId }), contract: 'getProjectEvent' });
      const none = 'ffffffffffffffffffffffff';
      t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}/events/${none}`, { version: V }), { status: 404, contentType: 'json', body: m.partial({ error: 404, errorCode: m.string() }) });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/events/${none}`, { version: V }), { status: 404, contentType: 'json', body: m.partial({ error: 404, errorCode: m.string() }) });
      t.expectResponse(await t.api.call('GET', `/groups/${none}/events`, { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `/orgs/${none}/events`, { version: V }), { status: 404, errorCode: 'ORG_NOT_FOUND' });
    },
  },
];
