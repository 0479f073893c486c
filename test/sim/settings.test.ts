/**
 * Organization settings, project settings and limits: documented names, defaults,
 * ranges and errors, and limits enforced where Atlas enforces them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { expectConforms, expectError, seedProject } from '../support/iam.js';
import { body20240805 } from '../support/clusters.js';

let atlas: TestAtlas;
let orgId: string;
beforeAll(async () => {
  atlas = await startAtlas();
  orgId = atlas.tenant.orgId;
});
afterAll(() => atlas.close());

const V1 = { version: '2023-01-01' };
const USERS = 'atlas.project.security.databaseAccess.users';
const ENTRIES = 'atlas.project.security.networkAccess.entries';

describe('organization settings', () => {
  it('has Government defaults, changes partially with events, and refuses what is out of range', async () => {
    const res = await atlas.call('GET', `/orgs/${orgId}/settings`, V1);
    expect(res.json).toEqual({ apiAccessListRequired: false, genAIFeaturesEnabled: false, maxServiceAccountSecretValidityInHours: 8760, multiFactorAuthRequired: false, restrictEmployeeAccess: false, streamsCrossGroupEnabled: false });
    expectConforms('GET', `/orgs/${orgId}/settings`, res);
    const changed = await atlas.call('PATCH', `/orgs/${orgId}/settings`, { ...V1, body: { multiFactorAuthRequired: true, securityContact: 'soc@example.gov' } });
    expect(changed.json).toMatchObject({ multiFactorAuthRequired: true, securityContact: 'soc@example.gov', apiAccessListRequired: false });
    const feed = (await atlas.call('GET', `/orgs/${orgId}/events?eventType=ORG_TWO_FACTOR_AUTH_REQUIRED&eventType=SECURITY_CONTACT_MODIFIED`)).json.totalCount;
    expect(feed).toBe(2);
    expectError(await atlas.call('PATCH', `/orgs/${orgId}/settings`, { ...V1, body: { maxServiceAccountSecretValidityInHours: 7, multiFactorAuthRequired: false } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await atlas.call('PATCH', `/orgs/${orgId}/settings`, { ...V1, body: { securityContact: 'nobody' } }), 400, 'INVALID_EMAIL_ADDRESS');
    expect((await atlas.call('PATCH', `/orgs/${orgId}/settings`, { ...V1, body: { genAIFeaturesEnabled: true } })).json.genAIFeaturesEnabled).toBe(false);
    expectError(await atlas.call('PATCH', `/orgs/${orgId}/settings`, { ...V1, body: { multiFactorAuthRequired: 'yes' } }), 400, 'INVALID_JSON_ATTRIBUTE');
    expect((await atlas.call('GET', `/orgs/${orgId}/settings`, V1)).json.multiFactorAuthRequired).toBe(true);
  });

  it('bounds new service account secrets by maxServiceAccountSecretValidityInHours', async () => {
    await atlas.call('PATCH', `/orgs/${orgId}/settings`, { ...V1, body: { maxServiceAccountSecretValidityInHours: 24 } });
    const body = { name: 'bounded', description: 'd', roles: ['ORG_READ_ONLY'], secretExpiresAfterHours: 48 };
    expectError(await atlas.call('POST', `/orgs/${orgId}/serviceAccounts`, { body, version: '2024-08-05' }), 400, 'INVALID_ATTRIBUTE');
    expect((await atlas.call('POST', `/orgs/${orgId}/serviceAccounts`, { body: { ...body, secretExpiresAfterHours: 24 }, version: '2024-08-05' })).status).toBe(201);
    await atlas.call('PATCH', `/orgs/${orgId}/settings`, { ...V1, body: { maxServiceAccountSecretValidityInHours: 8760 } });
  });
});

describe('project settings', () => {
  it('starts from the recorded defaults, generative AI off for good in Gov, and PATCH is partial', async () => {
    const groupId = seedProject(atlas, 'settings');
    const res = await atlas.call('GET', `/groups/${groupId}/settings`, V1);
    expect(res.json).toEqual({
      isCollectDatabaseSpecificsStatisticsEnabled: true,
      isDataExplorerEnabled: true,
      isDataExplorerGenAIFeaturesEnabled: false,
      isDataExplorerGenAISampleDocumentPassingEnabled: false,
      isExtendedStorageSizesEnabled: false,
      isPerformanceAdvisorEnabled: true,
      isRealtimePerformancePanelEnabled: true,
      isSchemaAdvisorEnabled: true,
    });
    const patched = await atlas.call('PATCH', `/groups/${groupId}/settings`, { ...V1, body: { isExtendedStorageSizesEnabled: true } });
    expect(patched.json).toEqual({ ...res.json, isExtendedStorageSizesEnabled: true });
    expect((await atlas.call('PATCH', `/groups/${groupId}/settings`, { ...V1, body: { isDataExplorerGenAIFeaturesEnabled: true } })).json).toEqual(patched.json);
    expectError(await atlas.call('PATCH', `/groups/${groupId}/settings`, { ...V1, body: { isAnything: true } }), 400, 'INVALID_ATTRIBUTE');
    expect((await atlas.call('GET', `/groups/${groupId}/settings`, V1)).json).toEqual(patched.json);
  });
});

describe('project limits', () => {
  it('lists every Government limit with its default, maximum and usage, as a bare array', async () => {
    const groupId = seedProject(atlas, 'limits');
    const res = await atlas.call('GET', `/groups/${groupId}/limits`, V1);
    expect(res.json.map((l: { name: string }) => l.name)).toEqual([
      'atlas.project.deployment.clusters',
      'atlas.project.deployment.nodesPerPrivateLinkRegion',
      'atlas.project.security.databaseAccess.customRoles',
      USERS,
      'atlas.project.security.networkAccess.crossRegionEntries',
      ENTRIES,
      'atlas.project.deployment.privateServiceConnectionsPerRegionGroup',
      'atlas.project.deployment.privateServiceConnectionsSubnetMask',
    ]);
    expect(res.json[0]).toEqual({ currentUsage: 0, defaultLimit: 25, maximumLimit: 90, name: 'atlas.project.deployment.clusters', value: 25 });
    expectConforms('GET', `/groups/${groupId}/limits`, res);
  });

  it('enforces a lowered database-user limit with GROUP_USERS_LIMIT_EXCEEDED, and resets to the default', async () => {
    const groupId = seedProject(atlas, 'db-limit');
    const set = await atlas.call('PATCH', `/groups/${groupId}/limits/${USERS}`, { ...V1, body: { value: 1 } });
    expect(set.json).toEqual({ currentUsage: 0, defaultLimit: 100, maximumLimit: 900, name: USERS, value: 1 });
    const user = (username: string) => ({ databaseName: 'admin', groupId, username, password: 'Correct-Horse-Battery-9', roles: [{ databaseName: 'admin', roleName: 'read' }] });
    expect((await atlas.call('POST', `/groups/${groupId}/databaseUsers`, { ...V1, body: user('a') })).status).toBe(201);
    expectError(await atlas.call('POST', `/groups/${groupId}/databaseUsers`, { ...V1, body: user('b') }), 403, 'GROUP_USERS_LIMIT_EXCEEDED', [1]);
    expect((await atlas.call('DELETE', `/groups/${groupId}/limits/${USERS}`, V1)).status).toBe(204);
    expect((await atlas.call('POST', `/groups/${groupId}/databaseUsers`, { ...V1, body: user('b') })).status).toBe(201);
    expect((await atlas.call('GET', `/groups/${groupId}/limits/${USERS}`, V1)).json).toMatchObject({ value: 100, currentUsage: 2 });
  });

  it('enforces a lowered access-list limit with ATLAS_NETWORK_PERMISSIONS_LIMIT_EXCEEDED', async () => {
    const groupId = seedProject(atlas, 'ip-limit');
    await atlas.call('PATCH', `/groups/${groupId}/limits/${ENTRIES}`, { ...V1, body: { value: 1 } });
    const add = (ip: string) => atlas.call('POST', `/groups/${groupId}/accessList`, { ...V1, body: [{ ipAddress: ip }] });
    expect((await add('10.0.0.1')).status).toBe(201);
    expectError(await add('10.0.0.2'), 403, 'ATLAS_NETWORK_PERMISSIONS_LIMIT_EXCEEDED', [1]);
  });

  it('enforces a lowered cluster limit with DEFAULT_CONFIG_LIMIT_EXCEPTION, creating nothing', async () => {
    const groupId = seedProject(atlas, 'cluster-limit');
    await atlas.call('PATCH', `/groups/${groupId}/limits/atlas.project.deployment.clusters`, { ...V1, body: { value: 1 } });
    const create = (name: string) => atlas.call('POST', `/groups/${groupId}/clusters`, { version: '2024-08-05', body: body20240805(name) });
    expect((await create('first')).status).toBe(201);
    expectError(await create('second'), 400, 'DEFAULT_CONFIG_LIMIT_EXCEPTION');
    expect((await atlas.call('GET', `/groups/${groupId}/clusters`, { version: '2024-08-05' })).json.totalCount).toBe(1);
    expect((await atlas.call('GET', `/groups/${groupId}/limits/atlas.project.deployment.clusters`, V1)).json).toMatchObject({ value: 1, currentUsage: 1 });
  });

  it('enforces a lowered custom-role limit with CUSTOM_ROLES_LIMIT_EXCEEDED, and counts the roles as usage', async () => {
    const groupId = seedProject(atlas, 'role-limit');
    await atlas.call('PATCH', `/groups/${groupId}/limits/atlas.project.security.databaseAccess.customRoles`, { ...V1, body: { value: 1 } });
    const create = (roleName: string) =>
      atlas.call('POST', `/groups/${groupId}/customDBRoles/roles`, { ...V1, body: { roleName, actions: [{ action: 'FIND', resources: [{ db: 'app', collection: 'c' }] }] } });
    expect((await create('reader')).status).toBe(202);
    expectError(await create('writer'), 403, 'CUSTOM_ROLES_LIMIT_EXCEEDED');
    expect((await atlas.call('GET', `/groups/${groupId}/limits/atlas.project.security.databaseAccess.customRoles`, V1)).json).toMatchObject({ value: 1, currentUsage: 1 });
  });

  it('refuses values out of range, unknown names and features Atlas for Government lacks, changing nothing', async () => {
    const groupId = seedProject(atlas, 'bad-limits');
    expectError(await atlas.call('PATCH', `/groups/${groupId}/limits/${USERS}`, { ...V1, body: { value: 901 } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await atlas.call('PATCH', `/groups/${groupId}/limits/${USERS}`, { ...V1, body: { value: 0 } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await atlas.call('PATCH', `/groups/${groupId}/limits/${USERS}`, { ...V1, body: { value: '5' } }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await atlas.call('GET', `/groups/${groupId}/limits/atlas.project.nothing`, V1), 400, 'INVALID_ENUM_VALUE');
    expectError(await atlas.call('GET', `/groups/${groupId}/limits/dataFederation.bytesProcessed.daily`, V1), 403, 'FEATURE_UNSUPPORTED');
    expect((await atlas.call('GET', `/groups/${groupId}/limits/${USERS}`, V1)).json.value).toBe(100);
  });
});

describe('read-only project views', () => {
  it('lists LTS versions per Government provider and tier, with filters', async () => {
    const groupId = seedProject(atlas, 'versions');
    const res = await atlas.call('GET', `/groups/${groupId}/mongoDBVersions?cloudProvider=GCP&instanceSize=M30`, V1);
    expect(res.json.results.map((v: { version: string; defaultStatus: string }) => [v.version, v.defaultStatus])).toEqual([['7.0', 'NOT_DEFAULT'], ['8.0', 'DEFAULT']]);
    expectConforms('GET', `/groups/${groupId}/mongoDBVersions?cloudProvider=GCP&instanceSize=M30`, res);
    expectError(await atlas.call('GET', `/groups/${groupId}/mongoDBVersions?cloudProvider=AZURE`, V1), 400, 'INVALID_PROVIDER');
    expect((await atlas.call('GET', `/groups/${groupId}/mongoDBVersions?cloudProvider=TENANT`, V1)).json.totalCount).toBe(0);
    expect((await atlas.call('GET', `/groups/${groupId}/mongoDBVersions?instanceSize=M10`, V1)).json.totalCount).toBe(0);
  });

  it('lists the event types, including every type the simulator has recorded', async () => {
    const res = await atlas.call('GET', '/eventTypes?itemsPerPage=500', V1);
    const listed = new Set(res.json.results.map((e: { eventType: string }) => e.eventType));
    expectConforms('GET', '/eventTypes?itemsPerPage=500', res);
    const recorded = atlas.sim.world.events.list(() => true).map((e) => e.eventTypeName);
    expect(recorded.length).toBeGreaterThan(5);
    expect(recorded.filter((t) => !listed.has(t))).toEqual([]);
  });
});
