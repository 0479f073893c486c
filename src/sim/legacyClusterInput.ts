import type { AutoScalingInput, ClusterInput, Maybe, RegionConfigInput } from './clusterInput.js';
import { isSet } from './clusterInput.js';
import type { Description, RegionConfig } from './clusterRecords.js';
import { AtlasError } from './errors.js';

/**
 * The 2023-01-01 cluster versions describe a cluster the way Atlas's first API did: one
 * provider, instance size and volume for the whole cluster (`providerSettings`), and
 * regions as node counts (`regionsConfig`). This turns such a body into the input of the
 * current rules (one replication spec per zone, as 2023-02-01 sends), filling what an
 * update leaves out from the cluster as it is, so that every rule applies unchanged.
 */
export interface LegacyRegionNodes {
  analyticsNodes?: Maybe<number>;
  electableNodes?: Maybe<number>;
  priority?: Maybe<number>;
  readOnlyNodes?: Maybe<number>;
}

export interface LegacyClusterInput extends Omit<ClusterInput, 'replicationSpecs'> {
  autoScaling?: Maybe<{ compute?: Maybe<{ enabled?: Maybe<boolean>; scaleDownEnabled?: Maybe<boolean>; predictiveEnabled?: Maybe<boolean> }>; diskGBEnabled?: Maybe<boolean> }>;
  numShards?: Maybe<number>;
  providerBackupEnabled?: Maybe<boolean>;
  providerSettings?: Maybe<{
    providerName?: Maybe<string>;
    instanceSizeName?: Maybe<string>;
    regionName?: Maybe<string>;
    diskIOPS?: Maybe<number>;
    volumeType?: Maybe<'STANDARD' | 'PROVISIONED'>;
    autoScaling?: Maybe<{ compute?: Maybe<{ maxInstanceSize?: Maybe<string>; minInstanceSize?: Maybe<string> }> }>;
  }>;
  replicationFactor?: Maybe<number>;
  replicationSpec?: Maybe<Record<string, LegacyRegionNodes>>;
  replicationSpecs?: Maybe<Array<{ id?: Maybe<string>; numShards?: Maybe<number>; regionsConfig?: Maybe<Record<string, LegacyRegionNodes>>; zoneName?: Maybe<string> }>>;
}

export function fromLegacyInput(input: LegacyClusterInput, current?: Description): ClusterInput {
  const { autoScaling, numShards, providerBackupEnabled, providerSettings: ps, replicationFactor, replicationSpec, replicationSpecs, backupEnabled, ...rest } = input;
  // `backupEnabled` is the legacy continuous backup, gone from Atlas; cloud backup is `providerBackupEnabled`.
  if (backupEnabled === true) throw new AtlasError(current ? 'CONTINUOUS_BACKUP_NOT_SUPPORTED_ON_CLUSTER_UPDATE' : 'CONTINUOUS_BACKUP_NOT_SUPPORTED_ON_NEW_CLUSTERS', []);
  const out: ClusterInput = { ...rest, ...(isSet(providerBackupEnabled) && { backupEnabled: providerBackupEnabled }) };
  const touchesTopology = isSet(ps) || isSet(replicationSpec) || isSet(replicationSpecs) || isSet(numShards) || isSet(replicationFactor) || isSet(autoScaling);
  if (!touchesTopology && current) return out;

  // A new cluster needs its name, then its provider settings (the version's required attributes).
  if (!current && (!isSet(rest.name) || rest.name === '')) throw new AtlasError('MISSING_ATTRIBUTE', ['name']);
  if (!current && !isSet(ps)) throw new AtlasError('MISSING_ATTRIBUTE', ['providerSettings']);
  const cur = current?.shards[0]?.regionConfigs;
  const curFirst = cur?.[0];
  const provider = ps?.providerName ?? curFirst?.providerName;
  const size = ps?.instanceSizeName ?? curFirst?.electableSpecs.instanceSize;
  const spec = replicationSpecs?.[0];
  const fromCurrent = cur && Object.fromEntries(cur.map((rc) => [rc.regionName, { electableNodes: rc.electableSpecs.nodeCount, readOnlyNodes: rc.readOnlySpecs.nodeCount, analyticsNodes: rc.analyticsSpecs.nodeCount, priority: rc.priority }]));
  const regions: Record<string, LegacyRegionNodes> | undefined =
    spec?.regionsConfig ?? replicationSpec ?? (isSet(ps?.regionName) ? { [ps.regionName]: { electableNodes: replicationFactor ?? 3, priority: 7 } } : fromCurrent);
  const compute = autoScaling?.compute;
  const scaling: AutoScalingInput | undefined =
    isSet(autoScaling) || isSet(ps?.autoScaling)
      ? {
          compute: {
            enabled: compute?.enabled ?? curFirst?.autoScaling.compute.enabled,
            scaleDownEnabled: compute?.scaleDownEnabled ?? curFirst?.autoScaling.compute.scaleDownEnabled,
            predictiveEnabled: compute?.predictiveEnabled,
            maxInstanceSize: ps?.autoScaling?.compute?.maxInstanceSize ?? curFirst?.autoScaling.compute.maxInstanceSize,
            minInstanceSize: ps?.autoScaling?.compute?.minInstanceSize ?? curFirst?.autoScaling.compute.minInstanceSize,
          },
          diskGB: { enabled: autoScaling?.diskGBEnabled ?? curFirst?.autoScaling.diskGB.enabled },
        }
      : undefined;
  const regionConfigs: RegionConfigInput[] | undefined =
    regions &&
    Object.entries(regions).map(([regionName, r]) => ({
      providerName: provider,
      regionName,
      priority: r.priority,
      electableSpecs: {
        instanceSize: size,
        nodeCount: r.electableNodes ?? 0,
        ...(isSet(ps?.diskIOPS) && { diskIOPS: ps.diskIOPS }),
        ...(isSet(ps?.volumeType) && { ebsVolumeType: ps.volumeType }),
      },
      readOnlySpecs: { instanceSize: size, nodeCount: r.readOnlyNodes ?? 0 },
      analyticsSpecs: { instanceSize: size, nodeCount: r.analyticsNodes ?? 0 },
      ...(scaling && { autoScaling: scaling }),
    }));
  out.replicationSpecs = [
    {
      ...(isSet(spec?.id) && { id: spec.id }),
      ...(isSet(spec?.zoneName) && { zoneName: spec.zoneName }),
      numShards: spec?.numShards ?? numShards ?? current?.shards.length ?? 1,
      regionConfigs,
    },
  ];
  return out;
}

/**
 * The region config whose provider, size and volume the 2023-01-01 view shows for the
 * whole cluster (the highest priority one). That view names one provider: a cluster on
 * several cannot be read through it (400 MULTI_CLOUD_CLUSTER_INVALID).
 */
export function legacyMainRegion(c: Pick<Description, 'shards'>): RegionConfig {
  const first = c.shards[0]!.regionConfigs;
  if (new Set(first.map((rc) => rc.providerName)).size > 1) throw new AtlasError('MULTI_CLOUD_CLUSTER_INVALID', []);
  return first.find((rc) => rc.priority === 7) ?? first[0]!;
}
