import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, makeProject } from '../../support/clusters.js';
import { startAtlas, type TestAtlas } from '../../support/harness.js';
import { backedUpCluster, keyWith, settleClusters } from './support.js';

/** Export buckets and jobs, and the Backup Compliance Policy. */
let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

const V1 = { version: '2023-01-01' };
const B = { version: '2024-05-30' };
const P = { version: '2023-10-01' };
const ROLE = '5f00000000000000000000aa';

describe('export buckets', () => {
  it('follow the project designation: AWS or GCP for Gov projects, AWS only for standard ones, never Azure', async () => {
    const gov = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const standard = makeProject(atlas, 'COMMERCIAL_FEDRAMP_REGIONS_ONLY');
    const create = (g: string, body: unknown) => atlas.call('POST', `/groups/${g}/backup/exportBuckets`, { ...B, body });
    const aws = await create(gov, { cloudProvider: 'AWS', bucketName: 'gov-exports', iamRoleId: ROLE });
    expect(aws.status).toBe(200);
    expect(aws.json).toEqual({ _id: expect.stringMatching(/^[a-f0-9]{24}$/), bucketName: 'gov-exports', cloudProvider: 'AWS', iamRoleId: ROLE, links: [expect.objectContaining({ rel: 'self' })] });
    expect((await create(gov, { cloudProvider: 'GCP', bucketName: 'gov-gcs', roleId: ROLE })).json).toMatchObject({ cloudProvider: 'GCP', roleId: ROLE });
    const gcpStandard = await create(standard, { cloudProvider: 'GCP', bucketName: 'std-gcs', roleId: ROLE });
    expectError(gcpStandard, 400, 'INVALID_PROVIDER', ['GCP']);
    expect(gcpStandard.json.detail).toContain('standard (FedRAMP Moderate) project');
    expectError(await create(gov, { cloudProvider: 'AZURE', bucketName: 'az', roleId: ROLE, serviceUrl: 'https://x.blob.core.windows.net', tenantId: 't' }), 400, 'INVALID_PROVIDER', ['AZURE']);
    expectError(await create(gov, { cloudProvider: 'AWS', bucketName: 'no-role' }), 400, 'MISSING_ATTRIBUTE', ['iamRoleId']);
    expectError(await create(gov, { cloudProvider: 'AWS', bucketName: 'Bad_Name', iamRoleId: ROLE }), 400, 'EXPORT_BUCKET_NAME_INVALID');
    expectError(await create(gov, { cloudProvider: 'AWS', iamRoleId: ROLE }), 400, 'MISSING_ATTRIBUTE', ['bucketName']);
    expectError(await create(gov, { bucketName: 'x' }), 400, 'MISSING_ATTRIBUTE', ['cloudProvider']);
    expectError(await create(gov, { cloudProvider: 'AWS', bucketName: 'x', iamRoleId: 'nope' }), 400, 'INVALID_ATTRIBUTE');
    const list = (await atlas.call('GET', `/groups/${gov}/backup/exportBuckets`, B)).json;
    expect(list.results.map((b: any) => b.bucketName)).toEqual(['gov-exports', 'gov-gcs']);
    expect((await atlas.call('GET', `/groups/${standard}/backup/exportBuckets`, B)).json.totalCount).toBe(0);
    expect((await atlas.call('GET', `/groups/${gov}/backup/exportBuckets/${aws.json._id}`, B)).json).toEqual(aws.json);
    expectError(await atlas.call('GET', `/groups/${standard}/backup/exportBuckets/${aws.json._id}`, B), 404, 'EXPORT_BUCKET_NOT_FOUND', [aws.json._id]);
    const reader = keyWith(atlas, { [gov]: ['GROUP_READ_ONLY'] });
    expectError(await atlas.call('POST', `/groups/${gov}/backup/exportBuckets`, { ...B, body: { cloudProvider: 'AWS', bucketName: 'r', iamRoleId: ROLE }, ...reader }), 401, 'USER_UNAUTHORIZED');
    expect((await atlas.call('DELETE', `/groups/${gov}/backup/exportBuckets/${aws.json._id}`, V1)).status).toBe(204);
    expectError(await atlas.call('GET', `/groups/${gov}/backup/exportBuckets/${aws.json._id}`, B), 404, 'EXPORT_BUCKET_NOT_FOUND');
  });

  it('turn private networking on and off for an AWS bucket (PATCH, 2026-08 document), shown on reads; not for GCP', async () => {
    const gov = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const aws = (await atlas.call('POST', `/groups/${gov}/backup/exportBuckets`, { ...B, body: { cloudProvider: 'AWS', bucketName: 'private-exports', iamRoleId: ROLE } })).json;
    const gcp = (await atlas.call('POST', `/groups/${gov}/backup/exportBuckets`, { ...B, body: { cloudProvider: 'GCP', bucketName: 'gcs-exports', roleId: ROLE } })).json;
    const path = (id: string) => `/groups/${gov}/backup/exportBuckets/${id}`;
    const patch = (id: string, body: unknown, extra: object = {}) => atlas.call('PATCH', path(id), { ...B, body, ...extra });
    const on = await patch(aws._id, { requirePrivateNetworking: true });
    expect(on.status).toBe(200);
    expect(on.json).toEqual({ ...aws, requirePrivateNetworking: true });
    expect((await atlas.call('GET', path(aws._id), B)).json.requirePrivateNetworking).toBe(true);
    expect((await patch(aws._id, { requirePrivateNetworking: false })).json.requirePrivateNetworking).toBe(false);

    const backupManager = keyWith(atlas, { [gov]: ['GROUP_BACKUP_MANAGER'] });
    const reader = keyWith(atlas, { [gov]: ['GROUP_READ_ONLY'] });
    await atlas.token(); // issuing the caller's token is a change of its own
    const records = () => JSON.stringify(atlas.sim.exportState().slices);
    const before = records();
    expectError(await patch(gcp._id, { requirePrivateNetworking: true }), 400, 'INVALID_ATTRIBUTE', ['requirePrivateNetworking']);
    expectError(await patch(aws._id, {}), 400, 'MISSING_ATTRIBUTE', ['requirePrivateNetworking']);
    expectError(await patch(aws._id, { requirePrivateNetworking: 'yes' }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await patch(aws._id, { requirePrivateNetworking: true, bucketName: 'x' }), 400, 'INVALID_ATTRIBUTE');
    expectError(await atlas.call('PATCH', path(aws._id), { ...B, rawBody: '{"requirePrivateNetworking":' }), 400, 'MALFORMED_JSON');
    expectError(await patch('0123456789abcdef01234567', { requirePrivateNetworking: true }), 404, 'EXPORT_BUCKET_NOT_FOUND');
    expectError(await patch(aws._id, { requirePrivateNetworking: true }, reader), 401, 'USER_UNAUTHORIZED');
    expect(records()).toBe(before);
    expect((await patch(aws._id, { requirePrivateNetworking: true }, backupManager)).status).toBe(200);
  });

  it('export a completed snapshot (Queued, InProgress, Successful) and cannot go while auto-export uses them', async () => {
    const c = await backedUpCluster(atlas);
    settleClusters(atlas);
    const bucket = (await atlas.call('POST', `/groups/${c.groupId}/backup/exportBuckets`, { ...B, body: { cloudProvider: 'AWS', bucketName: 'exports', iamRoleId: ROLE } })).json;
    const snapshot = (await atlas.call('GET', `${c.path}/backup/snapshots`, V1)).json.results[0];
    const job = await atlas.call('POST', `${c.path}/backup/exports`, { ...V1, body: { snapshotId: snapshot.id, exportBucketId: bucket._id, customData: [{ key: 'team', value: 'ops' }] } });
    expect(job.status).toBe(200);
    expect(job.json).toMatchObject({ state: 'Queued', snapshotId: snapshot.id, exportBucketId: bucket._id, customData: [{ key: 'team', value: 'ops' }], exportStatus: { exportedCollections: 0 } });
    expect(job.json.prefix).toMatch(new RegExp(`^/exported_snapshots/[a-f0-9]{24}/${c.groupId}/${c.name}/\\d{4}-\\d{2}-\\d{2}/\\d+$`));
    const path = `${c.path}/backup/exports/${job.json.id}`;
    atlas.advance(60);
    expect((await atlas.call('GET', path, V1)).json.state).toBe('InProgress');
    atlas.advance(600);
    const done = (await atlas.call('GET', path, V1)).json;
    expect(done).toMatchObject({ state: 'Successful', finishedAt: expect.any(String) });
    expect(done.exportStatus.exportedCollections).toBe(done.exportStatus.totalCollections);
    expect((await atlas.call('GET', `${c.path}/backup/exports`, V1)).json.results).toEqual([done]);
    expectError(await atlas.call('GET', `${c.path}/backup/exports/5f0000000000000000000001`, V1), 404, 'RESOURCE_NOT_FOUND');
    expectError(await atlas.call('POST', `${c.path}/backup/exports`, { ...V1, body: { snapshotId: snapshot.id, exportBucketId: '5f0000000000000000000001' } }), 404, 'EXPORT_BUCKET_NOT_FOUND');
    expectError(await atlas.call('POST', `${c.path}/backup/exports`, { ...V1, body: { exportBucketId: bucket._id } }), 400, 'MISSING_ATTRIBUTE', ['snapshotId']);
    const taken = (await atlas.call('POST', `${c.path}/backup/snapshots`, { ...V1, body: {} })).json;
    expectError(await atlas.call('POST', `${c.path}/backup/exports`, { ...V1, body: { snapshotId: taken.id, exportBucketId: bucket._id } }), 409, 'CANNOT_DOWNLOAD_INCOMPLETE_SNAPSHOT');
    const manager = keyWith(atlas, { [c.groupId]: ['GROUP_BACKUP_MANAGER'] });
    expectError(await atlas.call('GET', `${c.path}/backup/exports`, { ...V1, ...manager }), 401, 'USER_UNAUTHORIZED');

    const auto = await atlas.call('PATCH', `${c.path}/backup/schedule`, { version: '2024-08-05', body: { autoExportEnabled: true, export: { exportBucketId: bucket._id, frequencyType: 'monthly' } } });
    expect(auto.json).toMatchObject({ autoExportEnabled: true, export: { exportBucketId: bucket._id, frequencyType: 'monthly' } });
    expectError(await atlas.call('PATCH', `${c.path}/backup/schedule`, { version: '2024-08-05', body: { export: { exportBucketId: '5f0000000000000000000001' } } }), 404, 'EXPORT_BUCKET_NOT_FOUND');
    expectError(await atlas.call('DELETE', `/groups/${c.groupId}/backup/exportBuckets/${bucket._id}`, V1), 400, 'EXPORT_BUCKET_DELETE_FAILED', [bucket._id]);
  });
});

describe('the Backup Compliance Policy', () => {
  const policy = {
    authorizedEmail: 'security@agency.gov',
    authorizedUserFirstName: 'Grace',
    authorizedUserLastName: 'Hopper',
    scheduledPolicyItems: [{ frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 14 }],
    onDemandPolicyItem: { frequencyType: 'ondemand', frequencyInterval: 0, retentionUnit: 'days', retentionValue: 3 },
  };

  it('answers {} while off; once on it raises schedules to it and blocks what Atlas blocks', async () => {
    const c = await backedUpCluster(atlas);
    settleClusters(atlas);
    const url = `/groups/${c.groupId}/backupCompliancePolicy`;
    expect((await atlas.call('GET', url, P)).json).toEqual({});
    expectError(await atlas.call('PUT', url, { ...P, body: { authorizedEmail: 'not an email', authorizedUserFirstName: 'a', authorizedUserLastName: 'b' } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await atlas.call('PUT', url, { ...P, body: { authorizedEmail: 'a@b.gov', authorizedUserFirstName: 'a' } }), 400, 'MISSING_ATTRIBUTE', ['authorizedUserLastName']);
    expectError(await atlas.call('PUT', `${url}?overwriteBackupPolicies=false`, { ...P, body: policy }), 400, 'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS', [c.name]);
    expect((await atlas.call('GET', url, P)).json).toEqual({});

    const on = await atlas.call('PUT', url, { ...P, body: policy });
    expect(on.status).toBe(200);
    expect(on.json).toMatchObject({ projectId: c.groupId, state: 'ENABLING', deletable: false, pitEnabled: false, copyProtectionEnabled: false, encryptionAtRestEnabled: false, scheduledPolicyItems: [{ frequencyType: 'daily', retentionValue: 14 }] });
    atlas.advance(120);
    expect((await atlas.call('GET', url, P)).json.state).toBe('ACTIVE');
    const schedule = (await atlas.call('GET', `${c.path}/backup/schedule`, { version: '2024-08-05' })).json;
    expect(schedule.policies[0].policyItems.find((i: any) => i.frequencyType === 'daily')).toMatchObject({ retentionUnit: 'days', retentionValue: 14 });

    const snapshotId = (await atlas.call('GET', `${c.path}/backup/snapshots`, V1)).json.results[0].id;
    expectError(await atlas.call('DELETE', `${c.path}/backup/snapshots/${snapshotId}`, V1), 400, 'CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY');
    expectError(await atlas.call('PATCH', `${c.path}/backup/snapshots/${snapshotId}`, { ...V1, body: { retentionUnit: 'DAYS', retentionValue: 1 } }), 400, 'CANNOT_DECREASE_SNAPSHOT_RETENTION_WITH_BACKUP_COMPLIANCE_POLICY');
    expectError(await atlas.call('DELETE', `${c.path}/backup/schedule`, { version: '2024-08-05' }), 400, 'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS', ['daily']);
    const shorter = [{ frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 }];
    expectError(await atlas.call('PATCH', `${c.path}/backup/schedule`, { version: '2024-08-05', body: { policies: [{ policyItems: shorter }] } }), 400, 'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS');
    expectError(await atlas.call('POST', `${c.path}/backup/snapshots`, { ...V1, body: { retentionInDays: 1 } }), 400, 'SNAPSHOT_RETENTION_LESS_THAN_BACKUP_COMPLIANCE_POLICY');
    expectError(await atlas.call('PATCH', c.path, { version: '2024-10-23', body: { backupEnabled: false } }), 400, 'CANNOT_DISABLE_CLOUD_BACKUP_WITH_BACKUP_COMPLIANCE_POLICY');
    expect((await atlas.call('GET', c.path, { version: '2024-08-05' })).json.backupEnabled).toBe(true);
    expectError(await atlas.call('PUT', url, { ...P, body: { ...policy, scheduledPolicyItems: shorter } }), 400, 'BACKUP_POLICY_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS');
    const off = await atlas.call('DELETE', url, { version: '2024-11-13' });
    expectError(off, 400, 'BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID');
    expect(off.json.detail).toContain('MongoDB Support');
    expect((await atlas.call('GET', url, P)).json.state).toBe('ACTIVE');
    // Stricter is fine.
    const stricter = await atlas.call('PUT', url, { ...P, body: { ...policy, pitEnabled: true, restoreWindowDays: 3 } });
    expect(stricter.json).toMatchObject({ state: 'UPDATING', pitEnabled: true, restoreWindowDays: 3 });
    expectError(await atlas.call('PUT', url, { ...P, body: { ...policy, restoreWindowDays: 2, pitEnabled: true } }), 400, 'CANNOT_DECREASE_PIT_WINDOW_WITH_BACKUP_COMPLIANCE_POLICY');
    expectError(await atlas.call('PUT', url, { ...P, body: { ...policy, restoreWindowDays: 3 } }), 400, 'CANNOT_DISABLE_PIT_WITH_BACKUUP_COMPLIANCE_POLICY');
  });

  it('is for Project Owners only, and DELETE without a policy changes nothing', async () => {
    const g = makeProject(atlas, 'GOV_REGIONS_ONLY');
    const manager = keyWith(atlas, { [g]: ['GROUP_BACKUP_MANAGER'] });
    expectError(await atlas.call('GET', `/groups/${g}/backupCompliancePolicy`, { ...P, ...manager }), 401, 'USER_UNAUTHORIZED');
    expectError(await atlas.call('PUT', `/groups/${g}/backupCompliancePolicy`, { ...P, body: policy, ...manager }), 401, 'USER_UNAUTHORIZED');
    expect((await atlas.call('DELETE', `/groups/${g}/backupCompliancePolicy`, { version: '2024-11-13' })).status).toBe(204);
    expect((await atlas.call('GET', `/groups/${g}/backupCompliancePolicy`, P)).json).toEqual({});
  });
});
