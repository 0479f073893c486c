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
    // The document: these "return a value for Flex clusters that were created with the
    // createServerlessInstance endpoint or Flex clusters that were migrated from Serverless
    // instances": Flex clusters, which Atlas for Government does not offer.
    feature: 'Auto-indexing of Flex clusters migrated from serverless instances',
    operationIds: ['getServerlessAutoIndexing', 'setServerlessAutoIndexing'],
  },
  {
    feature: 'Free and shared-tier clusters (M0, M2, M5)',
    tags: ['Shared-Tier Snapshots', 'Shared-Tier Restore Jobs'],
    operationIds: ['upgradeSharedCluster', 'upgradeSharedClusterToServerless'],
  },
  { feature: 'Push-based log export to S3', tags: ['Push-Based Log Export'] },
  { feature: 'Global Clusters', tags: ['Global Clusters'] },
];

/** The Gov-unavailable feature an operation of the document belongs to, if any. */
export function govUnavailableFeature(op: { operationId: string; tags: readonly string[] }): GovUnavailableFeature | undefined {
  return GOV_UNAVAILABLE_FEATURES.find((f) => f.operationIds?.includes(op.operationId) || op.tags.some((t) => f.tags?.includes(t)));
}
