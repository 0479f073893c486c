/** Contracts seen as JSON Schema: minimal valid bodies, and the part of a value a contract describes. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contractJsonSchema, pickDescribed, sampleRequestBody } from '../../../contracts/harness/jsonSchema.js';

const Cluster = z.strictObject({
  name: z.string().min(1).max(64).regex(/^[a-zA-Z0-9][a-zA-Z0-9-]*$/),
  clusterType: z.enum(['REPLICASET', 'SHARDED']),
  replicationSpecs: z
    .array(
      z.strictObject({
        regionConfigs: z.array(z.strictObject({ providerName: z.enum(['AWS', 'GCP']), priority: z.number().int().min(0).max(7), electableSpecs: z.strictObject({ instanceSize: z.string(), nodeCount: z.number().int().min(3) }) })).min(1),
      }),
    )
    .min(1),
  paused: z.boolean().default(false),
  tags: z.array(z.strictObject({ key: z.string(), value: z.string() })).optional(),
  labels: z.string().nullable().optional(),
});

describe('sampleRequestBody', () => {
  it('makes the smallest body the contract accepts: required fields, first enum value, minimum sizes', () => {
    const r = sampleRequestBody(Cluster);
    expect(r).toEqual({
      ok: true,
      body: { name: 'sample', clusterType: 'REPLICASET', replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', priority: 0, electableSpecs: { instanceSize: 'sample', nodeCount: 3 } }] }] },
    });
  });

  it('says why when it cannot', () => {
    const r = sampleRequestBody(z.strictObject({ code: z.string().regex(/^Z{3}$/) }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain('"code":"sample"');
  });

  it('handles unions, arrays of bodies and recursion', () => {
    expect(sampleRequestBody(z.array(z.strictObject({ cidrBlock: z.string() })).min(1))).toEqual({ ok: true, body: [{ cidrBlock: 'sample' }] });
    expect(sampleRequestBody(z.discriminatedUnion('type', [z.strictObject({ type: z.literal('A'), a: z.number() }), z.strictObject({ type: z.literal('B') })]))).toEqual({ ok: true, body: { type: 'A', a: 0 } });
    type Node = { name: string; children?: Node[] };
    const Node: z.ZodType<Node> = z.lazy(() => z.strictObject({ name: z.string(), children: z.array(Node).optional() }));
    expect(sampleRequestBody(Node)).toEqual({ ok: true, body: { name: 'sample' } });
  });
});

describe('pickDescribed', () => {
  it('keeps only what the contract describes, at every depth', () => {
    const recorded = {
      id: '6a793f6b2c88faeba59bae37',
      name: 'c1',
      clusterType: 'REPLICASET',
      stateName: 'IDLE',
      replicationSpecs: [{ id: 'x', zoneName: 'Zone 1', regionConfigs: [{ providerName: 'AWS', priority: 7, regionName: 'US_EAST_1', electableSpecs: { instanceSize: 'M30', nodeCount: 3, diskIOPS: 3000 } }] }],
      tags: [{ key: 'k', value: 'v' }],
    };
    expect(pickDescribed(recorded, contractJsonSchema(Cluster, 'input'))).toEqual({
      name: 'c1',
      clusterType: 'REPLICASET',
      replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', priority: 7, electableSpecs: { instanceSize: 'M30', nodeCount: 3 } }] }],
      tags: [{ key: 'k', value: 'v' }],
    });
  });
});
