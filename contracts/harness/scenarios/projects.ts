/**
 * Projects (groups): create (201, wire-facts C.6), read by id and by name, list, rename,
 * delete (202 `{}`), and their documented errors. Every project is named with the run's
 * prefix and deleted by the scenario that made it.
 */
import { m } from './match.js';
import type { Scenario, ScenarioContext } from './types.js';

const V = '2023-01-01';

/** A project as Atlas for Government shows it (`regionUsageRestrictions` is Gov-only). */
function project(t: ScenarioContext, name: string, id: unknown = m.objectId()) {
  return m.partial({
    clusterCount: m.integer(0),
    created: m.date(),
    id,
    links: m.some({ href: typeof id === 'string' ? m.urlEndingWith(`/api/atlas/v2/groups/${id}`) : m.string(/^https?:\/\/[^/]+\/api\/atlas\/v2\/groups\/[a-f0-9]{24}$/), rel: 'self' }),
    name,
    orgId: t.orgId,
    regionUsageRestrictions: m.oneOf('COMMERCIAL_FEDRAMP_REGIONS_ONLY', 'GOV_REGIONS_ONLY'),
  });
}

/** Creates a project for the scenario, deleted afterwards even if the scenario fails. */
export async function createProject(t: ScenarioContext, suffix: string, extra: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const name = t.name(suffix);
  const res = await t.api.call('POST', '/groups', { version: V, body: { name, orgId: t.orgId, ...extra } });
  t.expectResponse(res, { status: 201, contentType: { version: V }, body: project(t, name), contract: 'createProject' }, `creating project ${name}`);
  const id = (res.json as { id: string }).id;
  t.cleanup(`project ${name}`, async () => {
    const del = await t.api.call('DELETE', `/groups/${id}`, { version: V });
    if (del.status !== 202 && del.status !== 404) throw new Error(`deleting project ${name}: ${del.status} ${del.text}`);
  });
  return { id, name };
}

export const projectScenarios: readonly Scenario[] = [
  {
    id: 'projects/lifecycle',
    title: 'creates a project (201), reads it by id and by name, finds it in both lists, renames it, and deletes it (202 {})',
    operations: ['createProject', 'getProject', 'getProjectByName', 'listProjects', 'listOrganizationProjects', 'updateProject', 'deleteProject'],
    writes: true,
    async run(t) {
      const { id, name } = await createProject(t, 'project', { regionUsageRestrictions: 'GOV_REGIONS_ONLY' });
      const byId = await t.api.call('GET', `/groups/${id}`, { version: V });
      t.expectResponse(byId, { status: 200, contentType: { version: V }, body: project(t, name, id), contract: 'getProject' });
      t.expectMatch((byId.json as { regionUsageRestrictions: string }).regionUsageRestrictions, 'GOV_REGIONS_ONLY', 'the region designation chosen at creation');
      const byName = await t.api.call('GET', `/groups/byName/${encodeURIComponent(name)}`, { version: V });
      t.expectResponse(byName, { status: 200, body: project(t, name, id), contract: 'getProjectByName' });
      const all = await t.api.call('GET', '/groups?itemsPerPage=500', { version: V });
      t.expectResponse(all, { status: 200, body: m.partial({ results: m.some(m.partial({ id, name })) }), contract: 'listProjects' });
      const inOrg = await t.api.call('GET', `/orgs/${t.orgId}/groups?itemsPerPage=500`, { version: V });
      t.expectResponse(inOrg, { status: 200, body: m.partial({ results: m.some(m.partial({ id, name })) }), contract: 'listOrganizationProjects' });
      const renamed = t.name('renamed');
      const patch = await t.api.call('PATCH', `/groups/${id}`, { version: V, body: { name: renamed } });
      t.expectResponse(patch, { status: 200, body: project(t, renamed, id), contract: 'updateProject' });
      const del = await t.api.call('DELETE', `/groups/${id}`, { version: V });
      t.expectResponse(del, { status: 202, contentType: { version: V }, body: {}, contract: 'deleteProject' });
      const gone = await t.api.call('GET', `/groups/${id}`, { version: V });
      t.expectResponse(gone, { status: 404, errorCode: 'GROUP_NOT_FOUND' }, 'reading the deleted project');
    },
  },
  {
    id: 'projects/duplicate-name',
    title: 'refuses a second project of the same name in the organization with 409 GROUP_ALREADY_EXISTS',
    operations: ['createProject', 'updateProject'],
    writes: true,
    async run(t) {
      const first = await createProject(t, 'taken');
      const again = await t.api.call('POST', '/groups', { version: V, body: { name: first.name, orgId: t.orgId } });
      t.expectResponse(again, { status: 409, errorCode: 'GROUP_ALREADY_EXISTS' });
      const other = await createProject(t, 'other');
      const rename = await t.api.call('PATCH', `/groups/${other.id}`, { version: V, body: { name: first.name } });
      t.expectResponse(rename, { status: 409, errorCode: 'GROUP_ALREADY_EXISTS' }, 'renaming onto a taken name');
    },
  },
  {
    id: 'projects/unknown',
    title: 'answers 404 GROUP_NOT_FOUND for an unknown id, INVALID_GROUP_ID for a malformed one, GROUP_NAME_NOT_FOUND for an unknown name',
    operations: ['getProject', 'getProjectByName', 'deleteProject', 'updateProject'],
    async run(t) {
      const unknown = 'ffffffffffffffffffffffff';
      t.expectResponse(await t.api.call('GET', `/groups/${unknown}`, { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND', body: m.partial({ parameters: [unknown] }) });
      t.expectResponse(await t.api.call('DELETE', `/groups/${unknown}`, { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
      t.expectResponse(await t.api.call('PATCH', `/groups/${unknown}`, { version: V, body: { name: t.name('x') } }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', '/groups/not-a-group', { version: V }), { status: 404, errorCode: 'INVALID_GROUP_ID' });
      t.expectResponse(await t.api.call('GET', `/groups/byName/${encodeURIComponent(t.name('nobody'))}`, { version: V }), { status: 404, errorCode: 'GROUP_NAME_NOT_FOUND' });
    },
  },
  {
    id: 'projects/bad-create',
    title: 'refuses a project without a name (400 MISSING_ATTRIBUTE) and an unknown attribute (400 INVALID_ATTRIBUTE)',
    operations: ['createProject', 'listProjects', 'listOrganizationProjects'],
    // Refused creates write nothing, but a target that accepted one would have made a (prefixed) project.
    writes: true,
    async run(t) {
      t.expectResponse(await t.api.call('POST', '/groups', { version: V, body: { orgId: t.orgId } }), { status: 400, errorCode: 'MISSING_ATTRIBUTE' });
      t.expectResponse(await t.api.call('POST', '/groups', { version: V, body: { name: t.name('p'), orgId: t.orgId, color: 'red' } }), { status: 400, errorCode: 'INVALID_ATTRIBUTE' });
      t.expectResponse(await t.api.call('GET', '/groups', { version: null, headers: { Accept: 'application/json' } }), { status: 406, errorCode: 'INVALID_VERSION_DATE' });
      t.expectResponse(await t.api.call('GET', '/orgs/ffffffffffffffffffffffff/groups', { version: V }), { status: 404, errorCode: 'ORG_NOT_FOUND' });
    },
  },
];
