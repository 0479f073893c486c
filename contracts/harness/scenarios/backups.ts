/**
 * Cloud Backups in Atlas for Government. The life of a Gov backup: a cluster with cloud
 * backup in a GOV_REGIONS_ONLY project takes its snapshots on its own; a snapshot restores
 * into another Gov project's cluster (accepted), not into a standard project's (refused),
 * and into a GCP Assured Workloads cluster (accepted: cross-cloud within the Government
 * regions). Then the schedule, on-demand snapshots, download restores, export buckets and
 * the Backup Compliance Policy.
 *
 * Real hosts take minutes to provision clusters and take snapshots; waits are long. The
 * export-bucket success path needs a Cloud Provider Access role and the compliance policy
 * cannot be turned off once on (only MongoDB Support can), so those run on a simulator only.
 */
import { m } from './match.js';
import { createProject } from './projects.js';
import type { Scenario, ScenarioContext } from './types.js';

const CREATE = '2024-10-23';
const SCHEDULE = '2024-08-05';
const V1 = '2023-01-01';

interface ClusterRef {
  groupId: string;
  name: string;
  path: string;
}

/** A Gov-valid M30 replica set with cloud backup, waited for until IDLE and deleted afterwards. */
async function backedUpCluster(t: ScenarioContext, groupId: string, suffix: string, provider: 'AWS' | 'GCP', regionName: string): Promise<ClusterRef> {
  const name = t.name(suffix).slice(-23).replace(/^-+/, '');
  const body = {
    name,
    clusterType: 'REPLICASET',
    backupEnabled: true,
    replicationSpecs: [{ regionConfigs: [{ providerName: provider, regionName, priority: 7, electableSpecs: { instanceSize: 'M30', nodeCount: 3 } }] }],
  };
  const res = await t.api.call('POST', `/groups/${groupId}/clusters`, { version: CREATE, body });
  t.expectResponse(res, { status: 201, body: m.partial({ name, backupEnabled: true }) }, `creating cluster ${name}`);
  const path = `/groups/${groupId}/clusters/${name}`;
  t.cleanup(`cluster ${name}`, async () => {
    const del = await t.api.call('DELETE', path, { version: '2023-02-01' });
    if (del.status >= 300 && del.status !== 404 && !/CLUSTER_ALREADY_REQUESTED_DELETION/.test(del.text)) throw new Error(`deleting cluster ${name}: ${del.status} ${del.text}`);
    await t.waitFor(`cluster ${name} to be gone`, async () => (await t.api.call('GET', path, { version: '2024-08-05' })).status === 404, { timeoutSeconds: 3600, intervalSeconds: 30 });
  });
  return { groupId, name, path };
}

/** A Gov-valid two-shard M30 cluster with cloud backup. */
async function shardedCluster(t: ScenarioContext, groupId: string): Promise<ClusterRef> {
  const name = t.name('shd').slice(-23).replace(/^-+/, '');
  const spec = { regionConfigs: [{ providerName: 'AWS', regionName: 'US_GOV_WEST_1', priority: 7, electableSpecs: { instanceSize: 'M30', nodeCount: 3 } }] };
  const res = await t.api.call('POST', `/groups/${groupId}/clusters`, { version: CREATE, body: { name, clusterType: 'SHARDED', backupEnabled: true, replicationSpecs: [spec, spec] } });
  t.expectResponse(res, { status: 201, body: m.partial({ name, clusterType: 'SHARDED' }) }, `creating sharded cluster ${name}`);
  const path = `/groups/${groupId}/clusters/${name}`;
  t.cleanup(`cluster ${name}`, async () => {
    const del = await t.api.call('DELETE', path, { version: '2023-02-01' });
    if (del.status >= 300 && del.status !== 404 && !/CLUSTER_ALREADY_REQUESTED_DELETION/.test(del.text)) throw new Error(`deleting cluster ${name}: ${del.status} ${del.text}`);
    await t.waitFor(`cluster ${name} to be gone`, async () => (await t.api.call('GET', path, { version: '2024-08-05' })).status === 404, { timeoutSeconds: 3600, intervalSeconds: 30 });
  });
  return { groupId, name, path };
}

async function waitIdle(t: ScenarioContext, c: ClusterRef): Promise<void> {
  await t.waitFor(`cluster ${c.name} to be IDLE`, async () => {
    const res = await t.api.call('GET', c.path, { version: '2024-08-05' });
    return res.status === 200 && (res.json as { stateName: string }).stateName === 'IDLE';
  }, { timeoutSeconds: 3600, intervalSeconds: 30 });
}

/** Waits for a completed snapshot of the cluster and returns its id. */
async function completedSnapshot(t: ScenarioContext, c: ClusterRef): Promise<string> {
  return t.waitFor(`a completed snapshot of ${c.name}`, async () => {
    const res = await t.api.call('GET', `${c.path}/backup/snapshots`, { version: V1 });
    t.expectResponse(res, { status: 200, contract: 'listReplicaSetBackups' }, `listing the snapshots of ${c.name}`);
    const done = (res.json as { results: Array<{ id: string; status: string }> }).results.find((s) => s.status === 'completed');
    return done?.id;
  }, { timeoutSeconds: 7200, intervalSeconds: 60 });
}

export const backupScenarios: readonly Scenario[] = [
  {
    id: 'backups/gov-restore',
    title: 'a Gov cluster with cloud backup takes snapshots by itself; one restores to another Gov project (200), not to a standard project (403 CANNOT_RESTORE_TO_TARGET), and to a GCP Assured Workloads cluster (200)',
    operations: ['getBackupSchedule', 'listReplicaSetBackups', 'getReplicaSetBackup', 'createBackupRestoreJob', 'getBackupRestoreJob', 'listBackupRestoreJobs'],
    writes: true,
    async run(t) {
      const gov = { regionUsageRestrictions: 'GOV_REGIONS_ONLY' };
      const source = await backedUpCluster(t, (await createProject(t, 'bk-src', gov)).id, 'src', 'AWS', 'US_GOV_WEST_1');
      const otherGov = await backedUpCluster(t, (await createProject(t, 'bk-gov', gov)).id, 'gov', 'AWS', 'US_GOV_EAST_1');
      const assured = await backedUpCluster(t, (await createProject(t, 'bk-aw', gov)).id, 'aw', 'GCP', 'EASTERN_US_AW');
      const standard = await backedUpCluster(t, (await createProject(t, 'bk-std')).id, 'std', 'AWS', 'US_EAST_1');
      for (const c of [source, otherGov, assured, standard]) await waitIdle(t, c);

      const schedule = await t.api.call('GET', `${source.path}/backup/schedule`, { version: SCHEDULE });
      t.expectResponse(schedule, {
        status: 200,
        contentType: { version: SCHEDULE },
        body: m.partial({ clusterName: source.name, policies: [m.partial({ policyItems: m.arrayOf(m.partial({ frequencyType: m.oneOf('hourly', 'daily', 'weekly', 'monthly', 'yearly') }), { min: 1 }) })] }),
        contract: 'getBackupSchedule',
      });
      const snapshotId = await completedSnapshot(t, source);
      const snapshot = await t.api.call('GET', `${source.path}/backup/snapshots/${snapshotId}`, { version: V1 });
      t.expectResponse(snapshot, { status: 200, body: m.partial({ id: snapshotId, status: 'completed', type: 'replicaSet', snapshotType: m.oneOf('scheduled', 'onDemand') }), contract: 'getReplicaSetBackup' });

      const restore = (target: ClusterRef) =>
        t.api.call('POST', `${source.path}/backup/restoreJobs`, { version: V1, body: { deliveryType: 'automated', snapshotId, targetClusterName: target.name, targetGroupId: target.groupId } });
      const toGov = await restore(otherGov);
      t.expectResponse(toGov, {
        status: 200,
        contentType: { version: V1 },
        body: m.partial({ deliveryType: 'automated', snapshotId, targetClusterName: otherGov.name, targetGroupId: otherGov.groupId, cancelled: false, failed: false, id: m.objectId() }),
        contract: 'createBackupRestoreJob',
      }, 'a restore to another Gov project');
      const refused = await restore(standard);
      t.expectResponse(refused, { status: 403, errorCode: 'CANNOT_RESTORE_TO_TARGET' }, 'a restore to a standard project');
      const toAssured = await restore(assured);
      t.expectResponse(toAssured, { status: 200, body: m.partial({ deliveryType: 'automated', targetClusterName: assured.name }), contract: 'createBackupRestoreJob' }, 'a restore to an Assured Workloads cluster');

      const jobId = (toGov.json as { id: string }).id;
      await t.waitFor(`restore ${jobId} to finish`, async () => {
        const res = await t.api.call('GET', `${source.path}/backup/restoreJobs/${jobId}`, { version: V1 });
        t.expectResponse(res, { status: 200, contract: 'getBackupRestoreJob' });
        return (res.json as { finishedAt?: string }).finishedAt;
      }, { timeoutSeconds: 7200, intervalSeconds: 60 });
      const jobs = await t.api.call('GET', `${source.path}/backup/restoreJobs`, { version: V1 });
      t.expectResponse(jobs, { status: 200, body: m.partial({ results: m.some(m.partial({ id: jobId, finishedAt: m.date() })) }), contract: 'listBackupRestoreJobs' });
      // Nothing was restored to the standard project.
      t.expectMatch((jobs.json as { results: Array<{ targetGroupId?: string }> }).results.some((j) => j.targetGroupId === standard.groupId), false, 'restore jobs into the standard project');
    },
  },
  {
    id: 'backups/schedule-and-snapshots',
    title: 'changes a schedule and empties it (200 with the emptied schedule), takes an on-demand snapshot (200 queued), changes its retention and deletes it (204); refuses a bad policy, unknown snapshots and a download restore of a missing snapshot',
    operations: [
      'getBackupSchedule', 'updateBackupSchedule', 'deleteAllBackupSchedules', 'takeSnapshot', 'getReplicaSetBackup', 'updateSnapshotRetention', 'deleteReplicaSetBackup',
      'listReplicaSetBackups', 'listShardedClusterBackups', 'getShardedClusterBackup', 'deleteShardedClusterBackup', 'createBackupRestoreJob', 'cancelBackupRestoreJob',
      'getBackupRestoreJob', 'listBackupRestoreJobs',
    ],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'bk-sched', { regionUsageRestrictions: 'GOV_REGIONS_ONLY' });
      const c = await backedUpCluster(t, groupId, 'sched', 'AWS', 'US_GOV_WEST_1');
      const sc = await shardedCluster(t, groupId);
      await waitIdle(t, c);
      await waitIdle(t, sc);
      const policy = [
        { frequencyType: 'hourly', frequencyInterval: 12, retentionUnit: 'days', retentionValue: 3 },
        { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 },
      ];
      const patched = await t.api.call('PATCH', `${c.path}/backup/schedule`, { version: SCHEDULE, body: { referenceHourOfDay: 4, referenceMinuteOfHour: 30, policies: [{ policyItems: policy }] } });
      t.expectResponse(patched, {
        status: 200,
        body: m.partial({ referenceHourOfDay: 4, referenceMinuteOfHour: 30, policies: [m.partial({ policyItems: [m.partial(policy[0]!), m.partial(policy[1]!)] })] }),
        contract: 'updateBackupSchedule',
      });
      const badInterval = await t.api.call('PATCH', `${c.path}/backup/schedule`, { version: SCHEDULE, body: { policies: [{ policyItems: [{ ...policy[0], frequencyInterval: 5 }] }] } });
      t.expectResponse(badInterval, { status: 400, contentType: 'json', body: m.partial({ errorCode: m.string() }) }, 'an hourly interval of 5');

      const taken = await t.api.call('POST', `${c.path}/backup/snapshots`, { version: V1, body: { description: 'contract', retentionInDays: 2 } });
      t.expectResponse(taken, {
        status: 200,
        contentType: { version: V1 },
        body: m.partial({ description: 'contract', snapshotType: 'onDemand', frequencyType: 'ondemand', status: m.oneOf('queued', 'inProgress'), id: m.objectId(), type: 'replicaSet' }),
        contract: 'takeSnapshot',
      });
      const id = (taken.json as { id: string }).id;
      await t.waitFor(`snapshot ${id} to complete`, async () => {
        const res = await t.api.call('GET', `${c.path}/backup/snapshots/${id}`, { version: V1 });
        t.expectResponse(res, { status: 200, contract: 'getReplicaSetBackup' });
        return (res.json as { status: string }).status === 'completed';
      }, { timeoutSeconds: 3600, intervalSeconds: 30 });
      const kept = await t.api.call('PATCH', `${c.path}/backup/snapshots/${id}`, { version: V1, body: { retentionUnit: 'DAYS', retentionValue: 5 } });
      t.expectResponse(kept, { status: 200, body: m.partial({ id, status: 'completed', expiresAt: m.date() }), contract: 'updateSnapshotRetention' });

      // A download restore of it, cancelled; unknown jobs and snapshots are 404.
      const download = await t.api.call('POST', `${c.path}/backup/restoreJobs`, { version: V1, body: { deliveryType: 'download', snapshotId: id } });
      t.expectResponse(download, { status: 200, body: m.partial({ deliveryType: 'download', snapshotId: id, deliveryUrl: m.arrayOf(m.string()) }), contract: 'createBackupRestoreJob' });
      const jobId = (download.json as { id: string }).id;
      const cancel = await t.api.call('DELETE', `${c.path}/backup/restoreJobs/${jobId}`, { version: V1 });
      t.expectResponse(cancel, { status: 204, body: undefined }, 'cancelling the download restore');
      const cancelled = await t.api.call('GET', `${c.path}/backup/restoreJobs/${jobId}`, { version: V1 });
      t.expectResponse(cancelled, { status: 200, body: m.partial({ id: jobId, cancelled: true }), contract: 'getBackupRestoreJob' });
      const none = '5f0000000000000000000001';
      t.expectResponse(await t.api.call('GET', `${c.path}/backup/restoreJobs/${none}`, { version: V1 }), { status: 404, contentType: 'json', body: m.partial({ errorCode: m.string() }) }, 'an unknown restore job');
      t.expectResponse(await t.api.call('DELETE', `${c.path}/backup/restoreJobs/${none}`, { version: V1 }), { status: 404, contentType: 'json', body: m.partial({ errorCode: m.string() }) }, 'cancelling an unknown restore job');
      t.expectResponse(await t.api.call('GET', `${c.path}/backup/restoreJobs`, { version: V1 }), { status: 200, body: m.partial({ results: m.some(m.partial({ id: jobId })) }), contract: 'listBackupRestoreJobs' });
      const missing = await t.api.call('POST', `${c.path}/backup/restoreJobs`, { version: V1, body: { deliveryType: 'download', snapshotId: none } });
      t.expectResponse(missing, { status: 404, contentType: 'json', body: m.partial({ errorCode: m.string() }) }, 'a restore of an unknown snapshot');

      const deleted = await t.api.call('DELETE', `${c.path}/backup/snapshots/${id}`, { version: V1 });
      t.expectResponse(deleted, { status: 204, body: undefined }, 'deleting the snapshot');
      t.expectResponse(await t.api.call('GET', `${c.path}/backup/snapshots/${id}`, { version: V1 }), { status: 404, errorCode: 'SNAPSHOT_NOT_FOUND' }, 'the deleted snapshot');
      t.expectResponse(await t.api.call('PATCH', `${c.path}/backup/snapshots/${none}`, { version: V1, body: { retentionUnit: 'DAYS', retentionValue: 5 } }), { status: 404, errorCode: 'SNAPSHOT_NOT_FOUND' });
      t.expectResponse(await t.api.call('DELETE', `${c.path}/backup/snapshots/${none}`, { version: V1 }), { status: 404, errorCode: 'SNAPSHOT_NOT_FOUND' });
      t.expectResponse(await t.api.call('POST', `${c.path}/backup/snapshots`, { version: V1, body: { retentionInDays: 'two' } }), { status: 400, contentType: 'json', body: m.partial({ errorCode: m.string() }) }, 'a retention that is no number');
      const unknown = `/groups/${groupId}/clusters/${t.name('none').slice(-23).replace(/^-+/, '')}`;
      for (const list of ['snapshots', 'snapshots/shardedClusters', 'restoreJobs']) {
        t.expectResponse(await t.api.call('GET', `${unknown}/backup/${list}`, { version: V1 }), { status: 404, errorCode: 'CLUSTER_NOT_FOUND' }, `${list} of an unknown cluster`);
      }

      // The sharded endpoints on a replica set: an empty list and no such snapshot.
      const sharded = await t.api.call('GET', `${c.path}/backup/snapshots/shardedClusters`, { version: V1 });
      t.expectResponse(sharded, { status: 200, body: m.partial({ results: [] }), contract: 'listShardedClusterBackups' });
      t.expectResponse(await t.api.call('GET', `${c.path}/backup/snapshots/shardedCluster/${none}`, { version: V1 }), { status: 404, contentType: 'json', body: m.partial({ errorCode: m.string() }) });
      t.expectResponse(await t.api.call('DELETE', `${c.path}/backup/snapshots/shardedCluster/${none}`, { version: V1 }), { status: 404, contentType: 'json', body: m.partial({ errorCode: m.string() }) });

      // A sharded cluster's snapshots: listed, read and deleted through the sharded endpoints.
      const shardedId = await t.waitFor(`a completed snapshot of ${sc.name}`, async () => {
        const res = await t.api.call('GET', `${sc.path}/backup/snapshots/shardedClusters`, { version: V1 });
        t.expectResponse(res, { status: 200, contract: 'listShardedClusterBackups' });
        return (res.json as { results: Array<{ id: string; status: string }> }).results.find((s) => s.status === 'completed')?.id;
      }, { timeoutSeconds: 7200, intervalSeconds: 60 });
      const one = await t.api.call('GET', `${sc.path}/backup/snapshots/shardedCluster/${shardedId}`, { version: V1 });
      t.expectResponse(one, { status: 200, body: m.partial({ id: shardedId, type: 'shardedCluster', members: m.arrayOf(m.partial({ replicaSetName: m.string() }), { min: 2 }) }), contract: 'getShardedClusterBackup' });
      t.expectResponse(await t.api.call('DELETE', `${sc.path}/backup/snapshots/shardedCluster/${shardedId}`, { version: V1 }), { status: 204, body: undefined }, 'deleting the sharded snapshot');

      const emptied = await t.api.call('DELETE', `${c.path}/backup/schedule`, { version: SCHEDULE });
      t.expectResponse(emptied, { status: 200, body: m.partial({ clusterName: c.name, policies: [m.partial({ policyItems: [] })], nextSnapshot: m.absent() }), contract: 'deleteAllBackupSchedules' });
      t.expectResponse(await t.api.call('DELETE', `/groups/${groupId}/clusters/${t.name('nope').slice(-23).replace(/^-+/, '')}/backup/schedule`, { version: SCHEDULE }), { status: 404, errorCode: 'CLUSTER_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/clusters/${t.name('nope').slice(-23).replace(/^-+/, '')}/backup/schedule`, { version: SCHEDULE }), { status: 404, errorCode: 'CLUSTER_NOT_FOUND' });
      t.expectResponse(await t.api.call('PATCH', `${c.path}/backup/schedule`, { version: SCHEDULE, body: { referenceHourOfDay: 24 } }), { status: 400, contentType: 'json', body: m.partial({ errorCode: m.string() }) }, 'reference hour 24');
    },
  },
  {
    id: 'backups/export-buckets',
    title: 'lists export buckets and export jobs; refuses Azure buckets (Atlas for Government), unknown buckets and unknown export jobs',
    operations: ['listExportBuckets', 'createExportBucket', 'getExportBucket', 'deleteExportBucket'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'bk-export', { regionUsageRestrictions: 'GOV_REGIONS_ONLY' });
      const list = await t.api.call('GET', `/groups/${groupId}/backup/exportBuckets`, { version: '2024-05-30' });
      t.expectResponse(list, { status: 200, body: m.partial({ results: [], totalCount: 0 }), contract: 'listExportBuckets' });
      const azure = await t.api.call('POST', `/groups/${groupId}/backup/exportBuckets`, { version: '2024-05-30', body: { cloudProvider: 'AZURE', bucketName: 'contract', roleId: '5f0000000000000000000001', serviceUrl: 'https://example.blob.core.windows.net', tenantId: 'x' } });
      t.expectResponse(azure, { status: 400, contentType: 'json', body: m.partial({ errorCode: m.string() }) }, 'an Azure export bucket');
      const none = '5f0000000000000000000001';
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/backup/exportBuckets/${none}`, { version: '2024-05-30' }), { status: 404, errorCode: 'EXPORT_BUCKET_NOT_FOUND' });
      t.expectResponse(await t.api.call('DELETE', `/groups/${groupId}/backup/exportBuckets/${none}`, { version: V1 }), { status: 404, errorCode: 'EXPORT_BUCKET_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/backup/exportBuckets?itemsPerPage=0`, { version: '2024-05-30' }), { status: 400, contentType: 'json', body: m.partial({ errorCode: m.string() }) }, 'a page of no items');
    },
  },
  {
    id: 'backups/export-jobs',
    title: 'creates an export bucket (200 with _id) and exports a snapshot to it (Queued, then Successful); a bucket in use by auto-export cannot be deleted; unknown export jobs are 404',
    operations: ['createExportBucket', 'getExportBucket', 'listExportBuckets', 'updateBackupExportBucket', 'deleteExportBucket', 'createBackupExportJob', 'getBackupExportJob', 'listBackupExportJobs', 'updateBackupSchedule'],
    writes: true,
    // A real bucket needs an authorized Cloud Provider Access role of the project.
    simulatorOnly: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'bk-jobs', { regionUsageRestrictions: 'GOV_REGIONS_ONLY' });
      const c = await backedUpCluster(t, groupId, 'exp', 'AWS', 'US_GOV_WEST_1');
      await waitIdle(t, c);
      const created = await t.api.call('POST', `/groups/${groupId}/backup/exportBuckets`, { version: '2024-05-30', body: { cloudProvider: 'AWS', bucketName: 'contract-exports', iamRoleId: '5f0000000000000000000002' } });
      t.expectResponse(created, { status: 200, body: m.partial({ _id: m.objectId(), bucketName: 'contract-exports', cloudProvider: 'AWS' }), contract: 'createExportBucket' });
      const bucketId = (created.json as { _id: string })._id;
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/backup/exportBuckets/${bucketId}`, { version: '2024-05-30' }), { status: 200, body: m.partial({ _id: bucketId }), contract: 'getExportBucket' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/backup/exportBuckets`, { version: '2024-05-30' }), { status: 200, body: m.partial({ totalCount: 1 }), contract: 'listExportBuckets' });
      // The 2026-08 document's update: private networking to the bucket.
      const privately = await t.api.call('PATCH', `/groups/${groupId}/backup/exportBuckets/${bucketId}`, { version: '2024-05-30', body: { requirePrivateNetworking: true } });
      t.expectResponse(privately, { status: 200, body: m.partial({ _id: bucketId, requirePrivateNetworking: true }), contract: 'updateBackupExportBucket' });
      t.expectResponse(await t.api.call('PATCH', `/groups/${groupId}/backup/exportBuckets/5f0000000000000000000001`, { version: '2024-05-30', body: { requirePrivateNetworking: true } }), { status: 404, errorCode: 'EXPORT_BUCKET_NOT_FOUND' });
      const snapshotId = await completedSnapshot(t, c);
      const job = await t.api.call('POST', `${c.path}/backup/exports`, { version: V1, body: { snapshotId, exportBucketId: bucketId, customData: [{ key: 'k', value: 'v' }] } });
      t.expectResponse(job, { status: 200, body: m.partial({ id: m.objectId(), snapshotId, exportBucketId: bucketId, state: 'Queued', prefix: m.string(/^\/exported_snapshots\//) }), contract: 'createBackupExportJob' });
      const jobId = (job.json as { id: string }).id;
      await t.waitFor(`export ${jobId} to succeed`, async () => {
        const res = await t.api.call('GET', `${c.path}/backup/exports/${jobId}`, { version: V1 });
        t.expectResponse(res, { status: 200, contract: 'getBackupExportJob' });
        return (res.json as { state: string }).state === 'Successful';
      }, { timeoutSeconds: 3600, intervalSeconds: 60 });
      t.expectResponse(await t.api.call('GET', `${c.path}/backup/exports`, { version: V1 }), { status: 200, body: m.partial({ results: [m.partial({ id: jobId, state: 'Successful' })] }), contract: 'listBackupExportJobs' });
      t.expectResponse(await t.api.call('GET', `${c.path}/backup/exports/5f0000000000000000000003`, { version: V1 }), { status: 404, contentType: 'json', body: m.partial({ errorCode: m.string() }) });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/clusters/${t.name('none').slice(-23).replace(/^-+/, '')}/backup/exports`, { version: V1 }), { status: 404, errorCode: 'CLUSTER_NOT_FOUND' });
      const missingBucket = await t.api.call('POST', `${c.path}/backup/exports`, { version: V1, body: { snapshotId, exportBucketId: '5f0000000000000000000003' } });
      t.expectResponse(missingBucket, { status: 404, errorCode: 'EXPORT_BUCKET_NOT_FOUND' });
      const auto = await t.api.call('PATCH', `${c.path}/backup/schedule`, { version: SCHEDULE, body: { autoExportEnabled: true, export: { exportBucketId: bucketId, frequencyType: 'monthly' } } });
      t.expectResponse(auto, { status: 200, body: m.partial({ autoExportEnabled: true, export: { exportBucketId: bucketId, frequencyType: 'monthly' } }), contract: 'updateBackupSchedule' });
      t.expectResponse(await t.api.call('DELETE', `/groups/${groupId}/backup/exportBuckets/${bucketId}`, { version: V1 }), { status: 400, errorCode: 'EXPORT_BUCKET_DELETE_FAILED' }, 'deleting a bucket in use');
      t.expectResponse(await t.api.call('PATCH', `${c.path}/backup/schedule`, { version: SCHEDULE, body: { autoExportEnabled: false } }), { status: 200, contract: 'updateBackupSchedule' });
      t.expectResponse(await t.api.call('DELETE', `/groups/${groupId}/backup/exportBuckets/${bucketId}`, { version: V1 }), { status: 204, body: undefined }, 'deleting the bucket');
    },
  },
  {
    id: 'backups/compliance-policy',
    title: 'a project without a policy answers {}; a policy turned on (200 ENABLING, then ACTIVE) blocks deleting snapshots, emptying schedules and turning itself off',
    operations: ['getDataProtectionSettings', 'updateDataProtectionSettings', 'disableDataProtectionSettings', 'deleteAllBackupSchedules', 'deleteReplicaSetBackup'],
    writes: true,
    // Once on, only MongoDB Support can turn a policy off: never against a real project.
    simulatorOnly: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'bk-bcp', { regionUsageRestrictions: 'GOV_REGIONS_ONLY' });
      const c = await backedUpCluster(t, groupId, 'bcp', 'AWS', 'US_GOV_WEST_1');
      await waitIdle(t, c);
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/backupCompliancePolicy`, { version: '2023-10-01' }), { status: 200, body: {}, contract: 'getDataProtectionSettings' });
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/backupCompliancePolicy`, { version: '2022-01-01' }), { status: 406, errorCode: 'INVALID_VERSION_DATE' }, 'a version before the first');
      t.expectResponse(await t.api.call('DELETE', `/groups/${groupId}/backupCompliancePolicy`, { version: '2024-11-13' }), { status: 204, body: undefined }, 'turning off a policy that is not on');
      const incomplete = await t.api.call('PUT', `/groups/${groupId}/backupCompliancePolicy`, { version: '2023-10-01', body: { authorizedEmail: 'security@example.gov' } });
      t.expectResponse(incomplete, { status: 400, errorCode: 'MISSING_ATTRIBUTE' }, 'a policy without its authorized user');
      const body = {
        authorizedEmail: 'security@example.gov',
        authorizedUserFirstName: 'Ada',
        authorizedUserLastName: 'Lovelace',
        scheduledPolicyItems: [{ frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 }],
      };
      const on = await t.api.call('PUT', `/groups/${groupId}/backupCompliancePolicy`, { version: '2023-10-01', body });
      t.expectResponse(on, { status: 200, body: m.partial({ projectId: groupId, state: m.oneOf('ENABLING', 'ACTIVE'), deletable: false }), contract: 'updateDataProtectionSettings' });
      await t.waitFor('the policy to be ACTIVE', async () => {
        const res = await t.api.call('GET', `/groups/${groupId}/backupCompliancePolicy`, { version: '2023-10-01' });
        t.expectResponse(res, { status: 200, contract: 'getDataProtectionSettings' });
        return (res.json as { state: string }).state === 'ACTIVE';
      });
      const snapshotId = await completedSnapshot(t, c);
      t.expectResponse(await t.api.call('DELETE', `${c.path}/backup/snapshots/${snapshotId}`, { version: V1 }), { status: 400, errorCode: 'CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY' });
      t.expectResponse(await t.api.call('DELETE', `${c.path}/backup/schedule`, { version: SCHEDULE }), { status: 400, errorCode: 'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS' });
      t.expectResponse(await t.api.call('DELETE', `/groups/${groupId}/backupCompliancePolicy`, { version: '2024-11-13' }), { status: 400, contentType: 'json', body: m.partial({ errorCode: m.string() }) }, 'turning the policy off');
    },
  },
];
