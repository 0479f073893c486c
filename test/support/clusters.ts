import { expect } from 'vitest';
import { checkResponse, type Violation } from '../../contracts/harness/openapi/check.js';
import { formatViolations } from '../../contracts/harness/openapi/formatViolations.js';
import type { RegionUsageRestrictions } from '../../src/sim/projects.js';
import { SYSTEM_ACTOR } from '../../src/sim/world.js';
import type { ApiResponse, TestAtlas } from './harness.js';

/**
 * Cluster test helpers: projects of either Government designation, request bodies in
 * each version's shape, clock moves through the control plane, and the OpenAPI check.
 */

let projectSeq = 0;

/**
 * A project of the default tenant. Created in the world directly until the projects
 * endpoints land (another branch).
 */
export function makeProject(atlas: TestAtlas, regionUsageRestrictions: RegionUsageRestrictions = 'COMMERCIAL_FEDRAMP_REGIONS_ONLY', orgId = atlas.tenant.orgId): string {
  return atlas.sim.world.projects.create(orgId, { name: `clusters-${process.pid}-${++projectSeq}`, regionUsageRestrictions }, SYSTEM_ACTOR).id;
}

export interface RegionSpec {
  provider?: string;
  region?: string;
  priority?: number;
  size?: string;
  nodes?: number;
  disk?: number;
}

/** A 2024-08-05 / 2024-10-23 body: one replication spec per shard. */
export function body20240805(name: string, o: RegionSpec & { shards?: number; clusterType?: string; extra?: Record<string, unknown> } = {}) {
  const spec = () => ({
    regionConfigs: [
      {
        electableSpecs: { instanceSize: o.size ?? 'M30', nodeCount: o.nodes ?? 3, ...(o.disk !== undefined && { diskSizeGB: o.disk }) },
        priority: o.priority ?? 7,
        providerName: o.provider ?? 'AWS',
        regionName: o.region ?? 'US_EAST_1',
      },
    ],
  });
  return {
    clusterType: o.clusterType ?? ((o.shards ?? 1) > 1 ? 'SHARDED' : 'REPLICASET'),
    name,
    replicationSpecs: Array.from({ length: o.shards ?? 1 }, spec),
    ...o.extra,
  };
}

/** A 2023-02-01 body: one replication spec per zone with `numShards`, disk at the top. */
export function bodyV15(name: string, o: RegionSpec & { numShards?: number; clusterType?: string; extra?: Record<string, unknown> } = {}) {
  return {
    clusterType: o.clusterType ?? ((o.numShards ?? 1) > 1 ? 'SHARDED' : 'REPLICASET'),
    ...(o.disk !== undefined && { diskSizeGB: o.disk }),
    name,
    replicationSpecs: [
      {
        numShards: o.numShards ?? 1,
        regionConfigs: [
          {
            electableSpecs: { instanceSize: o.size ?? 'M30', nodeCount: o.nodes ?? 3 },
            priority: o.priority ?? 7,
            providerName: o.provider ?? 'AWS',
            regionName: o.region ?? 'US_EAST_1',
          },
        ],
      },
    ],
    ...o.extra,
  };
}

/**
 * Moves the simulation clock through the control plane, as a user's test would. Bearer
 * tokens live one simulated hour, so the harness's cached tokens are dropped: the next
 * call mints a fresh one, as a client does after expiry.
 */
export async function advance(atlas: TestAtlas, seconds: number): Promise<void> {
  const res = await atlas.call('POST', '/_mock/clock/advance', { body: { seconds }, version: null, auth: 'none' });
  expect(res.status).toBe(200);
  atlas.forgetTokens();
}

/** Sets lifecycle delays through the control plane. */
export async function setLifecycle(atlas: TestAtlas, delays: Record<string, number | 'manual'>): Promise<void> {
  const res = await atlas.call('PUT', '/_mock/lifecycle', { body: delays, version: null, auth: 'none' });
  expect(res.status).toBe(200);
}

/** Asserts an Atlas error response: status, code, and optionally the parameters. */
export function expectError(res: ApiResponse, status: number, code: string, parameters?: unknown[]): void {
  expect({ status: res.status, code: res.json?.errorCode, text: res.status === status ? undefined : res.text }).toEqual({ status, code, text: undefined });
  expect(res.headers['x-error-code']).toBe(code);
  expect(res.headers['content-type']).toBe('application/json');
  if (parameters) expect(res.json.parameters).toEqual(parameters);
}

/**
 * Differences between Atlas and its own document that the simulator reproduces on
 * purpose (the same ones `test/contracts/harness/openapi/recorded.test.ts` lists for recorded responses).
 */
const DELIBERATE = [
  // Atlas sends lower-case "secondary"; the document's enum is PRIMARY/SECONDARY/ANALYTICS.
  /(^|\.)biConnector\.readPreference enum$/,
  // ApiError.parameters items are declared `type: object`; Atlas sends strings.
  /^\$\.parameters\[\d+\] type$/,
];

/** Checks a response against the official OpenAPI document, allowing only the deliberate differences. */
export function expectConforms(method: string, path: string, res: ApiResponse): void {
  const violations = checkResponse({ method, path: `/api/atlas/v2${path}`, status: res.status, contentType: res.headers['content-type'] ?? null, body: res.text });
  const unexpected = violations.filter((v: Violation) => !DELIBERATE.some((d) => d.test(`${v.jsonPath} ${v.rule}`)));
  expect(unexpected, formatViolations(unexpected)).toEqual([]);
}
