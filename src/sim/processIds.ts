import { clusterProcesses, type ClusterProcess } from './clusterHosts.js';
import type { Cluster } from './clusters.js';
import { AtlasError } from './errors.js';
import type { World } from './world.js';

/** A process of a project's cluster, found by its `hostname:port` process id. */
export interface ProcessRef {
  cluster: Cluster;
  process: ClusterProcess;
  /** The process id as the caller wrote it. */
  processId: string;
}

/**
 * The process a `{processId}` path parameter names: `hostname:port` of a running cluster
 * of the project. Both host names of a node are accepted, the one under the cluster's
 * name (`userAlias`, connection strings) and Atlas's internal `atlas-<id>` one. Anything
 * else, including a cluster whose hosts do not exist yet, is 404
 * HOSTNAME_AND_PORT_NOT_FOUND.
 */
export function findProcess(world: World, groupId: string, processId: string): ProcessRef {
  const colon = processId.lastIndexOf(':');
  const host = colon > 0 ? processId.slice(0, colon).toLowerCase() : '';
  const port = colon > 0 ? Number(processId.slice(colon + 1)) : NaN;
  if (host && Number.isInteger(port)) {
    for (const cluster of world.clusters.listIn(groupId)) {
      if (cluster.stateName === 'DELETING') continue;
      const process = clusterProcesses(cluster).find((p) => p.port === port && (p.hostname === host || p.internalHostname === host));
      if (process) return { cluster, process, processId };
    }
  }
  throw new AtlasError('HOSTNAME_AND_PORT_NOT_FOUND', [processId, groupId]);
}

/** `hostname:port` of a process. */
export const processIdOf = (p: ClusterProcess): string => `${p.hostname}:${p.port}`;

/** A cluster's data-bearing processes (`mongod`), first member first. */
export const mongodsOf = (c: Cluster): ClusterProcess[] => clusterProcesses(c).filter((p) => p.kind === 'mongod');
