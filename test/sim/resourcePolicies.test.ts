import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { body20240805, expectConforms, expectError, makeProject } from '../support/clusters.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import type { OrgRole } from '../../contracts/api/roles.js';
import type { TenantCredentials } from '../../src/sim/tenants.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

const V = '2024-08-05';
const call = (method: string, path: string, body?: unknown, o: { tenant?: TenantCredentials; auth?: 'digest' } = {}) =>
  atlas.call(method, path, { version: V, ...(body !== undefined && { body }), ...o });

const FORBID_GCP = `forbid (
  principal,
  action == cloud::Action::"cluster.createEdit",
  resource
) when {
  context.cluster.cloudProviders.containsAny([cloud::cloudProvider::"gcp"])
};`;
const FORBID_US_EAST_2 = 'forbid (principal, action == cloud::Action::"cluster.createEdit", resource) when { context.cluster.regions.contains(cloud::region::"aws:us-east-2") };';
const FORBID_WILDCARD_IP = 'forbid (principal, action == cloud::Action::"project.edit", resource) when { context.project.ipAccessList.contains(ip("0.0.0.0/0")) };';

let orgId: string;
let base: string;
beforeEach(async () => {
  orgId = atlas.tenant.orgId;
  base = `/orgs/${orgId}/resourcePolicies`;
  // Each test starts without policies.
  for (const p of (await call('GET', base)).json) await call('DELETE', `${base}/${p.id}`);
});

function keyWithOrgRoles(roles: OrgRole[]): { tenant: TenantCredentials; auth: 'digest' } {
  const key = atlas.sim.world.apiKeys.mint(orgId, { desc: `org ${roles.join(' ')}`, orgRoles: roles, groupRoles: {} });
  return { tenant: { ...atlas.tenant, apiKey: { id: key.id, publicKey: key.publicKey, privateKey: key.privateKey } }, auth: 'digest' };
}

describe('resource policies', () => {
  it('creates, reads, lists, updates and deletes a policy; later calls see each change', async () => {
    const created = await call('POST', base, { name: 'no-gcp', policies: [{ body: FORBID_GCP }] });
    expect(created.status).toBe(201);
    expectConforms('POST', base, created);
    expect(created.json).toEqual({
      createdByUser: { id: expect.stringMatching(/^[a-f0-9]{24}$/), name: expect.any(String) },
      createdDate: expect.stringMatching(/Z$/),
      id: expect.stringMatching(/^[a-f0-9]{24}$/),
      lastUpdatedByUser: created.json.createdByUser,
      lastUpdatedDate: created.json.createdDate,
      name: 'no-gcp',
      orgId,
      policies: [{ body: FORBID_GCP, id: expect.stringMatching(/^[a-f0-9]{24}$/) }],
      version: 'v1',
    });
    const path = `${base}/${created.json.id}`;
    const read = await call('GET', path);
    expectConforms('GET', path, read);
    expect(read.json).toEqual(created.json);
    const list = await call('GET', base);
    expectConforms('GET', base, list);
    expect(list.json).toEqual([created.json]);

    atlas.advance(60);
    const updated = await call('PATCH', path, { name: 'placement', policies: [{ body: FORBID_GCP }, { body: FORBID_US_EAST_2 }] });
    expect(updated.status).toBe(200);
    expectConforms('PATCH', path, updated);
    expect(updated.json).toMatchObject({ name: 'placement', version: 'v2', createdDate: created.json.createdDate });
    expect(updated.json.lastUpdatedDate).not.toBe(created.json.createdDate);
    // An unchanged body keeps its id.
    expect(updated.json.policies[0].id).toBe(created.json.policies[0].id);
    expect(updated.json.policies).toHaveLength(2);
    expect((await call('GET', path)).json).toEqual(updated.json);

    const deleted = await call('DELETE', path);
    expect(deleted.status).toBe(200);
    expectConforms('DELETE', path, deleted);
    expectError(await call('GET', path), 404, 'RESOURCE_POLICY_NOT_FOUND', [created.json.id]);
    expectError(await call('DELETE', path), 404, 'RESOURCE_POLICY_NOT_FOUND');
    expect((await call('GET', base)).json).toEqual([]);
  });

  it('refuses bodies the way Atlas does and stores nothing', async () => {
    const missingComma = FORBID_GCP.replace('"cluster.createEdit",', '"cluster.createEdit"');
    const parse = await call('POST', base, { name: 'p', policies: [{ body: missingComma }] });
    expectError(parse, 400, 'POLICY_PARSING_ERROR');
    expectConforms('POST', base, parse);
    expect(parse.json.detail).toBe('unexpected token `resource`');
    const unknown = FORBID_GCP.replace('"gcp"', '"aws222"');
    const entity = await call('POST', base, { name: 'p', policies: [{ body: FORBID_GCP }, { body: unknown }] });
    expectError(entity, 400, 'POLICY_HAS_UNEXPECTED_ENTITIES');
    expect(entity.json.detail).toBe('entity id aws222 does not exist in the context of this organization');
    expectError(await call('POST', base, { name: 'p', policies: [{ body: FORBID_GCP.replace('cloudProviders', 'colors') }] }), 400, 'POLICY_HAS_FAILED_VALIDATIONS');
    expectError(await call('POST', base, { name: 'p', policies: [{ body: FORBID_GCP.replace('forbid', 'permit') }] }), 400, 'POLICY_HAS_FAILED_VALIDATIONS');
    expectError(await call('POST', base, { name: 'p', policies: [{ body: FORBID_GCP.replace('principal,', 'principal == cloud::user::"x",') }] }), 400, 'POLICY_HAS_INVALID_PRINCIPAL');
    expectError(await call('POST', base, { name: 'p', policies: [{ body: `${FORBID_GCP}${' '.repeat(10_001)}` }] }), 400, 'POLICY_HAS_BODY_EXCEEDING_MAX_SIZE');
    expectError(await call('POST', base, { name: 'p', policies: [] }), 400, 'MISSING_ATTRIBUTE', ['policies']);
    expectError(await call('POST', base, { name: 'p' }), 400, 'MISSING_ATTRIBUTE');
    expectError(await call('POST', base, { name: 7, policies: [{ body: FORBID_GCP }] }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await call('POST', base, { name: 'p', policies: [{ body: FORBID_GCP }], color: 'blue' }), 400, 'INVALID_ATTRIBUTE');
    expectError(await atlas.call('POST', base, { version: V, rawBody: '{"name":' }), 400, 'MALFORMED_JSON');
    expect((await call('GET', base)).json).toEqual([]);

    await call('POST', base, { name: 'taken', policies: [{ body: FORBID_GCP }] });
    expectError(await call('POST', base, { name: 'taken', policies: [{ body: FORBID_US_EAST_2 }] }), 400, 'DUPLICATE_POLICY_NAME');
    // The same bodies under another name are allowed.
    expect((await call('POST', base, { name: 'twin', policies: [{ body: FORBID_GCP }] })).status).toBe(201);
    const twin = (await call('GET', base)).json.find((p: { name: string }) => p.name === 'twin');
    expectError(await call('PATCH', `${base}/${twin.id}`, { name: 'taken' }), 400, 'DUPLICATE_POLICY_NAME');
    expectError(await call('PATCH', `${base}/${twin.id}`, { policies: [{ body: 'forbid' }] }), 400, 'POLICY_PARSING_ERROR');
    expect((await call('GET', `${base}/${twin.id}`)).json.version).toBe('v1');
  });

  it('validates without storing', async () => {
    const ok = await call('POST', `${base}:validate`, { name: 'check', policies: [{ body: FORBID_WILDCARD_IP }] });
    expect(ok.status).toBe(200);
    expectConforms('POST', `${base}:validate`, ok);
    expect(ok.json).toMatchObject({ name: 'check', orgId, version: 'v1', policies: [{ body: FORBID_WILDCARD_IP }] });
    expectError(await call('POST', `${base}:validate`, { name: 'check', policies: [{ body: 'forbid (' }] }), 400, 'POLICY_PARSING_ERROR');
    expect((await call('GET', base)).json).toEqual([]);
  });

  it('enforces policies on cluster creation and change and on the IP access list, and lists what is non-compliant', async () => {
    const g = makeProject(atlas);
    const before = await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('older', { region: 'US_EAST_2' }) });
    expect(before.status).toBe(201);
    await atlas.call('POST', `/groups/${g}/accessList`, { version: '2023-01-01', body: [{ cidrBlock: '0.0.0.0/0' }] });

    const policy = (await call('POST', base, { name: 'placement', policies: [{ body: FORBID_US_EAST_2 }, { body: FORBID_WILDCARD_IP }] })).json;
    const refused = await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('newer', { region: 'US_EAST_2' }) });
    expectError(refused, 400, 'RESOURCE_POLICY_VIOLATION', ['placement', policy.policies[0].id]);
    expectError(await atlas.call('GET', `/groups/${g}/clusters/newer`, { version: '2024-10-23' }), 404, 'CLUSTER_NOT_FOUND');
    const allowed = await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('newer', { region: 'US_WEST_2' }) });
    expect(allowed.status).toBe(201);
    const moved = await atlas.call('PATCH', `/groups/${g}/clusters/newer`, { version: '2024-10-23', body: body20240805('newer', { region: 'US_EAST_2' }) });
    expectError(moved, 400, 'RESOURCE_POLICY_VIOLATION');
    expect((await atlas.call('GET', `/groups/${g}/clusters/newer`, { version: '2024-10-23' })).json.replicationSpecs[0].regionConfigs[0].regionName).toBe('US_WEST_2');

    const other = makeProject(atlas);
    expectError(await atlas.call('POST', `/groups/${other}/accessList`, { version: '2023-01-01', body: [{ cidrBlock: '0.0.0.0/0' }] }), 400, 'RESOURCE_POLICY_VIOLATION');
    expect((await atlas.call('GET', `/groups/${other}/accessList`, { version: '2023-01-01' })).json.results).toEqual([]);
    expect((await atlas.call('POST', `/groups/${other}/accessList`, { version: '2023-01-01', body: [{ cidrBlock: '10.0.0.0/8' }] })).status).toBe(201);

    const report = await call('GET', `/orgs/${orgId}/nonCompliantResources`);
    expectConforms('GET', `/orgs/${orgId}/nonCompliantResources`, report);
    const mine = report.json.filter((r: { resourceId: string }) => r.resourceId === g || r.resourceId === before.json.id);
    expect(mine).toEqual([
      {
        orgId,
        resourceId: g,
        resourceName: expect.any(String),
        resourcePoliciesCausingNonCompliance: [{ policiesCausingNonCompliance: [{ policyId: policy.policies[1].id }], resourcePolicyId: policy.id, resourcePolicyName: 'placement' }],
        resourceType: 'PROJECT',
      },
      {
        orgId,
        resourceId: before.json.id,
        resourceName: 'older',
        resourcePoliciesCausingNonCompliance: [{ policiesCausingNonCompliance: [{ policyId: policy.policies[0].id }], resourcePolicyId: policy.id, resourcePolicyName: 'placement' }],
        resourceType: 'CLUSTER',
      },
    ]);

    await call('DELETE', `${base}/${policy.id}`);
    expect((await call('GET', `/orgs/${orgId}/nonCompliantResources`)).json).toEqual([]);
    expect((await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('third', { region: 'US_EAST_2' }) })).status).toBe(201);
  });

  it('takes Organization Member to read and Organization Owner to change; bad ids are 404', async () => {
    const created = (await call('POST', base, { name: 'roles', policies: [{ body: FORBID_GCP }] })).json;
    const member = keyWithOrgRoles(['ORG_MEMBER']);
    expect((await call('GET', base, undefined, member)).status).toBe(200);
    expect((await call('GET', `${base}/${created.id}`, undefined, member)).status).toBe(200);
    expect((await call('GET', `/orgs/${orgId}/nonCompliantResources`, undefined, member)).status).toBe(200);
    expectError(await call('POST', base, { name: 'x', policies: [{ body: FORBID_GCP }] }, member), 401, 'USER_UNAUTHORIZED');
    expectError(await call('POST', `${base}:validate`, { name: 'x', policies: [{ body: FORBID_GCP }] }, member), 401, 'USER_UNAUTHORIZED');
    expectError(await call('PATCH', `${base}/${created.id}`, { name: 'y' }, member), 401, 'USER_UNAUTHORIZED');
    expectError(await call('DELETE', `${base}/${created.id}`, undefined, member), 401, 'USER_UNAUTHORIZED');
    expect((await call('GET', `${base}/${created.id}`)).json.name).toBe('roles');
    expectError(await call('GET', `${base}/not-an-id`), 404, 'RESOURCE_POLICY_NOT_FOUND', ['not-an-id']);
    expectError(await call('GET', `${base}/ffffffffffffffffffffffff`), 404, 'RESOURCE_POLICY_NOT_FOUND');
    expectError(await call('GET', '/orgs/ffffffffffffffffffffffff/resourcePolicies'), 404, 'ORG_NOT_FOUND');
    expect((await atlas.call('GET', base, { version: V, auth: 'none' })).status).toBe(401);
  });
});
