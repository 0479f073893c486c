import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { AtlasDate, ObjectId } from '../schemas/common.js';
import { optional, readOnly } from '../schemas/input.js';

const STATES = ['START_REQUESTED', 'STARTING', 'SIMULATING', 'RECOVERY_REQUESTED', 'RECOVERING', 'COMPLETE'] as const;

/** AtlasClusterOutageSimulationOutageFilter. */
const OutageFilter = z.strictObject({ cloudProvider: z.enum(['AWS', 'GCP', 'AZURE']), regionName: z.string(), type: z.literal('REGION') });

/** ClusterOutageSimulation as Atlas answers it. */
export const ClusterOutageSimulationView = z.strictObject({
  clusterName: z.string(),
  groupId: ObjectId,
  id: ObjectId,
  outageFilters: z.array(OutageFilter),
  startRequestDate: AtlasDate,
  state: z.enum(STATES),
});

/** ClusterOutageSimulation as a request: the filters; the rest is read-only. */
export const ClusterOutageSimulationRequest = z.strictObject({
  clusterName: readOnly,
  groupId: readOnly,
  id: readOnly,
  outageFilters: optional(
    z.array(
      z.strictObject({
        cloudProvider: optional(z.enum(['AWS', 'GCP', 'AZURE'])),
        regionName: optional(z.string()),
        type: optional(z.enum(['REGION'])),
      }),
    ),
  ),
  startRequestDate: readOnly,
  state: readOnly,
});

const PATH = '/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/outageSimulation';
const V = '2023-01-01';
// Only the 2026-08 document states roles: Project Cluster Manager, or two roles outside the
// role enumerations (Project Cluster Resilience Tester, Project Replica Set Manager).
const CLUSTER_MANAGER = { scope: 'group', anyOf: ['GROUP_CLUSTER_MANAGER'] } as const;

/** Cluster outage simulation (2023-01-01; every answer 200 with the simulation). */
export const outageSimulationOperations = [
  {
    operationId: 'startOutageSimulation',
    method: 'POST',
    path: PATH,
    versions: [{ date: V, request: ClusterOutageSimulationRequest, response: ClusterOutageSimulationView }],
    status: 200,
    rateLimit: 'clusters',
    access: CLUSTER_MANAGER,
  },
  {
    operationId: 'getOutageSimulation',
    method: 'GET',
    path: PATH,
    versions: [{ date: V, response: ClusterOutageSimulationView }],
    status: 200,
    rateLimit: 'clusters',
    access: CLUSTER_MANAGER,
  },
  {
    operationId: 'endOutageSimulation',
    method: 'DELETE',
    path: PATH,
    versions: [{ date: V, response: ClusterOutageSimulationView }],
    status: 200,
    rateLimit: 'clusters',
    access: CLUSTER_MANAGER,
  },
] as const satisfies readonly OperationSpec[];
