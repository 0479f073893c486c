import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProcessArgs20240805, ProcessArgsV1 } from '../../../contracts/api/schemas/clusters.js';
import { startAtlas, type TestAtlas } from '../../support/harness.js';
import { body20240805, expectConforms, expectError, makeProject, setLifecycle } from '../../support/clusters.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());
beforeEach(() => setLifecycle(atlas, { clusterCreate: 60, clusterUpdate: 30, clusterDelete: 30 }));

async function idleCluster(name: string): Promise<string> {
  const g = makeProject(atlas);
  expect((await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805(name) })).status).toBe(201);
  atlas.advance(60);
  return g;
}

const state = async (g: string, name: string) => (await atlas.call('GET', `/groups/${g}/clusters/${name}`, { version: '2024-08-05' })).json.stateName;

describe('cluster process arguments', () => {
  it('reads a new cluster at 2023-01-01 as recorded (nulls, deprecated with its sunset) and at 2024-08-05 with effective defaults', async () => {
    const g = await idleCluster('pa-read');
    const path = `/groups/${g}/clusters/pa-read/processArgs`;
    const v1 = await atlas.call('GET', path, { version: '2023-01-01' });
    expect(v1.status).toBe(200);
    expect(v1.headers.deprecation).toBe('Mon, 5 Aug 2024 00:00:00 GMT');
    expect(v1.headers.sunset).toBe('Thu, 1 Jul 2027 00:00:00 GMT');
    ProcessArgsV1.parse(v1.json);
    // The recorded body of a new cluster, key for key and in order.
    expect(v1.text).toBe(
      '{"changeStreamOptionsPreAndPostImagesExpireAfterSeconds":null,"chunkMigrationConcurrency":null,"customOpensslCipherConfigTls12":[],"customOpensslCipherConfigTls13":[],"defaultMaxTimeMS":null,"defaultReadConcern":null,"defaultWriteConcern":"majority","failIndexKeyTooLong":null,"javascriptEnabled":true,"minimumEnabledTlsProtocol":"TLS1_2","noTableScan":false,"oplogMinRetentionHours":null,"oplogSizeMB":null,"queryStatsLogVerbosity":null,"sampleRefreshIntervalBIConnector":null,"sampleSizeBIConnector":null,"tlsCipherConfigMode":"DEFAULT","transactionLifetimeLimitSeconds":null}',
    );
    const cur = await atlas.call('GET', path, { version: '2024-08-05' });
    expect(cur.status).toBe(200);
    expect(cur.headers.deprecation).toBeUndefined();
    expect(ProcessArgs20240805.parse(cur.json)).toEqual({
      changeStreamOptionsPreAndPostImagesExpireAfterSeconds: -1,
      customOpensslCipherConfigTls12: [],
      defaultWriteConcern: 'majority',
      javascriptEnabled: true,
      minimumEnabledTlsProtocol: 'TLS1_2',
      noTableScan: false,
      oplogMinRetentionHours: null,
      oplogSizeMB: null,
      queryStatsLogVerbosity: 1,
      sampleRefreshIntervalBIConnector: 0,
      sampleSizeBIConnector: 1000,
      tlsCipherConfigMode: 'DEFAULT',
      transactionLifetimeLimitSeconds: 60,
    });
    expectConforms('GET', path, cur);
  });

  it('PATCH changes the settings, puts the cluster through UPDATING, and keeps TLS in step with the cluster view', async () => {
    const g = await idleCluster('pa-write');
    const path = `/groups/${g}/clusters/pa-write/processArgs`;
    const body = { javascriptEnabled: false, oplogSizeMB: 2000, tlsCipherConfigMode: 'CUSTOM', customOpensslCipherConfigTls12: ['TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'], minimumEnabledTlsProtocol: 'TLS1_1' };
    const res = await atlas.call('PATCH', path, { version: '2024-08-05', body });
    expect(res.status).toBe(200);
    expectConforms('PATCH', path, res);
    expect(res.json).toMatchObject(body);
    expect(await state(g, 'pa-write')).toBe('UPDATING');
    const cluster = (await atlas.call('GET', `/groups/${g}/clusters/pa-write`, { version: '2024-08-05' })).json;
    expect(cluster.advancedConfiguration).toEqual({ customOpensslCipherConfigTls12: ['TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'], customOpensslCipherConfigTls13: [], minimumEnabledTlsProtocol: 'TLS1_1', tlsCipherConfigMode: 'CUSTOM' });
    atlas.advance(30);
    expect(await state(g, 'pa-write')).toBe('IDLE');
    // Both versions read the change; 2023-01-01 writes too.
    expect((await atlas.call('GET', path, { version: '2023-01-01' })).json).toMatchObject({ javascriptEnabled: false, oplogSizeMB: 2000 });
    const v1 = await atlas.call('PATCH', path, { version: '2023-01-01', body: { defaultReadConcern: 'local', tlsCipherConfigMode: 'DEFAULT' } });
    expect(v1.status).toBe(200);
    expect(v1.json).toMatchObject({ defaultReadConcern: 'local', tlsCipherConfigMode: 'DEFAULT', customOpensslCipherConfigTls12: [] });
    // The cluster's own PATCH of advancedConfiguration shows in processArgs.
    atlas.advance(30);
    await atlas.call('PATCH', `/groups/${g}/clusters/pa-write`, { version: '2024-10-23', body: { advancedConfiguration: { minimumEnabledTlsProtocol: 'TLS1_2' } } });
    expect((await atlas.call('GET', path, { version: '2024-08-05' })).json.minimumEnabledTlsProtocol).toBe('TLS1_2');
  });

  it('a PATCH that changes nothing leaves the cluster IDLE', async () => {
    const g = await idleCluster('pa-same');
    const res = await atlas.call('PATCH', `/groups/${g}/clusters/pa-same/processArgs`, { version: '2024-08-05', body: { javascriptEnabled: true } });
    expect(res.status).toBe(200);
    expect(await state(g, 'pa-same')).toBe('IDLE');
  });

  it('refuses bad values with Atlas errors and changes nothing', async () => {
    const g = await idleCluster('pa-bad');
    const path = `/groups/${g}/clusters/pa-bad/processArgs`;
    const patch = (body: unknown, version = '2024-08-05') => atlas.call('PATCH', path, { version, body });
    expectError(await patch({ oplogSizeMB: 0 }), 400, 'OPLOG_SIZE_MB_LESS_THAN_EQUAL_ZERO');
    expectError(await patch({ oplogSizeMB: 500 }), 400, 'OPLOG_SIZE_MB_LESS_THAN_990');
    expectError(await patch({ oplogSizeMB: 10_000_000 }), 400, 'OPLOG_SIZE_MB_TOO_BIG');
    expectError(await patch({ sampleSizeBIConnector: -1 }), 400, 'INVALID_SAMPLE_SIZE_BI_CONNECTOR');
    expectError(await patch({ sampleRefreshIntervalBIConnector: -1 }), 400, 'INVALID_SAMPLE_REFRESH_INTERVAL_BI_CONNECTOR');
    expectError(await patch({ transactionLifetimeLimitSeconds: 0 }), 400, 'ATTRIBUTE_NEGATIVE_OR_ZERO', ['transactionLifetimeLimitSeconds']);
    expectError(await patch({ oplogMinRetentionHours: -2 }), 400, 'ATTRIBUTE_NEGATIVE', ['oplogMinRetentionHours']);
    expectError(await patch({ queryStatsLogVerbosity: 2 }), 400, 'INVALID_ATTRIBUTE', ['queryStatsLogVerbosity']);
    expectError(await patch({ defaultWriteConcern: 'most' }), 400, 'INVALID_ATTRIBUTE', ['defaultWriteConcern']);
    expectError(await patch({ customOpensslCipherConfigTls12: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'] }), 400, 'INVALID_ATTRIBUTE', ['customOpensslCipherConfigTls12']);
    expectError(await patch({ tlsCipherConfigMode: 'CUSTOM' }), 400, 'MISSING_ATTRIBUTE', ['customOpensslCipherConfigTls12']);
    expectError(await patch({ javascriptEnabled: 'no' }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await patch({ failIndexKeyTooLong: true }), 400, 'INVALID_ATTRIBUTE');
    expectError(await patch({ minimumEnabledTlsProtocol: 'TLS9' }), 400, 'INVALID_ENUM_VALUE');
    const malformed = await atlas.call('PATCH', path, { version: '2024-08-05', rawBody: '{"javascriptEnabled":', headers: { 'content-type': 'application/json' } });
    expectError(malformed, 400, 'MALFORMED_JSON');
    expect(await state(g, 'pa-bad')).toBe('IDLE');
    expect((await atlas.call('GET', path, { version: '2023-01-01' })).json.oplogSizeMB).toBeNull();
    expectError(await atlas.call('GET', `/groups/${g}/clusters/nope/processArgs`, { version: '2024-08-05' }), 404, 'CLUSTER_NOT_FOUND');
  });

  it('Project Read Only reads, Project Cluster Manager changes', async () => {
    const g = await idleCluster('pa-roles');
    const keyWith = (roles: Array<'GROUP_READ_ONLY' | 'GROUP_CLUSTER_MANAGER'>) => {
      const key = atlas.sim.world.apiKeys.mint(atlas.tenant.orgId, { desc: 'processArgs roles', orgRoles: ['ORG_MEMBER'], groupRoles: { [g]: roles } });
      return { ...atlas.tenant, apiKey: { id: key.id, publicKey: key.publicKey, privateKey: key.privateKey } };
    };
    const path = `/groups/${g}/clusters/pa-roles/processArgs`;
    const reader = keyWith(['GROUP_READ_ONLY']);
    expect((await atlas.call('GET', path, { version: '2024-08-05', auth: 'digest', tenant: reader })).status).toBe(200);
    expectError(await atlas.call('PATCH', path, { version: '2024-08-05', auth: 'digest', tenant: reader, body: { noTableScan: true } }), 401, 'USER_UNAUTHORIZED');
    const manager = keyWith(['GROUP_CLUSTER_MANAGER']);
    expect((await atlas.call('PATCH', path, { version: '2024-08-05', auth: 'digest', tenant: manager, body: { noTableScan: true } })).status).toBe(200);
  });

  it('refuses a paused or deleting cluster', async () => {
    const g = await idleCluster('pa-paused');
    atlas.advance(3600);
    expect((await atlas.call('PATCH', `/groups/${g}/clusters/pa-paused`, { version: '2024-10-23', body: { paused: true } })).status).toBe(200);
    expectError(await atlas.call('PATCH', `/groups/${g}/clusters/pa-paused/processArgs`, { version: '2024-08-05', body: { noTableScan: true } }), 409, 'CANNOT_UPDATE_PAUSED_CLUSTER');
    const g2 = await idleCluster('pa-gone');
    expect((await atlas.call('DELETE', `/groups/${g2}/clusters/pa-gone`, { version: '2023-02-01' })).status).toBe(202);
    expectError(await atlas.call('PATCH', `/groups/${g2}/clusters/pa-gone/processArgs`, { version: '2024-08-05', body: { noTableScan: true } }), 400, 'CLUSTER_ALREADY_REQUESTED_DELETION');
  });
});
