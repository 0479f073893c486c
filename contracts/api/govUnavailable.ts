/**
 * Features MongoDB documents as unavailable in Atlas for Government (wire-facts E, from
 * the Atlas for Government feature matrix), and the operations of the official document
 * that belong to them, by tag or operationId. The coverage report counts these as
 * "unavailable in Atlas for Government"; a catalog entry for one of them must say
 * `unavailableInGov`.
 *
 * Not listed because no operation is theirs alone: Prometheus (an integration type of
 * the third-party integration operations), SCRAM-SHA-1 (a database-user setting);
 * Triggers, Charts and Device Sync have no Administration API operations at all.
 */
export interface GovUnavailableFeature {
  readonly feature: string;
  /** Document tags whose operations all belong to the feature. */
  readonly tags?: readonly string[];
  /** Further operations of the feature under other tags. */
  readonly operationIds?: readonly string[];
}

export const GOV_UNAVAILABLE_FEATURES: readonly GovUnavailableFeature[] = [
  { feature: 'Online Archive', tags: ['Online Archive'] },
  { feature: 'Data Federation and Data Lake', tags: ['Data Federation', 'Data Lake Pipelines'] },
  { feature: 'Stream Processing', tags: ['Streams'] },
  { feature: 'Flex clusters, their snapshots and restores', tags: ['Flex Clusters', 'Flex Snapshots', 'Flex Restore Jobs'] },
  {
    feature: 'Free and shared-tier clusters (M0, M2, M5)',
    tags: ['Shared-Tier Snapshots', 'Shared-Tier Restore Jobs'],
    operationIds: ['upgradeSharedCluster', 'upgradeSharedClusterToServerless'],
  },
  { feature: 'Push-based log export to S3', tags: ['Push-Based Log Export'] },
  { feature: 'Global Clusters', tags: ['Global Clusters'] },
  /*
   * Decision [M]: serverless instances are not offered. The Gov feature matrix predates
   * their retirement and does not name them, but MongoDB's Kubernetes operator page for
   * Atlas for Government says it "doesn't support ... Serverless instances" beside Data
   * Federation and Flex, both Gov-unavailable; and since January 2026 serverless instances
   * are retired everywhere (migrated to Flex or dedicated clusters, their APIs removed).
   * Their private endpoints, the serverless snapshots and restore jobs of the Cloud Backups
   * tag and the serverless auto-indexing switch of the Performance Advisor belong with them.
   */
  {
    feature: 'Serverless instances',
    tags: ['Serverless Instances', 'Serverless Private Endpoints'],
    operationIds: [
      'listServerlessBackups',
      'getServerlessBackup',
      'listServerlessBackupRestoreJobs',
      'createServerlessBackupRestoreJob',
      'getServerlessBackupRestoreJob',
      'getServerlessAutoIndexing',
      'setServerlessAutoIndexing',
    ],
  },
  /*
   * Decision [M]: legacy backup is not offered. The document's own description of these
   * operations says that from 23 March 2020 every new cluster uses Cloud Backups only, and
   * a 4.2 upgrade moves a legacy cluster to Cloud Backups; Atlas for Government clusters
   * (M20+, its feature matrix lists Cloud Backups by region) are all of that kind, so no
   * cluster has a legacy snapshot, checkpoint or schedule to act on.
   */
  { feature: 'Legacy backup', tags: ['Legacy Backup'] },
];

/** The Gov-unavailable feature an operation of the document belongs to, if any. */
export function govUnavailableFeature(op: { operationId: string; tags: readonly string[] }): GovUnavailableFeature | undefined {
  return GOV_UNAVAILABLE_FEATURES.find((f) => f.operationIds?.includes(op.operationId) || op.tags.some((t) => f.tags?.includes(t)));
}
