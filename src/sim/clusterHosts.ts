import { hostnamePrefix } from './clusterConfiguration.js';
import type { Description } from './clusterRecords.js';

/**
 * Host names and connection strings of a dedicated cluster, as Atlas forms them
 * (wire-facts F, recorded `connectionStrings`), under the Government domain.
 *
 * Replica set: `mongodb://<prefix>-shard-00-0N.<hostId>.<domain>:27017,...` with
 * `replicaSet=atlas-<id>-shard-0`. Sharded (recorded with an embedded config server): one
 * mongos per node on port 27016, the first shard's hosts named `config-00`, the others
 * `shard-00`, `shard-01`, ..., and no `replicaSet`. The SRV record is
 * `mongodb+srv://<prefix>.<hostId>.<domain>`. `<prefix>` is the first 23 characters of the
 * name, lower-cased.
 */

/** Atlas for Government clusters live under `mongodbgov.net` (wire-facts E). */
export const GOV_HOST_DOMAIN = 'mongodbgov.net';

/** What the hosts of a cluster are named after. */
export interface HostIdentity {
  name: string;
  /** 6 lower-case letters and digits (`6pl8bz` recorded). */
  hostId: string;
  /** 6 lower-case letters and digits of the replica set name (`atlas-wkiyww-shard-0`). */
  replicaSetId: string;
  /** Hosts exist once the cluster first became IDLE; before, `connectionStrings` is `{}`. */
  hostsReady: boolean;
}

type HostedCluster = HostIdentity & Pick<Description, 'clusterType' | 'configServerManagementMode' | 'shards'>;

/**
 * `configServerType` of a sharded cluster. Decision: an Atlas-managed cluster keeps its
 * config server embedded in the first shard (as recorded for a two-shard cluster); only
 * `FIXED_TO_DEDICATED` gets a dedicated config server replica set.
 */
export function configServerType(c: Pick<Description, 'configServerManagementMode'>): 'EMBEDDED' | 'DEDICATED' {
  return c.configServerManagementMode === 'FIXED_TO_DEDICATED' ? 'DEDICATED' : 'EMBEDDED';
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Members of a shard: every node of every region config. */
function nodesOf(shard: Description['shards'][number]): number {
  return shard.regionConfigs.reduce((n, rc) => n + rc.electableSpecs.nodeCount + rc.readOnlySpecs.nodeCount + rc.analyticsSpecs.nodeCount, 0);
}

/** One MongoDB process of a cluster: `hostname:port` is its process id (`/processes/{processId}`). */
export interface ClusterProcess {
  /** The host name under the cluster's name (what connection strings and `userAlias` show). */
  hostname: string;
  /** The same host under Atlas's internal `atlas-<replicaSetId>` name. */
  internalHostname: string;
  port: number;
  /** `mongod` of a replica set or shard member, or the `mongos` router of a sharded cluster. */
  kind: 'mongod' | 'mongos';
  /** Label of the replica set the member belongs to (`shard-00`, `config-00`, ...); absent for a router. */
  shardLabel?: string;
}

/**
 * The processes of a cluster once its hosts exist (none before): one `mongod` per node of
 * each shard on 27017 and, for a sharded cluster, one `mongos` per node on 27016, the
 * routers named as in the connection string.
 */
export function clusterProcesses(c: HostedCluster): ClusterProcess[] {
  if (!c.hostsReady) return [];
  const prefix = hostnamePrefix(c.name);
  const domain = `${c.hostId}.${GOV_HOST_DOMAIN}`;
  const out: ClusterProcess[] = [];
  const sharded = c.clusterType !== 'REPLICASET';
  const embedded = configServerType(c) === 'EMBEDDED';
  c.shards.forEach((shard, k) => {
    const label = sharded && embedded ? (k === 0 ? 'config-00' : `shard-${pad(k - 1)}`) : `shard-${pad(k)}`;
    for (let i = 0; i < nodesOf(shard); i++) {
      const host = `${label}-${pad(i)}.${domain}`;
      if (sharded) out.push({ hostname: `${prefix}-${host}`, internalHostname: `atlas-${c.replicaSetId}-${host}`, port: 27016, kind: 'mongos' });
      out.push({ hostname: `${prefix}-${host}`, internalHostname: `atlas-${c.replicaSetId}-${host}`, port: 27017, kind: 'mongod', shardLabel: label });
    }
  });
  return out;
}

/** `connectionStrings` as the cluster views show it, keys in wire order. */
export function connectionStrings(c: HostedCluster): Record<string, unknown> {
  const prefix = hostnamePrefix(c.name);
  const domain = `${c.hostId}.${GOV_HOST_DOMAIN}`;
  const srv = `mongodb+srv://${prefix}.${domain}`;
  if (c.clusterType === 'REPLICASET') {
    if (!c.hostsReady) return {};
    const hosts = Array.from({ length: nodesOf(c.shards[0]!) }, (_, i) => `${prefix}-shard-00-${pad(i)}.${domain}:27017`);
    return {
      standard: `mongodb://${hosts.join(',')}/?ssl=true&authSource=admin&replicaSet=atlas-${c.replicaSetId}-shard-0`,
      standardSrv: srv,
    };
  }
  // Sharded clusters show their (empty) private endpoint strings from the start (recorded).
  const out: Record<string, unknown> = { awsPrivateLinkSrv: {}, privateEndpoint: [] };
  if (!c.hostsReady) return out;
  const embedded = configServerType(c) === 'EMBEDDED';
  const hosts: string[] = [];
  c.shards.forEach((shard, k) => {
    const label = embedded ? (k === 0 ? 'config-00' : `shard-${pad(k - 1)}`) : `shard-${pad(k)}`;
    for (let i = 0; i < nodesOf(shard); i++) hosts.push(`${prefix}-${label}-${pad(i)}.${domain}:27016`);
  });
  out.standard = `mongodb://${hosts.join(',')}/?ssl=true&authSource=admin`;
  out.standardSrv = srv;
  return out;
}
