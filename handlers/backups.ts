import { backupOperations } from '../contracts/api/operations/backups.js';
import type { BackupConfig, CompliancePolicy, ExportBucket, ExportJob, RestoreJob, Snapshot } from '../src/sim/backups.js';
import { isoSeconds } from '../src/sim/clock.js';
import { configServerType } from '../src/sim/clusterHosts.js';
import { mongoDBVersionOf } from '../src/sim/clusterConfiguration.js';
import type { Cluster } from '../src/sim/clusters.js';
import { defineHandlers, type HandlerContext } from '../src/wire/context.js';

/**
 * Cloud Backups: thin handlers over `src/sim/backups.ts`. Views follow the recordings
 * (wire-facts-wave2 6): keys in alphabetical order, snapshot fields appearing as the
 * snapshot progresses, restore jobs without a status field.
 */

const clusterPath = (c: { groupId: string; name: string }) => `/groups/${c.groupId}/clusters/${c.name}`;

/** 2023-01-01 names each copy setting's replication spec (its 2023-02-01 id). */
function scheduleViewV1(ctx: HandlerContext, c: Cluster, cfg: BackupConfig) {
  return {
    ...scheduleCommon(ctx, c, cfg),
    copySettings: cfg.copySettings.map((s) => ({
      cloudProvider: s.cloudProvider,
      frequencies: s.frequencies,
      regionName: s.regionName,
      replicationSpecId: c.zones.find((z) => z.id === s.zoneId)?.legacyId ?? s.zoneId,
      shouldCopyOplogs: s.shouldCopyOplogs,
    })),
  };
}

/** 2024-08-05 names each copy setting's zone. */
function scheduleView(ctx: HandlerContext, c: Cluster, cfg: BackupConfig) {
  return {
    ...scheduleCommon(ctx, c, cfg),
    copySettings: cfg.copySettings.map((s) => ({ cloudProvider: s.cloudProvider, frequencies: s.frequencies, regionName: s.regionName, shouldCopyOplogs: s.shouldCopyOplogs, zoneId: s.zoneId })),
  };
}

function scheduleCommon(ctx: HandlerContext, c: Cluster, cfg: BackupConfig) {
  const next = ctx.world.backups.nextSnapshot(cfg);
  return {
    autoExportEnabled: cfg.autoExportEnabled,
    clusterId: c.id,
    clusterName: c.name,
    copyPolicyItemsEnabled: false,
    ...(cfg.export && { export: { exportBucketId: cfg.export.exportBucketId, frequencyType: cfg.export.frequencyType } }),
    ...(cfg.extraRetentionSettings.length > 0 && { extraRetentionSettings: cfg.extraRetentionSettings.map((e) => ({ frequencyType: e.frequencyType, retentionDays: e.retentionDays })) }),
    // The group link points at the legacy v1.0 path, as recorded.
    links: [...ctx.selfLink(`${clusterPath(c)}/backup/schedule`), { href: `${ctx.baseUrl}/api/public/v1.0/groups/${c.groupId}`, rel: 'https://cloud.mongodb.com/group' }],
    ...(next !== undefined && { nextSnapshot: isoSeconds(next) }),
    policies: [
      {
        id: cfg.policyId,
        policyItems: cfg.items.map((i) => ({ frequencyInterval: i.frequencyInterval, frequencyType: i.frequencyType, id: i.id, retentionUnit: i.retentionUnit, retentionValue: i.retentionValue })),
      },
    ],
    referenceHourOfDay: cfg.referenceHourOfDay,
    referenceMinuteOfHour: cfg.referenceMinuteOfHour,
    restoreWindowDays: cfg.restoreWindowDays,
    useOrgAndGroupNamesInExportPrefix: cfg.useOrgAndGroupNamesInExportPrefix,
  };
}

/** A stable size for a snapshot, from its instant (about 1.5 GB, as recorded). */
const sizeOf = (s: Snapshot) => 1_500_000_000 + (Math.floor(s.createdAt / 1000) % 997) * 100_000;

function snapshotCommon(ctx: HandlerContext, c: Cluster, s: Snapshot, path: string) {
  const status = ctx.world.backups.statusOf(s);
  const done = status === 'completed';
  return {
    status,
    done,
    fields: {
      ...(done && { createdAt: isoSeconds(s.createdAt) }),
      ...(s.description !== undefined && { description: s.description }),
      expiresAt: isoSeconds(s.expiresAt),
      frequencyType: s.frequencyType,
      id: s.id,
      links: [...ctx.selfLink(path), { href: ctx.href(clusterPath(c)), rel: 'https://cloud.mongodb.com/cluster' }],
      ...(status !== 'queued' && { mongodVersion: mongoDBVersionOf(c.mongoDBMajorVersion) }),
      policyItems: s.policyItemIds,
    },
  };
}

function replicaSetSnapshotView(ctx: HandlerContext, c: Cluster, s: Snapshot) {
  const { status, done, fields } = snapshotCommon(ctx, c, s, `${clusterPath(c)}/backup/snapshots/${s.id}`);
  return {
    ...(done && { cloudProvider: c.shards[0]!.regionConfigs[0]!.providerName }),
    copyRegions: [],
    ...fields,
    replicaSetName: c.name,
    snapshotType: s.snapshotType,
    status,
    storageSizeBytes: done ? sizeOf(s) : 0,
    type: 'replicaSet' as const,
  };
}

function shardedSnapshotView(ctx: HandlerContext, c: Cluster, s: Snapshot) {
  const { status, done, fields } = snapshotCommon(ctx, c, s, `${clusterPath(c)}/backup/snapshots/shardedCluster/${s.id}`);
  // One member snapshot per shard; its id is the cluster snapshot's with the shard number at the end.
  const members = c.shards.map((shard, i) => ({
    cloudProvider: shard.regionConfigs[0]!.providerName,
    id: s.id.slice(0, 20) + (i + 1).toString(16).padStart(4, '0'),
    replicaSetName: `atlas-${c.replicaSetId}-shard-${i}`,
  }));
  return {
    configServerType: configServerType(c),
    ...fields,
    members,
    snapshotIds: members.map((m) => m.id),
    snapshotType: s.snapshotType,
    status,
    storageSizeBytes: done ? sizeOf(s) * c.shards.length : 0,
    type: 'shardedCluster' as const,
  };
}

function snapshotView(ctx: HandlerContext, c: Cluster, s: Snapshot) {
  return c.clusterType === 'SHARDED' ? shardedSnapshotView(ctx, c, s) : replicaSetSnapshotView(ctx, c, s);
}

function restoreView(ctx: HandlerContext, job: RestoreJob) {
  const state = ctx.world.backups.restoreState(job);
  const source = `/groups/${job.groupId}/clusters/${job.clusterName}`;
  const pit = job.deliveryType === 'pointInTime';
  return {
    cancelled: job.cancelled,
    deliveryType: job.deliveryType,
    deliveryUrl: state.deliveryUrl,
    desiredTimestamp: { increment: pit ? (job.oplogInc ?? null) : null, time: pit ? (job.oplogTs ?? null) : null, date: pit ? isoSeconds(job.timestamp) : null },
    expired: state.expired,
    ...(state.expiresAt !== undefined && { expiresAt: isoSeconds(state.expiresAt) }),
    failed: false,
    ...(state.finishedAt !== undefined && { finishedAt: isoSeconds(state.finishedAt) }),
    id: job.id,
    links: [
      ...ctx.selfLink(`${source}/backup/restoreJobs/${job.id}`),
      ...(job.snapshotId !== undefined ? [{ href: ctx.href(`${source}/backup/snapshots/${job.snapshotId}`), rel: 'https://cloud.mongodb.com/snapshot' }] : []),
      { href: ctx.href(source), rel: 'https://cloud.mongodb.com/cluster' },
      { href: ctx.href(`/groups/${job.groupId}`), rel: 'https://cloud.mongodb.com/group' },
    ],
    ...(job.oplogInc !== undefined && { oplogInc: job.oplogInc }),
    ...(job.oplogTs !== undefined && { oplogTs: job.oplogTs }),
    ...(job.pointInTimeUTCSeconds !== undefined && { pointInTimeUTCSeconds: job.pointInTimeUTCSeconds }),
    ...(job.snapshotId !== undefined && { snapshotId: job.snapshotId }),
    ...(job.targetClusterName !== undefined && { targetClusterName: job.targetClusterName }),
    ...(job.targetDeploymentItemName !== undefined && { targetDeploymentItemName: job.targetDeploymentItemName }),
    ...(job.targetGroupId !== undefined && { targetGroupId: job.targetGroupId }),
    timestamp: isoSeconds(job.timestamp),
  };
}

function bucketView(ctx: HandlerContext, b: ExportBucket) {
  return {
    _id: b.id,
    bucketName: b.bucketName,
    cloudProvider: b.cloudProvider,
    ...(b.iamRoleId !== undefined && { iamRoleId: b.iamRoleId }),
    links: ctx.selfLink(`/groups/${b.groupId}/backup/exportBuckets/${b.id}`),
    ...(b.requirePrivateNetworking !== undefined && { requirePrivateNetworking: b.requirePrivateNetworking }),
    ...(b.roleId !== undefined && { roleId: b.roleId }),
  };
}

function exportView(ctx: HandlerContext, job: ExportJob) {
  const s = ctx.world.backups.exportState(job);
  return {
    createdAt: isoSeconds(job.createdAt),
    customData: job.customData.map((d) => ({ key: d.key, value: d.value })),
    exportBucketId: job.exportBucketId,
    exportStatus: { exportedCollections: s.exported, totalCollections: job.totalCollections },
    ...(s.finishedAt !== undefined && { finishedAt: isoSeconds(s.finishedAt) }),
    id: job.id,
    links: ctx.selfLink(`/groups/${job.groupId}/clusters/${job.clusterName}/backup/exports/${job.id}`),
    prefix: job.prefix,
    snapshotId: job.snapshotId,
    state: s.state,
  };
}

function policyView(ctx: HandlerContext, p: CompliancePolicy) {
  const od = p.onDemandPolicyItem;
  return {
    authorizedEmail: p.authorizedEmail,
    authorizedUserFirstName: p.authorizedUserFirstName,
    authorizedUserLastName: p.authorizedUserLastName,
    copyProtectionEnabled: p.copyProtectionEnabled,
    deletable: p.deletable,
    encryptionAtRestEnabled: p.encryptionAtRestEnabled,
    ...(od && { onDemandPolicyItem: { frequencyInterval: od.frequencyInterval, frequencyType: 'ondemand' as const, id: od.id, retentionUnit: od.retentionUnit, retentionValue: od.retentionValue } }),
    pitEnabled: p.pitEnabled,
    projectId: p.groupId,
    ...(p.restoreWindowDays !== undefined && { restoreWindowDays: p.restoreWindowDays }),
    scheduledPolicyItems: p.scheduledPolicyItems.map((i) => ({ frequencyInterval: i.frequencyInterval, frequencyType: i.frequencyType, id: i.id, retentionUnit: i.retentionUnit, retentionValue: i.retentionValue })),
    state: ctx.world.backups.policyState(p),
    updatedDate: isoSeconds(p.updatedDate),
    updatedUser: p.updatedUser,
  };
}

export const backupHandlers = defineHandlers(backupOperations, {
  getBackupSchedule(ctx) {
    const { cluster, config } = ctx.world.backups.configOf(ctx.params.groupId, ctx.params.clusterName);
    return ctx.version.date === '2023-01-01' ? scheduleViewV1(ctx, cluster, config) : scheduleView(ctx, cluster, config);
  },
  updateBackupSchedule(ctx) {
    const { groupId, clusterName } = ctx.params;
    const body = ctx.body;
    // 2023-01-01 names the replication spec; the rules work with zones.
    const copySettings = body.copySettings?.map((s) => {
      if ('zoneId' in s) return s;
      const { replicationSpecId, ...rest } = s;
      return { ...rest, zoneId: ctx.world.clusters.get(groupId, clusterName).zones.find((z) => z.legacyId === replicationSpecId)?.id ?? replicationSpecId };
    });
    const config = ctx.world.backups.updateSchedule(groupId, clusterName, { ...body, copySettings });
    const cluster = ctx.world.clusters.get(groupId, clusterName);
    return ctx.version.date === '2023-01-01' ? scheduleViewV1(ctx, cluster, config) : scheduleView(ctx, cluster, config);
  },
  deleteAllBackupSchedules(ctx) {
    const { groupId, clusterName } = ctx.params;
    const config = ctx.world.backups.deleteSchedule(groupId, clusterName);
    return scheduleView(ctx, ctx.world.clusters.get(groupId, clusterName), config);
  },

  listReplicaSetBackups(ctx) {
    const { cluster, page } = ctx.world.backups.snapshots(ctx.params.groupId, ctx.params.clusterName, 'replicaSet');
    return ctx.list(page, page.total, (s) => replicaSetSnapshotView(ctx, cluster, s));
  },
  takeSnapshot(ctx) {
    const { cluster, snapshot } = ctx.world.backups.takeSnapshot(ctx.params.groupId, ctx.params.clusterName, ctx.body);
    return snapshotView(ctx, cluster, snapshot);
  },
  getReplicaSetBackup(ctx) {
    const { cluster, snapshot } = ctx.world.backups.snapshot(ctx.params.groupId, ctx.params.clusterName, ctx.params.snapshotId, 'replicaSet');
    return replicaSetSnapshotView(ctx, cluster, snapshot);
  },
  updateSnapshotRetention(ctx) {
    const { groupId, clusterName, snapshotId } = ctx.params;
    const { cluster, snapshot } = ctx.world.backups.updateRetention(groupId, clusterName, snapshotId, ctx.body.retentionUnit, ctx.body.retentionValue);
    return replicaSetSnapshotView(ctx, cluster, snapshot);
  },
  deleteReplicaSetBackup(ctx) {
    ctx.world.backups.deleteSnapshot(ctx.params.groupId, ctx.params.clusterName, ctx.params.snapshotId, 'replicaSet');
    return undefined;
  },

  listShardedClusterBackups(ctx) {
    const { cluster, page } = ctx.world.backups.snapshots(ctx.params.groupId, ctx.params.clusterName, 'shardedCluster');
    return ctx.list(page, page.total, (s) => shardedSnapshotView(ctx, cluster, s));
  },
  getShardedClusterBackup(ctx) {
    const { cluster, snapshot } = ctx.world.backups.snapshot(ctx.params.groupId, ctx.params.clusterName, ctx.params.snapshotId, 'shardedCluster');
    return shardedSnapshotView(ctx, cluster, snapshot);
  },
  deleteShardedClusterBackup(ctx) {
    ctx.world.backups.deleteSnapshot(ctx.params.groupId, ctx.params.clusterName, ctx.params.snapshotId, 'shardedCluster');
    return undefined;
  },

  listBackupRestoreJobs(ctx) {
    const jobs = ctx.world.backups.restoreJobs(ctx.params.groupId, ctx.params.clusterName);
    return ctx.list(jobs, jobs.length, (j) => restoreView(ctx, j));
  },
  createBackupRestoreJob(ctx) {
    return restoreView(ctx, ctx.world.backups.createRestore(ctx.params.groupId, ctx.params.clusterName, ctx.body, ctx.principal));
  },
  getBackupRestoreJob(ctx) {
    return restoreView(ctx, ctx.world.backups.restoreJob(ctx.params.groupId, ctx.params.clusterName, ctx.params.restoreJobId));
  },
  cancelBackupRestoreJob(ctx) {
    ctx.world.backups.cancelRestore(ctx.params.groupId, ctx.params.clusterName, ctx.params.restoreJobId);
    return undefined;
  },

  listExportBuckets(ctx) {
    const buckets = ctx.world.backups.buckets(ctx.params.groupId);
    return ctx.list(buckets, buckets.length, (b) => bucketView(ctx, b));
  },
  createExportBucket(ctx) {
    return bucketView(ctx, ctx.world.backups.createBucket(ctx.params.groupId, ctx.body));
  },
  getExportBucket(ctx) {
    return bucketView(ctx, ctx.world.backups.bucket(ctx.params.groupId, ctx.params.exportBucketId));
  },
  updateBackupExportBucket(ctx) {
    return bucketView(ctx, ctx.world.backups.setPrivateNetworking(ctx.params.groupId, ctx.params.exportBucketId, ctx.body.requirePrivateNetworking));
  },
  deleteExportBucket(ctx) {
    ctx.world.backups.deleteBucket(ctx.params.groupId, ctx.params.exportBucketId);
    return undefined;
  },

  listBackupExportJobs(ctx) {
    const jobs = ctx.world.backups.exports(ctx.params.groupId, ctx.params.clusterName);
    return ctx.list(jobs, jobs.length, (j) => exportView(ctx, j));
  },
  createBackupExportJob(ctx) {
    return exportView(ctx, ctx.world.backups.createExport(ctx.params.groupId, ctx.params.clusterName, ctx.body));
  },
  getBackupExportJob(ctx) {
    return exportView(ctx, ctx.world.backups.exportJob(ctx.params.groupId, ctx.params.clusterName, ctx.params.exportId));
  },

  getDataProtectionSettings(ctx) {
    const p = ctx.world.backups.compliancePolicy(ctx.params.groupId);
    return p ? policyView(ctx, p) : {};
  },
  updateDataProtectionSettings(ctx) {
    const p = ctx.world.backups.updateCompliancePolicy(ctx.params.groupId, ctx.body, ctx.query.overwriteBackupPolicies, ctx.principal.name);
    return policyView(ctx, p);
  },
  disableDataProtectionSettings(ctx) {
    ctx.world.backups.disableCompliancePolicy(ctx.params.groupId);
    return undefined;
  },
});
