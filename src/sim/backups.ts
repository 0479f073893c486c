import { z } from 'zod';
import type { Cluster } from './clusters.js';
import type { Description } from './clusterRecords.js';
import { GOV_HOST_DOMAIN } from './clusterHosts.js';
import { AtlasError } from './errors.js';
import { checkBackupRegion, checkExportBucketProvider, checkRestoreDesignation } from './govRules.js';
import type { Principal } from './principals.js';
import { ALNUM } from './random.js';
import { rolesOnGroup, satisfiesAny } from './roles.js';
import { COPY_FREQUENCIES, FREQUENCY_TYPES, RETENTION_UNITS } from '../../contracts/api/vocabulary.js';
import {
  addRetention,
  nextSnapshot,
  retentionDays,
  ScheduledSnapshots,
  type Epoch,
  type FrequencyType,
  type PolicyItem,
  type RetentionUnit,
} from './snapshotSchedule.js';
import { Table } from './table.js';
import type { World } from './world.js';

/**
 * Cloud Backups of dedicated clusters: schedules, snapshots, restore jobs, export buckets
 * and export jobs, and the project's Backup Compliance Policy (wire-facts-wave2 6).
 *
 * A cluster's backup starts when it is first IDLE with `backupEnabled` (the cluster
 * records the instant as `backupSince`), with Atlas's default policy. Scheduled snapshots
 * are never stored: `snapshotSchedule.ts` computes them from the policy's history (its
 * epochs) and the clock. What is stored per snapshot is only what a user did: on-demand
 * snapshots, and scheduled ones whose retention was changed (copied here, with the
 * schedule's copy excluded) or which were deleted (excluded).
 *
 * Durations on the simulation clock follow the recordings: a snapshot takes 90 s (the
 * first 10 s queued), an automated restore 5 min, a download restore has its URL after
 * 4 min, valid for an hour.
 */

const SECOND = 1000;
const DAY = 86_400_000;
export const SNAPSHOT_QUEUED_MS = 10 * SECOND;
export const SNAPSHOT_MS = 90 * SECOND;
export const RESTORE_MS = 5 * 60 * SECOND;
export const DOWNLOAD_READY_MS = 4 * 60 * SECOND;
export const DOWNLOAD_VALID_MS = 60 * 60 * SECOND;
export const EXPORT_QUEUED_MS = 30 * SECOND;
export const EXPORT_MS = 10 * 60 * SECOND;
const UNITS: Readonly<Record<'DAYS' | 'WEEKS' | 'MONTHS' | 'YEARS', RetentionUnit>> = { DAYS: 'days', WEEKS: 'weeks', MONTHS: 'months', YEARS: 'years' };
/** Without `retentionInDays` an on-demand snapshot is kept a day (decision; the document gives no default). */
const DEFAULT_ON_DEMAND_RETENTION_DAYS = 1;

// ---------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------

const PolicyItemRecord = z.object({
  id: z.string(),
  frequencyType: z.enum(FREQUENCY_TYPES),
  frequencyInterval: z.number().int(),
  retentionUnit: z.enum(RETENTION_UNITS),
  retentionValue: z.number().int(),
});

const EpochRecord = z.object({
  from: z.number(),
  to: z.number().optional(),
  referenceHourOfDay: z.number().int(),
  referenceMinuteOfHour: z.number().int(),
  items: z.array(PolicyItemRecord),
  salt: z.string(),
  initial: z.boolean(),
});

const StoredSnapshotRecord = z.object({
  id: z.string(),
  createdAt: z.number(),
  /** Queued until then (on-demand snapshots). */
  queuedUntil: z.number(),
  completeAt: z.number(),
  /** Fixed expiry; absent while an on-demand snapshot's expiry runs from its completion. */
  expiresAt: z.number().optional(),
  retentionMs: z.number().optional(),
  frequencyType: z.enum([...FREQUENCY_TYPES, 'ondemand']),
  policyItemIds: z.array(z.string()),
  snapshotType: z.enum(['onDemand', 'scheduled']),
  description: z.string().optional(),
});
export type StoredSnapshot = z.infer<typeof StoredSnapshotRecord>;

const CopySettingRecord = z.object({
  cloudProvider: z.enum(['AWS', 'GCP']),
  regionName: z.string(),
  frequencies: z.array(z.enum(COPY_FREQUENCIES)),
  shouldCopyOplogs: z.boolean(),
  zoneId: z.string(),
});

const BackupConfigRecord = z.object({
  clusterId: z.string(),
  groupId: z.string(),
  clusterName: z.string(),
  /** The cluster's `backupSince` this configuration belongs to (another means backup was restarted). */
  backupSince: z.number().optional(),
  policyId: z.string(),
  items: z.array(PolicyItemRecord),
  referenceHourOfDay: z.number().int(),
  referenceMinuteOfHour: z.number().int(),
  restoreWindowDays: z.number().int(),
  autoExportEnabled: z.boolean(),
  export: z.object({ exportBucketId: z.string(), frequencyType: z.enum(['monthly', 'yearly']) }).optional(),
  useOrgAndGroupNamesInExportPrefix: z.boolean(),
  copySettings: z.array(CopySettingRecord),
  extraRetentionSettings: z.array(z.object({ frequencyType: z.enum(COPY_FREQUENCIES), retentionDays: z.number().int() })),
  /** Policy history, newest first. */
  epochs: z.array(EpochRecord),
  /** Scheduled snapshots deleted or copied into `snapshots`. */
  excluded: z.array(z.string()),
  /** On-demand snapshots and changed scheduled ones, newest first. */
  snapshots: z.array(StoredSnapshotRecord),
});
export type BackupConfig = z.infer<typeof BackupConfigRecord>;

const RestoreJobRecord = z.object({
  id: z.string(),
  groupId: z.string(),
  clusterName: z.string(),
  deliveryType: z.enum(['automated', 'download', 'pointInTime']),
  snapshotId: z.string().optional(),
  /** Instant of the data restored: the snapshot's, or the point in time. */
  timestamp: z.number(),
  targetGroupId: z.string().optional(),
  targetClusterName: z.string().optional(),
  targetDeploymentItemName: z.string().optional(),
  pointInTimeUTCSeconds: z.number().optional(),
  oplogTs: z.number().optional(),
  oplogInc: z.number().optional(),
  createdAt: z.number(),
  /** Automated and point in time: done then. Download: the URL is there from then. */
  readyAt: z.number(),
  deliveryUrl: z.string().optional(),
  cancelled: z.boolean(),
});
export type RestoreJob = z.infer<typeof RestoreJobRecord>;

const ExportBucketRecord = z.object({
  id: z.string(),
  groupId: z.string(),
  bucketName: z.string(),
  cloudProvider: z.enum(['AWS', 'GCP']),
  iamRoleId: z.string().optional(),
  roleId: z.string().optional(),
  /** AWS: exports go to the bucket over PrivateLink only (set through the 2026-08 update). */
  requirePrivateNetworking: z.boolean().optional(),
});
export type ExportBucket = z.infer<typeof ExportBucketRecord>;

const ExportJobRecord = z.object({
  id: z.string(),
  groupId: z.string(),
  clusterName: z.string(),
  snapshotId: z.string(),
  exportBucketId: z.string(),
  customData: z.array(z.object({ key: z.string(), value: z.string() })),
  createdAt: z.number(),
  prefix: z.string(),
  totalCollections: z.number().int(),
});
export type ExportJob = z.infer<typeof ExportJobRecord>;

const CompliancePolicyRecord = z.object({
  groupId: z.string(),
  authorizedEmail: z.string(),
  authorizedUserFirstName: z.string(),
  authorizedUserLastName: z.string(),
  copyProtectionEnabled: z.boolean(),
  encryptionAtRestEnabled: z.boolean(),
  pitEnabled: z.boolean(),
  restoreWindowDays: z.number().int().optional(),
  scheduledPolicyItems: z.array(PolicyItemRecord),
  onDemandPolicyItem: PolicyItemRecord.omit({ frequencyType: true }).optional(),
  deletable: z.boolean(),
  updatedDate: z.number(),
  updatedUser: z.string(),
  /** ENABLING or UPDATING until then, ACTIVE after. */
  settledAt: z.number(),
  firstEnabled: z.boolean(),
});
export type CompliancePolicy = z.infer<typeof CompliancePolicyRecord>;

/** Rows by key with a list index per owner (cluster or project) in creation order. */
class ListedTable<Row> extends Table<Row> {
  readonly #lists = new Map<string, Row[]>();

  constructor(
    name: string,
    schema: z.ZodType<Row>,
    key: (r: Row) => string,
    private readonly listKey: (r: Row) => string,
    owner: (r: Row) => { groupId: string },
  ) {
    super(name, schema, key, owner);
  }

  protected override onInsert(row: Row): void {
    const k = this.listKey(row);
    let l = this.#lists.get(k);
    if (!l) this.#lists.set(k, (l = []));
    l.push(row);
  }

  protected override onRemove(row: Row): void {
    const l = this.#lists.get(this.listKey(row));
    const i = l?.indexOf(row) ?? -1;
    if (l && i >= 0) l.splice(i, 1);
  }

  put(row: Row): Row {
    return this.insert(row);
  }

  drop(key: string): void {
    this.remove(key);
  }

  listOf(key: string): readonly Row[] {
    return this.#lists.get(key) ?? [];
  }
}

/** One snapshot as the views show it, scheduled or stored. */
export interface Snapshot {
  id: string;
  createdAt: number;
  queuedUntil: number;
  completeAt: number;
  expiresAt: number;
  frequencyType: FrequencyType | 'ondemand';
  policyItemIds: string[];
  snapshotType: 'onDemand' | 'scheduled';
  description?: string | undefined;
}

export type SnapshotStatus = 'queued' | 'inProgress' | 'completed';

/** A list that hands out one page without walking the items before it. */
export interface SnapshotPage {
  readonly total: number;
  slice(start: number, end: number): Snapshot[];
}

/** Atlas's default policy for a cluster with cloud backup (wire-facts-wave2 0.2, recorded). */
const DEFAULT_ITEMS: ReadonlyArray<Omit<PolicyItem, 'id'>> = [
  { frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 7 },
  { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 },
  { frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'weeks', retentionValue: 4 },
  { frequencyType: 'monthly', frequencyInterval: 40, retentionUnit: 'months', retentionValue: 12 },
  { frequencyType: 'yearly', frequencyInterval: 12, retentionUnit: 'years', retentionValue: 1 },
];

/** The intervals Atlas allows per frequency (OpenAPI DiskBackupApiPolicyItem). */
const INTERVALS: Readonly<Record<FrequencyType, readonly number[]>> = {
  hourly: [1, 2, 4, 6, 8, 12],
  daily: [1],
  weekly: [1, 2, 3, 4, 5, 6, 7],
  monthly: [...Array.from({ length: 28 }, (_, i) => i + 1), 40],
  yearly: Array.from({ length: 12 }, (_, i) => i + 1),
};

export interface PolicyItemInput {
  frequencyType: FrequencyType | 'ondemand';
  frequencyInterval: number;
  retentionUnit: RetentionUnit;
  retentionValue: number;
}

export interface ScheduleInput {
  autoExportEnabled?: boolean | undefined;
  copySettings?: Array<{ cloudProvider?: string | undefined; regionName?: string | undefined; frequencies?: string[] | undefined; shouldCopyOplogs?: boolean | undefined; zoneId: string }> | undefined;
  export?: { exportBucketId?: string | undefined; frequencyType?: 'monthly' | 'yearly' | undefined } | undefined;
  extraRetentionSettings?: Array<{ frequencyType?: string | undefined; retentionDays?: number | undefined }> | undefined;
  policies?: Array<{ policyItems?: PolicyItemInput[] | undefined }> | undefined;
  referenceHourOfDay?: number | undefined;
  referenceMinuteOfHour?: number | undefined;
  restoreWindowDays?: number | undefined;
  updateSnapshots?: boolean | undefined;
  useOrgAndGroupNamesInExportPrefix?: boolean | undefined;
}

export interface RestoreInput {
  deliveryType: 'automated' | 'download' | 'pointInTime';
  snapshotId?: string | undefined;
  targetClusterName?: string | undefined;
  targetGroupId?: string | undefined;
  pointInTimeUTCSeconds?: number | undefined;
  oplogTs?: number | undefined;
  oplogInc?: number | undefined;
}

export interface CompliancePolicyInput {
  authorizedEmail: string;
  authorizedUserFirstName: string;
  authorizedUserLastName: string;
  copyProtectionEnabled?: boolean | undefined;
  encryptionAtRestEnabled?: boolean | undefined;
  pitEnabled?: boolean | undefined;
  restoreWindowDays?: number | undefined;
  scheduledPolicyItems?: Array<Omit<PolicyItemInput, 'frequencyType'> & { frequencyType: FrequencyType }> | undefined;
  onDemandPolicyItem?: { frequencyInterval: number; retentionUnit: RetentionUnit; retentionValue: number } | undefined;
}

type CopyFrequency = (typeof COPY_FREQUENCIES)[number];
const isCopyFrequency = (f: string | undefined): f is CopyFrequency => (COPY_FREQUENCIES as readonly (string | undefined)[]).includes(f);

export class Backups {
  readonly #configs: ListedTable<BackupConfig>;
  readonly #restores: ListedTable<RestoreJob>;
  readonly #buckets: ListedTable<ExportBucket>;
  readonly #exports: ListedTable<ExportJob>;
  readonly #policies: ListedTable<CompliancePolicy>;

  constructor(private readonly world: World) {
    const byGroup = (r: { groupId: string }) => ({ groupId: r.groupId });
    const clusterKey = (r: { groupId: string; clusterName: string }) => `${r.groupId}/${r.clusterName}`;
    this.#configs = world.register(new ListedTable('backupConfigs', BackupConfigRecord, (r) => r.clusterId, (r) => r.groupId, byGroup));
    this.#restores = world.register(new ListedTable('restoreJobs', RestoreJobRecord, (r) => r.id, clusterKey, byGroup));
    this.#buckets = world.register(new ListedTable('exportBuckets', ExportBucketRecord, (r) => r.id, (r) => r.groupId, byGroup));
    this.#exports = world.register(new ListedTable('exportJobs', ExportJobRecord, (r) => r.id, clusterKey, byGroup));
    this.#policies = world.register(new ListedTable('backupCompliancePolicies', CompliancePolicyRecord, (r) => r.groupId, (r) => r.groupId, byGroup));
  }

  get #now(): number {
    return this.world.clock.now();
  }

  // -------------------------------------------------------------------------
  // Configuration of one cluster
  // -------------------------------------------------------------------------

  /**
   * The cluster's backup configuration as of now, or undefined when backup is off.
   * Turning backup off drops the configuration and its snapshots (Atlas deletes them);
   * a cluster that has not been IDLE yet has a configuration but no snapshots.
   */
  #config(c: Cluster): BackupConfig | undefined {
    let cfg = this.#configs.find(c.id);
    if (!c.backupEnabled) {
      if (cfg) this.#configs.drop(c.id);
      return undefined;
    }
    if (cfg && cfg.backupSince !== undefined && cfg.backupSince !== c.backupSince) {
      this.#configs.drop(c.id);
      cfg = undefined;
    }
    if (!cfg) cfg = this.#configs.put(this.#defaultConfig(c));
    if (cfg.epochs.length === 0 && c.backupSince !== undefined) {
      cfg.backupSince = c.backupSince;
      cfg.epochs.unshift(this.#epoch(cfg, Math.ceil(c.backupSince / SECOND) * SECOND, true));
    }
    return cfg;
  }

  #defaultConfig(c: Cluster): BackupConfig {
    const random = this.world.random;
    return {
      clusterId: c.id,
      groupId: c.groupId,
      clusterName: c.name,
      policyId: this.world.ids.next(),
      items: DEFAULT_ITEMS.map((i) => ({ ...i, id: this.world.ids.next() })),
      referenceHourOfDay: random.int(0, 23),
      referenceMinuteOfHour: random.int(0, 59),
      restoreWindowDays: 7,
      autoExportEnabled: false,
      useOrgAndGroupNamesInExportPrefix: false,
      copySettings: [],
      extraRetentionSettings: [],
      epochs: [],
      excluded: [],
      snapshots: [],
    };
  }

  #epoch(cfg: BackupConfig, from: number, initial: boolean): Epoch {
    return {
      from,
      referenceHourOfDay: cfg.referenceHourOfDay,
      referenceMinuteOfHour: cfg.referenceMinuteOfHour,
      items: cfg.items.map((i) => ({ ...i })),
      salt: this.world.random.hex(16),
      initial,
    };
  }

  /** The cluster and its configuration, or 404 BACKUP_CONFIG_NOT_FOUND when backup is off. */
  configOf(groupId: string, clusterName: string): { cluster: Cluster; config: BackupConfig } {
    const cluster = this.world.clusters.get(groupId, clusterName);
    const config = this.#config(cluster);
    if (!config) throw new AtlasError('BACKUP_CONFIG_NOT_FOUND', [clusterName, groupId]);
    return { cluster, config };
  }

  /** `nextSnapshot` of the schedule: absent while there is no policy item. */
  nextSnapshot(cfg: BackupConfig): number | undefined {
    const now = this.#now;
    const current = cfg.epochs[0] ?? this.#epoch(cfg, now, false);
    return cfg.items.length === 0 ? undefined : nextSnapshot({ ...current, items: cfg.items }, now);
  }

  /** Refusals of a cluster change that Cloud Backup or its compliance policy forbids. */
  checkClusterChange(c: Cluster, next: Description): void {
    const policy = this.#activePolicy(c.groupId);
    if (!policy) return;
    if (c.backupEnabled && !next.backupEnabled) throw new AtlasError('CANNOT_DISABLE_CLOUD_BACKUP_WITH_BACKUP_COMPLIANCE_POLICY', []);
    if (policy.pitEnabled && c.pitEnabled && !next.pitEnabled) throw new AtlasError('CANNOT_DISABLE_PIT_WITH_BACKUUP_COMPLIANCE_POLICY', []);
  }

  /**
   * PATCH schedule. Validation first (nothing changes on a refusal); a new policy takes
   * effect now, as a new epoch, and the snapshots already taken keep their retention
   * unless `updateSnapshots` is set.
   */
  updateSchedule(groupId: string, clusterName: string, input: ScheduleInput): BackupConfig {
    const { cluster, config: cfg } = this.configOf(groupId, clusterName);
    const project = this.world.projects.get(groupId);
    const hour = input.referenceHourOfDay ?? cfg.referenceHourOfDay;
    const minute = input.referenceMinuteOfHour ?? cfg.referenceMinuteOfHour;
    if (hour < 0 || hour > 23) throw new AtlasError('INVALID_REFERENCE_HOUR_OF_DAY', []);
    if (minute < 0 || minute > 59) throw new AtlasError('INVALID_REFERENCE_MINUTE_OF_HOUR', []);
    const items = input.policies?.[0]?.policyItems ? this.#policyItems(cfg, input.policies[0].policyItems) : cfg.items;
    if (input.restoreWindowDays !== undefined) {
      if (input.restoreWindowDays <= 0) throw new AtlasError('INVALID_RESTORE_WINDOW', []);
      if (!cluster.pitEnabled && input.restoreWindowDays !== cfg.restoreWindowDays) throw new AtlasError('CANNOT_SET_POINT_IN_TIME_WINDOW', []);
    }
    const copySettings = input.copySettings ? input.copySettings.map((s) => this.#copySetting(cluster, project.regionUsageRestrictions, s)) : cfg.copySettings;
    let exportPolicy = cfg.export;
    if (input.export) {
      const bucketId = input.export.exportBucketId ?? cfg.export?.exportBucketId;
      if (bucketId === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['export.exportBucketId']);
      this.bucket(groupId, bucketId);
      exportPolicy = { exportBucketId: bucketId, frequencyType: input.export.frequencyType ?? cfg.export?.frequencyType ?? 'monthly' };
    }
    const autoExportEnabled = input.autoExportEnabled ?? cfg.autoExportEnabled;
    if (autoExportEnabled && !exportPolicy) throw new AtlasError('MISSING_ATTRIBUTE', ['export']);
    const extra = input.extraRetentionSettings?.map((e) => {
      const frequencyType = e.frequencyType;
      if (!isCopyFrequency(frequencyType)) throw new AtlasError('MISSING_ATTRIBUTE', ['extraRetentionSettings.frequencyType']);
      if (e.retentionDays === undefined || e.retentionDays < 1) throw new AtlasError('BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID', []);
      return { frequencyType, retentionDays: e.retentionDays };
    });
    const policy = this.#activePolicy(groupId);
    if (policy) {
      this.#checkCompliantItems(policy, items);
      const window = input.restoreWindowDays ?? cfg.restoreWindowDays;
      if (window < cfg.restoreWindowDays || (policy.restoreWindowDays !== undefined && window < policy.restoreWindowDays)) {
        throw new AtlasError('CANNOT_DECREASE_PIT_WINDOW_WITH_BACKUP_COMPLIANCE_POLICY', []);
      }
    }

    const policyChanged = items !== cfg.items || hour !== cfg.referenceHourOfDay || minute !== cfg.referenceMinuteOfHour;
    cfg.items = items;
    cfg.referenceHourOfDay = hour;
    cfg.referenceMinuteOfHour = minute;
    cfg.restoreWindowDays = input.restoreWindowDays ?? cfg.restoreWindowDays;
    cfg.copySettings = copySettings;
    cfg.export = exportPolicy;
    cfg.autoExportEnabled = autoExportEnabled;
    cfg.useOrgAndGroupNamesInExportPrefix = input.useOrgAndGroupNamesInExportPrefix ?? cfg.useOrgAndGroupNamesInExportPrefix;
    if (extra) cfg.extraRetentionSettings = extra;
    if (policyChanged) this.#newEpoch(cfg, input.updateSnapshots === true);
    return cfg;
  }

  /** DELETE schedule: no policy items from now on; snapshots taken keep their retention. */
  deleteSchedule(groupId: string, clusterName: string): BackupConfig {
    const { config: cfg } = this.configOf(groupId, clusterName);
    const policy = this.#activePolicy(groupId);
    if (policy && policy.scheduledPolicyItems.length > 0) {
      throw new AtlasError('BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS', [policy.scheduledPolicyItems.map((i) => i.frequencyType).join(', ')]);
    }
    cfg.items = [];
    this.#newEpoch(cfg, false);
    return cfg;
  }

  /** A schedule must keep every item of the policy, at least as long. */
  #checkCompliantItems(policy: CompliancePolicy, items: readonly PolicyItem[]): void {
    const short = policy.scheduledPolicyItems.filter((p) => {
      const i = items.find((x) => x.frequencyType === p.frequencyType);
      return !i || retentionDays(i.retentionUnit, i.retentionValue) < retentionDays(p.retentionUnit, p.retentionValue);
    });
    if (short.length > 0) throw new AtlasError('BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS', [short.map((p) => p.frequencyType).join(', ')]);
  }

  #newEpoch(cfg: BackupConfig, updateSnapshots: boolean): void {
    const now = Math.ceil(this.#now / SECOND) * SECOND;
    const current = cfg.epochs[0];
    if (updateSnapshots) {
      for (const e of cfg.epochs) {
        for (const item of e.items) {
          const n = cfg.items.find((i) => i.frequencyType === item.frequencyType);
          if (n) Object.assign(item, { retentionUnit: n.retentionUnit, retentionValue: n.retentionValue });
        }
      }
    }
    if (!current) return;
    if (current.from >= now) {
      // Changed again within the same second: the epoch that just began takes the new policy.
      Object.assign(current, { items: cfg.items.map((i) => ({ ...i })), referenceHourOfDay: cfg.referenceHourOfDay, referenceMinuteOfHour: cfg.referenceMinuteOfHour });
      return;
    }
    current.to = now;
    cfg.epochs.unshift(this.#epoch(cfg, now, false));
    // An epoch whose every snapshot has expired is history nobody can see.
    cfg.epochs = cfg.epochs.filter(({ to, items }) => to === undefined || items.some((i) => addRetention(to, i.retentionUnit, i.retentionValue) > now));
  }

  #policyItems(cfg: BackupConfig, input: readonly PolicyItemInput[]): PolicyItem[] {
    const seen = new Set<string>();
    const items: PolicyItem[] = [];
    for (const i of input) {
      if (i.frequencyType === 'ondemand') throw new AtlasError('INVALID_BACKUP_POLICY', ['a schedule takes no ondemand policy item']);
      if (seen.has(i.frequencyType)) throw new AtlasError('INVALID_BACKUP_POLICY', [`more than one ${i.frequencyType} policy item`]);
      seen.add(i.frequencyType);
      if (!INTERVALS[i.frequencyType].includes(i.frequencyInterval)) {
        throw new AtlasError('INVALID_BACKUP_POLICY', [`frequencyInterval ${i.frequencyInterval} is not valid for a ${i.frequencyType} policy item`]);
      }
      if (i.retentionValue < 1) throw new AtlasError('BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID', []);
      const id = cfg.items.find((x) => x.frequencyType === i.frequencyType)?.id ?? this.world.ids.next();
      items.push({ id, frequencyType: i.frequencyType, frequencyInterval: i.frequencyInterval, retentionUnit: i.retentionUnit, retentionValue: i.retentionValue });
    }
    const order = [...FREQUENCY_TYPES];
    items.sort((a, b) => order.indexOf(a.frequencyType) - order.indexOf(b.frequencyType));
    // Less frequent snapshots must be kept at least as long as more frequent ones.
    for (let k = 1; k < items.length; k++) {
      const a = items[k - 1]!;
      const b = items[k]!;
      if (retentionDays(b.retentionUnit, b.retentionValue) < retentionDays(a.retentionUnit, a.retentionValue)) {
        throw new AtlasError('INVALID_BACKUP_POLICY', [`the ${b.frequencyType} retention must be at least as long as the ${a.frequencyType} retention`]);
      }
    }
    return items;
  }

  #copySetting(c: Cluster, restriction: Parameters<typeof checkBackupRegion>[0], s: NonNullable<ScheduleInput['copySettings']>[number]): BackupConfig['copySettings'][number] {
    if (s.cloudProvider === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['copySettings.cloudProvider']);
    if (s.regionName === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['copySettings.regionName']);
    const provider = checkBackupRegion(restriction, s.cloudProvider, s.regionName);
    if (!c.zones.some((z) => z.id === s.zoneId)) throw new AtlasError('INVALID_ATTRIBUTE', ['copySettings.zoneId']);
    const frequencies = (s.frequencies ?? []).filter(isCopyFrequency);
    return { cloudProvider: provider, regionName: s.regionName, frequencies, shouldCopyOplogs: s.shouldCopyOplogs ?? false, zoneId: s.zoneId };
  }

  // -------------------------------------------------------------------------
  // Snapshots
  // -------------------------------------------------------------------------

  /** The cluster's snapshots of one kind, newest first, one page at a time. */
  snapshots(groupId: string, clusterName: string, kind: 'replicaSet' | 'shardedCluster'): { cluster: Cluster; page: SnapshotPage } {
    const cluster = this.world.clusters.get(groupId, clusterName);
    const cfg = this.#config(cluster);
    if (!cfg || kindOf(cluster) !== kind) return { cluster, page: { total: 0, slice: () => [] } };
    return { cluster, page: this.#list(cfg) };
  }

  #list(cfg: BackupConfig): SnapshotPage {
    const now = this.#now;
    cfg.snapshots = cfg.snapshots.filter((s) => expiryOf(s) > now);
    const scheduled = new ScheduledSnapshots(cfg.epochs, now);
    const excluded = cfg.excluded
      .map((id) => scheduled.indexOf(id))
      .filter((i): i is number => i !== undefined)
      .sort((a, b) => a - b);
    const stored = cfg.snapshots;
    // Stored snapshots' places among the scheduled ones (ties: scheduled first).
    const storedPos = stored.map((s, j) => {
      const newerScheduled = scheduled.countAtOrAfter(s.createdAt);
      const newerExcluded = countBelow(excluded, newerScheduled);
      return newerScheduled - newerExcluded + j;
    });
    const total = scheduled.length - excluded.length + stored.length;
    const point = (i: number): Snapshot => {
      const p = scheduled.at(i);
      return { id: p.id, createdAt: p.at, queuedUntil: p.at, completeAt: p.at + SNAPSHOT_MS, expiresAt: p.expiresAt, frequencyType: p.frequencyType, policyItemIds: p.policyItemIds, snapshotType: 'scheduled' };
    };
    return {
      total,
      slice(start, end) {
        const out: Snapshot[] = [];
        // Stored snapshots before `start`, then the scheduled index to resume from.
        let j = 0;
        while (j < stored.length && storedPos[j]! < start) j++;
        let v = start - j;
        // Map the v-th kept scheduled snapshot to its index, skipping excluded ones.
        let e = 0;
        let index = v;
        while (e < excluded.length && excluded[e]! <= index) {
          index++;
          e++;
        }
        for (let rank = start; rank < Math.min(end, total); rank++) {
          if (j < stored.length && storedPos[j] === rank) {
            out.push(toSnapshot(stored[j]!, now));
            j++;
            continue;
          }
          while (e < excluded.length && excluded[e] === index) {
            index++;
            e++;
          }
          out.push(point(index));
          index++;
          v++;
        }
        return out;
      },
    };
  }

  /** One snapshot of the cluster, or 404 SNAPSHOT_NOT_FOUND. */
  snapshot(groupId: string, clusterName: string, snapshotId: string, kind: 'replicaSet' | 'shardedCluster'): { cluster: Cluster; config: BackupConfig; snapshot: Snapshot } {
    const cluster = this.world.clusters.get(groupId, clusterName);
    const cfg = this.#config(cluster);
    const found = cfg && kindOf(cluster) === kind ? this.#find(cfg, snapshotId) : undefined;
    if (!cfg || !found) throw new AtlasError('SNAPSHOT_NOT_FOUND', [snapshotId, clusterName]);
    return { cluster, config: cfg, snapshot: found };
  }

  #find(cfg: BackupConfig, id: string): Snapshot | undefined {
    const now = this.#now;
    const stored = cfg.snapshots.find((s) => s.id === id && expiryOf(s) > now);
    if (stored) return toSnapshot(stored, now);
    if (cfg.excluded.includes(id)) return undefined;
    const scheduled = new ScheduledSnapshots(cfg.epochs, now);
    const i = scheduled.indexOf(id);
    if (i === undefined) return undefined;
    const p = scheduled.at(i);
    return { id: p.id, createdAt: p.at, queuedUntil: p.at, completeAt: p.at + SNAPSHOT_MS, expiresAt: p.expiresAt, frequencyType: p.frequencyType, policyItemIds: p.policyItemIds, snapshotType: 'scheduled' };
  }

  statusOf(s: Snapshot): SnapshotStatus {
    const now = this.#now;
    return now < s.queuedUntil ? 'queued' : now < s.completeAt ? 'inProgress' : 'completed';
  }

  /** POST snapshots: an on-demand snapshot, queued now. */
  takeSnapshot(groupId: string, clusterName: string, input: { description?: string | undefined; retentionInDays?: number | undefined }): { cluster: Cluster; snapshot: Snapshot } {
    const cluster = this.world.clusters.get(groupId, clusterName);
    const cfg = this.#config(cluster);
    if (!cfg || cfg.epochs.length === 0) throw new AtlasError('BACKUP_JOB_NOT_FOUND', []);
    const days = input.retentionInDays ?? DEFAULT_ON_DEMAND_RETENTION_DAYS;
    if (days < 1) throw new AtlasError('BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID', []);
    const now = this.#now;
    const policy = this.#activePolicy(groupId);
    if (policy?.onDemandPolicyItem && now + days * DAY < addRetention(now, policy.onDemandPolicyItem.retentionUnit, policy.onDemandPolicyItem.retentionValue)) {
      throw new AtlasError('SNAPSHOT_RETENTION_LESS_THAN_BACKUP_COMPLIANCE_POLICY', []);
    }
    if (cfg.snapshots.some((s) => s.snapshotType === 'onDemand' && now < s.completeAt)) throw new AtlasError('UNFINISHED_ON_DEMAND_SNAPSHOT', []);
    const stored: StoredSnapshot = {
      id: this.world.ids.next(),
      createdAt: now,
      queuedUntil: now + SNAPSHOT_QUEUED_MS,
      completeAt: now + SNAPSHOT_MS,
      retentionMs: days * DAY,
      frequencyType: 'ondemand',
      policyItemIds: [],
      snapshotType: 'onDemand',
      ...(input.description !== undefined && { description: input.description }),
    };
    cfg.snapshots.unshift(stored);
    return { cluster, snapshot: toSnapshot(stored, now) };
  }

  /** PATCH snapshot: a new retention counted from the snapshot's creation. */
  updateRetention(groupId: string, clusterName: string, snapshotId: string, unit: 'DAYS' | 'WEEKS' | 'MONTHS' | 'YEARS', value: number): { cluster: Cluster; snapshot: Snapshot } {
    const { cluster, config: cfg, snapshot } = this.snapshot(groupId, clusterName, snapshotId, 'replicaSet');
    if (this.statusOf(snapshot) !== 'completed') throw new AtlasError('CANNOT_MODIFY_IN_PROGRESS_SNAPSHOT_RETENTION', []);
    if (value < 1) throw new AtlasError('BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID', []);
    const expiresAt = addRetention(snapshot.createdAt, UNITS[unit], value);
    if (this.#activePolicy(groupId) && expiresAt < snapshot.expiresAt) throw new AtlasError('CANNOT_DECREASE_SNAPSHOT_RETENTION_WITH_BACKUP_COMPLIANCE_POLICY', []);
    const stored = cfg.snapshots.find((s) => s.id === snapshotId);
    if (stored) {
      stored.expiresAt = expiresAt;
      delete stored.retentionMs;
    } else {
      cfg.excluded.push(snapshotId);
      const { expiresAt: _old, ...rest } = snapshot;
      insertByTime(cfg.snapshots, { ...rest, expiresAt, description: undefined });
    }
    return { cluster, snapshot: { ...snapshot, expiresAt } };
  }

  /** DELETE snapshot. */
  deleteSnapshot(groupId: string, clusterName: string, snapshotId: string, kind: 'replicaSet' | 'shardedCluster'): void {
    const { config: cfg, snapshot } = this.snapshot(groupId, clusterName, snapshotId, kind);
    if (this.statusOf(snapshot) !== 'completed') throw new AtlasError('CANNOT_DELETE_IN_PROGRESS_SNAPSHOT', [snapshotId]);
    if (this.#activePolicy(groupId)) throw new AtlasError('CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY', []);
    const i = cfg.snapshots.findIndex((s) => s.id === snapshotId);
    if (i >= 0) cfg.snapshots.splice(i, 1);
    else cfg.excluded.push(snapshotId);
  }

  // -------------------------------------------------------------------------
  // Restore jobs
  // -------------------------------------------------------------------------

  /**
   * POST restoreJobs. Automated and point-in-time restores need a target cluster that
   * the caller may restore into, in a project of the same designation as the source's
   * (the Government rule), and not paused or being restored; the target is busy
   * (UPDATING) until the restore is done.
   */
  createRestore(groupId: string, clusterName: string, input: RestoreInput, caller: Principal): RestoreJob {
    const source = this.world.clusters.get(groupId, clusterName);
    const cfg = this.#config(source);
    if (!cfg) throw new AtlasError('BACKUP_CONFIG_NOT_FOUND', [clusterName, groupId]);
    const now = this.#now;
    const toTarget = input.deliveryType !== 'download';
    const { targetClusterName, targetGroupId } = input;
    if (toTarget && targetClusterName === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['targetClusterName']);
    if (toTarget && targetGroupId === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['targetGroupId']);

    let timestamp: number;
    let snapshotId: string | undefined;
    if (input.deliveryType === 'pointInTime') {
      if (!source.pitEnabled || source.pitSince === undefined) {
        throw new AtlasError('INVALID_PIT_RESTORE_TIME', [], { detail: `Continuous Cloud Backup is not enabled for cluster ${clusterName}: a point-in-time restore needs it.` });
      }
      const seconds = input.pointInTimeUTCSeconds ?? (input.oplogInc !== undefined ? input.oplogTs : undefined);
      if (seconds === undefined) throw new AtlasError('INVALID_PIT_RESTORE_TIME', []);
      timestamp = seconds * SECOND;
      const windowStart = Math.max(source.pitSince, now - cfg.restoreWindowDays * DAY);
      if (timestamp < windowStart || timestamp > now) {
        throw new AtlasError('INVALID_PIT_RESTORE_TIME', [], { detail: `The point in time must lie within the restore window, from ${new Date(windowStart).toISOString()} to now.` });
      }
    } else {
      if (input.snapshotId === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['snapshotId']);
      const snap = this.#find(cfg, input.snapshotId);
      if (!snap) throw new AtlasError('SNAPSHOT_NOT_FOUND', [input.snapshotId, clusterName]);
      if (this.statusOf(snap) !== 'completed') throw new AtlasError('CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT', []);
      snapshotId = snap.id;
      timestamp = snap.createdAt;
    }

    let target: Cluster | undefined;
    if (targetGroupId !== undefined && targetClusterName !== undefined && toTarget) {
      const targetProject = this.world.projects.find(targetGroupId);
      const sourceProject = this.world.projects.get(groupId);
      if (!targetProject || !satisfiesAny(rolesOnGroup(caller, targetGroupId, targetProject.orgId), ['GROUP_BACKUP_MANAGER'])) {
        throw new AtlasError('CANNOT_RESTORE_TO_TARGET', []);
      }
      checkRestoreDesignation(sourceProject.regionUsageRestrictions, targetProject.regionUsageRestrictions);
      target = this.world.clusters.get(targetGroupId, targetClusterName);
      if (target.stateName === 'DELETING') throw new AtlasError('CLUSTER_ALREADY_REQUESTED_DELETION', [target.name]);
      if (target.paused) throw new AtlasError('CLUSTER_PAUSED_CANNOT_RESTORE', []);
      if (target.restoringUntil !== undefined && now < target.restoringUntil) throw new AtlasError('ATLAS_CLUSTER_RESTORE_IN_PROGRESS', []);
      if (kindOf(target) !== kindOf(source)) throw new AtlasError('INVALID_CLUSTER_CONFIGURATION', []);
    }

    const id = this.world.ids.next();
    const job: RestoreJob = {
      id,
      groupId,
      clusterName,
      deliveryType: input.deliveryType,
      timestamp,
      createdAt: now,
      readyAt: now + (toTarget ? RESTORE_MS : DOWNLOAD_READY_MS),
      cancelled: false,
      ...(snapshotId !== undefined && { snapshotId }),
      ...(target && { targetGroupId: target.groupId, targetClusterName: target.name, targetDeploymentItemName: `atlas-${target.replicaSetId}` }),
      ...(input.pointInTimeUTCSeconds !== undefined && { pointInTimeUTCSeconds: input.pointInTimeUTCSeconds }),
      ...(input.oplogTs !== undefined && { oplogTs: input.oplogTs }),
      ...(input.oplogInc !== undefined && { oplogInc: input.oplogInc }),
      ...(!toTarget && { deliveryUrl: `https://restore-${id}.${source.hostId}.${GOV_HOST_DOMAIN}:27017/${this.world.random.chars(24, ALNUM)}/restore-${snapshotId}.tar.gz` }),
    };
    this.#restores.put(job);
    if (target) this.world.clusters.startRestore(target, job.readyAt);
    return job;
  }

  /** The restore jobs listed under a source cluster, in creation order. */
  restoreJobs(groupId: string, clusterName: string): readonly RestoreJob[] {
    this.world.clusters.get(groupId, clusterName);
    return this.#restores.listOf(`${groupId}/${clusterName}`);
  }

  restoreJob(groupId: string, clusterName: string, id: string): RestoreJob {
    this.world.clusters.get(groupId, clusterName);
    const job = this.#restores.find(id);
    if (!job || job.groupId !== groupId || job.clusterName !== clusterName) throw new AtlasError('RESTORE_JOB_NOT_FOUND', [id, clusterName]);
    return job;
  }

  /** DELETE restoreJobs/{id}: only a download restore can be cancelled; automated ones run to the end. */
  cancelRestore(groupId: string, clusterName: string, id: string): void {
    const job = this.restoreJob(groupId, clusterName, id);
    if (job.deliveryType !== 'download') throw new AtlasError('CANNOT_CANCEL_AUTOMATED_RESTORE', []);
    if (this.restoreState(job).expired) throw new AtlasError('CANNOT_DOWNLOAD_EXPIRED_JOB', []);
    job.cancelled = true;
  }

  /** What the clock says of a restore job. */
  restoreState(job: RestoreJob): { finishedAt?: number; deliveryUrl: string[]; expiresAt?: number; expired: boolean } {
    const now = this.#now;
    if (job.deliveryType !== 'download') return { ...(now >= job.readyAt && { finishedAt: job.readyAt }), deliveryUrl: [], expired: false };
    if (job.cancelled || now < job.readyAt) return { deliveryUrl: [], expired: false };
    const expiresAt = job.readyAt + DOWNLOAD_VALID_MS;
    return { deliveryUrl: job.deliveryUrl ? [job.deliveryUrl] : [], expiresAt, expired: now >= expiresAt };
  }

  // -------------------------------------------------------------------------
  // Export buckets and export jobs
  // -------------------------------------------------------------------------

  createBucket(groupId: string, input: { bucketName?: string | undefined; cloudProvider: string; iamRoleId?: string | undefined; roleId?: string | undefined }): ExportBucket {
    const project = this.world.projects.get(groupId);
    const provider = checkExportBucketProvider(project.regionUsageRestrictions, input.cloudProvider);
    if (input.bucketName === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['bucketName']);
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(input.bucketName)) throw new AtlasError('EXPORT_BUCKET_NAME_INVALID', []);
    if (provider === 'AWS' && input.iamRoleId === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['iamRoleId']);
    if (provider === 'GCP' && input.roleId === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['roleId']);
    return this.#buckets.put({
      id: this.world.ids.next(),
      groupId,
      bucketName: input.bucketName,
      cloudProvider: provider,
      ...(provider === 'AWS' ? { iamRoleId: input.iamRoleId! } : { roleId: input.roleId! }),
    });
  }

  buckets(groupId: string): readonly ExportBucket[] {
    this.world.projects.get(groupId);
    return this.#buckets.listOf(groupId);
  }

  bucket(groupId: string, id: string): ExportBucket {
    const b = this.#buckets.find(id);
    if (!b || b.groupId !== groupId) throw new AtlasError('EXPORT_BUCKET_NOT_FOUND', [id]);
    return b;
  }

  /**
   * Turns private networking to the bucket on or off (`PATCH /exportBuckets/{id}`, 2026-08
   * document, whose answer is the AWS bucket view). Decision: a GCP bucket has no such
   * setting, 400 INVALID_ATTRIBUTE requirePrivateNetworking.
   */
  setPrivateNetworking(groupId: string, id: string, required: boolean): ExportBucket {
    this.world.projects.get(groupId);
    const b = this.bucket(groupId, id);
    if (b.cloudProvider !== 'AWS') throw new AtlasError('INVALID_ATTRIBUTE', ['requirePrivateNetworking']);
    b.requirePrivateNetworking = required;
    return b;
  }

  /** A bucket that a schedule exports to automatically cannot go. */
  deleteBucket(groupId: string, id: string): void {
    this.bucket(groupId, id);
    if (this.#configs.listOf(groupId).some((c) => c.autoExportEnabled && c.export?.exportBucketId === id)) throw new AtlasError('EXPORT_BUCKET_DELETE_FAILED', [id]);
    this.#buckets.drop(id);
  }

  createExport(groupId: string, clusterName: string, input: { snapshotId: string; exportBucketId: string; customData?: Array<{ key: string; value: string }> | undefined }): ExportJob {
    const cluster = this.world.clusters.get(groupId, clusterName);
    this.bucket(groupId, input.exportBucketId);
    const { config: cfg, snapshot } = this.snapshot(groupId, clusterName, input.snapshotId, kindOf(cluster));
    if (this.statusOf(snapshot) !== 'completed') throw new AtlasError('CANNOT_DOWNLOAD_INCOMPLETE_SNAPSHOT', []);
    const project = this.world.projects.get(groupId);
    const now = this.#now;
    const names = cfg.useOrgAndGroupNamesInExportPrefix;
    const org = names ? (this.world.orgs.find(project.orgId)?.name ?? project.orgId) : project.orgId;
    const prefix = `/exported_snapshots/${org}/${names ? project.name : groupId}/${clusterName}/${new Date(snapshot.createdAt).toISOString().slice(0, 10)}/${Math.floor(now / SECOND)}`;
    return this.#exports.put({
      id: this.world.ids.next(),
      groupId,
      clusterName,
      snapshotId: snapshot.id,
      exportBucketId: input.exportBucketId,
      customData: input.customData ?? [],
      createdAt: now,
      prefix,
      totalCollections: this.world.random.int(1, 40),
    });
  }

  exports(groupId: string, clusterName: string): readonly ExportJob[] {
    this.world.clusters.get(groupId, clusterName);
    return this.#exports.listOf(`${groupId}/${clusterName}`);
  }

  exportJob(groupId: string, clusterName: string, id: string): ExportJob {
    this.world.clusters.get(groupId, clusterName);
    const job = this.#exports.find(id);
    // Decision: the document names no code for a missing export job; RESOURCE_NOT_FOUND says what is missing.
    if (!job || job.groupId !== groupId || job.clusterName !== clusterName) throw new AtlasError('RESOURCE_NOT_FOUND', [`export job ${id}`]);
    return job;
  }

  exportState(job: ExportJob): { state: 'Queued' | 'InProgress' | 'Successful'; exported: number; finishedAt?: number } {
    const elapsed = this.#now - job.createdAt;
    if (elapsed < EXPORT_QUEUED_MS) return { state: 'Queued', exported: 0 };
    if (elapsed < EXPORT_MS) return { state: 'InProgress', exported: Math.floor((job.totalCollections * (elapsed - EXPORT_QUEUED_MS)) / (EXPORT_MS - EXPORT_QUEUED_MS)) };
    return { state: 'Successful', exported: job.totalCollections, finishedAt: job.createdAt + EXPORT_MS };
  }

  // -------------------------------------------------------------------------
  // Backup Compliance Policy
  // -------------------------------------------------------------------------

  compliancePolicy(groupId: string): CompliancePolicy | undefined {
    this.world.projects.get(groupId);
    return this.#policies.find(groupId);
  }

  /** The policy in force (any state but disabled), which every rule above consults. */
  #activePolicy(groupId: string): CompliancePolicy | undefined {
    return this.#policies.find(groupId);
  }

  policyState(p: CompliancePolicy): 'ENABLING' | 'UPDATING' | 'ACTIVE' {
    return this.#now >= p.settledAt ? 'ACTIVE' : p.firstEnabled ? 'ENABLING' : 'UPDATING';
  }

  /**
   * PUT: turns the policy on or changes it. Once on, it can only grow stricter: items
   * cannot be removed or shortened, the restore window not shortened, and protections
   * not turned off. With `overwriteBackupPolicies` false, clusters whose schedule does
   * not meet the policy make the request fail instead of being raised to it.
   */
  updateCompliancePolicy(groupId: string, input: CompliancePolicyInput, overwrite: boolean, who: string): CompliancePolicy {
    const project = this.world.projects.get(groupId);
    const current = this.#policies.find(groupId);
    const items = (input.scheduledPolicyItems ?? []).map((i) => {
      if (!INTERVALS[i.frequencyType].includes(i.frequencyInterval) || i.retentionValue < 1) throw new AtlasError('BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID', []);
      return { id: current?.scheduledPolicyItems.find((x) => x.frequencyType === i.frequencyType)?.id ?? this.world.ids.next(), frequencyType: i.frequencyType, frequencyInterval: i.frequencyInterval, retentionUnit: i.retentionUnit, retentionValue: i.retentionValue };
    });
    const od = input.onDemandPolicyItem;
    if (od && od.retentionValue < 1) throw new AtlasError('BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID', []);
    if (input.restoreWindowDays !== undefined && input.restoreWindowDays < 1) throw new AtlasError('INVALID_RESTORE_WINDOW', []);
    if (current) {
      for (const old of current.scheduledPolicyItems) {
        const n = items.find((i) => i.frequencyType === old.frequencyType);
        if (!n || retentionDays(n.retentionUnit, n.retentionValue) < retentionDays(old.retentionUnit, old.retentionValue)) {
          throw new AtlasError('BACKUP_POLICY_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS', []);
        }
      }
      if (current.onDemandPolicyItem && (!od || retentionDays(od.retentionUnit, od.retentionValue) < retentionDays(current.onDemandPolicyItem.retentionUnit, current.onDemandPolicyItem.retentionValue))) {
        throw new AtlasError('BACKUP_POLICY_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS', []);
      }
      if (current.restoreWindowDays !== undefined && (input.restoreWindowDays ?? 0) < current.restoreWindowDays) throw new AtlasError('CANNOT_DECREASE_PIT_WINDOW_WITH_BACKUP_COMPLIANCE_POLICY', []);
      if (current.pitEnabled && input.pitEnabled !== true) throw new AtlasError('CANNOT_DISABLE_PIT_WITH_BACKUUP_COMPLIANCE_POLICY', []);
      if (current.encryptionAtRestEnabled && input.encryptionAtRestEnabled !== true) throw new AtlasError('CANNOT_DISABLE_ENCRYPTION_AT_REST_WITH_BACKUP_COMPLIANCE_POLICY', []);
      if (current.copyProtectionEnabled && input.copyProtectionEnabled !== true) throw new AtlasError('BACKUP_POLICY_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS', []);
    }
    const policyItems = items.map((i) => ({ ...i }));
    // Schedules below the policy: raised to it (the default), or the request fails.
    const configs = this.world.clusters.listIn(groupId).flatMap((c) => {
      const cfg = this.#config(c);
      return cfg ? [cfg] : [];
    });
    const raise: Array<[BackupConfig, PolicyItem[]]> = [];
    for (const cfg of configs) {
      const merged = raiseTo(cfg.items, policyItems);
      if (merged === cfg.items) continue;
      if (!overwrite) throw new AtlasError('BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS', [cfg.clusterName]);
      raise.push([cfg, merged]);
    }
    const now = this.#now;
    const policy: CompliancePolicy = {
      groupId: project.id,
      authorizedEmail: input.authorizedEmail,
      authorizedUserFirstName: input.authorizedUserFirstName,
      authorizedUserLastName: input.authorizedUserLastName,
      copyProtectionEnabled: input.copyProtectionEnabled ?? false,
      encryptionAtRestEnabled: input.encryptionAtRestEnabled ?? false,
      pitEnabled: input.pitEnabled ?? false,
      ...(input.restoreWindowDays !== undefined && { restoreWindowDays: input.restoreWindowDays }),
      scheduledPolicyItems: policyItems,
      ...(od && { onDemandPolicyItem: { id: current?.onDemandPolicyItem?.id ?? this.world.ids.next(), frequencyInterval: od.frequencyInterval, retentionUnit: od.retentionUnit, retentionValue: od.retentionValue } }),
      deletable: current?.deletable ?? false,
      updatedDate: now,
      updatedUser: who,
      settledAt: now + SNAPSHOT_MS,
      firstEnabled: !current,
    };
    for (const [cfg, merged] of raise) {
      cfg.items = merged;
      this.#newEpoch(cfg, false);
    }
    return this.#policies.put(policy);
  }

  /**
   * DELETE: only MongoDB Support can make a policy deletable (`deletable`), so through
   * the API this is refused while a policy is on. Decision: 400
   * BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID with a message saying so (no documented
   * code; wire-facts-wave2 6.6 says 400).
   */
  disableCompliancePolicy(groupId: string): void {
    this.world.projects.get(groupId);
    const p = this.#policies.find(groupId);
    if (!p) return;
    if (!p.deletable) {
      throw new AtlasError('BACKUP_COMPLIANCE_POLICY_SETTINGS_INVALID', [], { detail: 'The Backup Compliance Policy can only be disabled after MongoDB Support has approved it (deletable is false).' });
    }
    this.#policies.drop(groupId);
  }
}

function kindOf(c: Cluster): 'replicaSet' | 'shardedCluster' {
  return c.clusterType === 'SHARDED' ? 'shardedCluster' : 'replicaSet';
}

function expiryOf(s: StoredSnapshot): number {
  if (s.expiresAt !== undefined) return s.expiresAt;
  return s.completeAt + (s.retentionMs ?? 0);
}

/** A stored snapshot as of `now`: an on-demand snapshot's expiry runs from its creation, and from its completion once complete. */
function toSnapshot(s: StoredSnapshot, now: number): Snapshot {
  return { ...s, expiresAt: s.expiresAt ?? (now >= s.completeAt ? s.completeAt : s.createdAt) + (s.retentionMs ?? 0) };
}

/** How many of the sorted numbers are below `limit`. */
function countBelow(sorted: readonly number[], limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts a snapshot into a newest-first list. */
function insertByTime(list: StoredSnapshot[], s: Snapshot): void {
  const stored: StoredSnapshot = {
    id: s.id,
    createdAt: s.createdAt,
    queuedUntil: s.queuedUntil,
    completeAt: s.completeAt,
    expiresAt: s.expiresAt,
    frequencyType: s.frequencyType,
    policyItemIds: s.policyItemIds,
    snapshotType: s.snapshotType,
  };
  const i = list.findIndex((x) => x.createdAt < s.createdAt);
  list.splice(i < 0 ? list.length : i, 0, stored);
}

/** A schedule raised to a compliance policy's items, or the same array when it already meets them. */
function raiseTo(items: PolicyItem[], policy: readonly PolicyItem[]): PolicyItem[] {
  let changed = false;
  const out = items.map((i) => ({ ...i }));
  for (const p of policy) {
    const i = out.find((x) => x.frequencyType === p.frequencyType);
    if (!i) {
      out.push({ ...p });
      changed = true;
    } else if (retentionDays(i.retentionUnit, i.retentionValue) < retentionDays(p.retentionUnit, p.retentionValue)) {
      Object.assign(i, { retentionUnit: p.retentionUnit, retentionValue: p.retentionValue });
      changed = true;
    }
  }
  if (!changed) return items;
  const order = [...FREQUENCY_TYPES];
  return out.sort((a, b) => order.indexOf(a.frequencyType) - order.indexOf(b.frequencyType));
}
