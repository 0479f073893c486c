import type { RegionUsageRestrictions } from './projects.js';
import type { Description } from './clusterRecords.js';

/**
 * A cluster request as every version's contract parses it (null means absent), and
 * the options of turning one into a configuration.
 */

export type Maybe<T> = T | null | undefined;

export const isSet = <T>(v: Maybe<T>): v is T => v !== null && v !== undefined;

export interface HardwareInput {
  instanceSize?: Maybe<string>;
  nodeCount?: Maybe<number>;
  diskSizeGB?: Maybe<number>;
  diskIOPS?: Maybe<number>;
  ebsVolumeType?: Maybe<'STANDARD' | 'PROVISIONED'>;
}

export interface AutoScalingInput {
  compute?: Maybe<{
    enabled?: Maybe<boolean>;
    scaleDownEnabled?: Maybe<boolean>;
    predictiveEnabled?: Maybe<boolean>;
    minInstanceSize?: Maybe<string>;
    maxInstanceSize?: Maybe<string>;
  }>;
  diskGB?: Maybe<{ enabled?: Maybe<boolean> }>;
}

export interface RegionConfigInput {
  providerName?: Maybe<string>;
  regionName?: Maybe<string>;
  priority?: Maybe<number>;
  electableSpecs?: Maybe<HardwareInput>;
  readOnlySpecs?: Maybe<HardwareInput>;
  analyticsSpecs?: Maybe<HardwareInput>;
  autoScaling?: Maybe<AutoScalingInput>;
  analyticsAutoScaling?: Maybe<AutoScalingInput>;
}

export interface ReplicationSpecInput {
  id?: Maybe<string>;
  zoneName?: Maybe<string>;
  /** 2023-02-01 only. */
  numShards?: Maybe<number>;
  regionConfigs?: Maybe<RegionConfigInput[]>;
}

export interface ClusterInput {
  name?: Maybe<string>;
  clusterType?: Maybe<string>;
  /** 2023-02-01 only (later versions carry it in every hardware spec). */
  diskSizeGB?: Maybe<number>;
  replicationSpecs?: Maybe<ReplicationSpecInput[]>;
  advancedConfiguration?: Maybe<{
    customOpensslCipherConfigTls12?: Maybe<string[]>;
    customOpensslCipherConfigTls13?: Maybe<string[]>;
    minimumEnabledTlsProtocol?: Maybe<Description['advancedConfiguration']['minimumEnabledTlsProtocol']>;
    tlsCipherConfigMode?: Maybe<Description['advancedConfiguration']['tlsCipherConfigMode']>;
  }>;
  backupEnabled?: Maybe<boolean>;
  biConnector?: Maybe<{ enabled?: Maybe<boolean>; readPreference?: Maybe<string> }>;
  configServerManagementMode?: Maybe<Description['configServerManagementMode']>;
  diskWarmingMode?: Maybe<Description['diskWarmingMode']>;
  encryptionAtRestProvider?: Maybe<Description['encryptionAtRestProvider']>;
  globalClusterSelfManagedSharding?: Maybe<boolean>;
  labels?: Maybe<Array<{ key: string; value: string }>>;
  mongoDBMajorVersion?: Maybe<string>;
  paused?: Maybe<boolean>;
  pitEnabled?: Maybe<boolean>;
  redactClientLogData?: Maybe<boolean>;
  replicaSetScalingStrategy?: Maybe<Description['replicaSetScalingStrategy']>;
  tags?: Maybe<Array<{ key: string; value: string }>>;
  terminationProtectionEnabled?: Maybe<boolean>;
  versionReleaseSystem?: Maybe<Description['versionReleaseSystem']>;
}

/**
 * How a version lays out `replicationSpecs`: 2023-02-01 sends one spec per zone with
 * `numShards`, 2024-08-05 and later one spec per shard.
 */
export type SpecLayout = 'zones' | 'shards';

export interface ConfigureOptions {
  layout: SpecLayout;
  restriction: RegionUsageRestrictions;
  groupId: string;
  /** The cluster being updated; absent for a create. */
  current?: { name: string } & Description;
  newId(): string;
  /** Name uniqueness, run right after the name rules on create (needs the other clusters). */
  checkName?(name: string): void;
}
