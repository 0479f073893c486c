/** The drift check: zod contracts against the document's schemas (fields, types, enums, required). */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OPERATIONS } from '../../../contracts/api/catalog.js';
import { checkDrift, compareShapes, DocumentShapes, formatDrift, shapeOfJsonSchema, type DriftReport } from '../../../contracts/harness/drift.js';
import { contractJsonSchema } from '../../../contracts/harness/jsonSchema.js';
import { DRIFT_DIFFERENCES, knownDriftDifference } from '../../../contracts/harness/knownDifferences.js';
import type { OperationSpec } from '../../../contracts/api/operation.js';
import { Links, ObjectId, paginated } from '../../../contracts/api/schemas/common.js';
import { docWithSchemas } from './openapi/fixtures.js';
import { runScript } from '../../support/scripts.js';
import { describeWithSharedData, openApiDocument } from '../../support/sharedData.js';

const keys = (r: DriftReport) => r.entries.map((e) => `${e.difference.direction} ${e.difference.jsonPath} ${e.difference.rule}`).sort();
const none = () => undefined;

const Org = z.strictObject({ id: ObjectId, isDeleted: z.boolean(), links: Links, name: z.string(), skipDefaultAlertsSettings: z.boolean() });
const op = (over: Partial<OperationSpec>): OperationSpec => ({
  operationId: 'getOrganization',
  method: 'GET',
  path: '/api/atlas/v2/orgs/{orgId}',
  versions: [{ date: '2023-01-01', response: Org }],
  status: 200,
  rateLimit: null,
  access: { scope: 'principal' },
  ...over,
});

describeWithSharedData('drift of the catalog against the official document', ['openapi'], () => {
  it('finds no undeclared difference and no stale declaration', () => {
    const r = checkDrift(openApiDocument(), OPERATIONS, knownDriftDifference, Object.keys(DRIFT_DIFFERENCES));
    expect(r.entries.filter((e) => !e.known).map((e) => formatDrift({ ...r, entries: [e], notDescribed: [], stale: [] }))).toEqual([]);
    expect(r.stale).toEqual([]);
    expect(r.compared.length).toBeGreaterThanOrEqual(OPERATIONS.filter((o) => o.versions.some((v) => v.response)).length);
  });

  it('reports extra, missing and retyped fields and a loosened required one in a response contract', () => {
    const drifted = z.strictObject({ id: ObjectId, isDeleted: z.string(), links: Links, name: z.string().optional(), extra: z.number() });
    const r = checkDrift(openApiDocument(), [op({ versions: [{ date: '2023-01-01', response: drifted }] })], none);
    expect(keys(r)).toEqual([
      'response $.extra field',
      'response $.isDeleted type',
      'response $.name required',
      'response $.skipDefaultAlertsSettings field',
    ]);
    expect(formatDrift(r)).toContain('✗ $.isDeleted [type] the contract allows string; contract: string, document: boolean');
  });

  it('lets a response contract promise more than the document requires, and narrower types', () => {
    // The document requires only `name`; Atlas sends every field, so the contract requires all: not drift.
    const r = checkDrift(openApiDocument(), [op({ operationId: 'listOrganizations', path: '/api/atlas/v2/orgs', versions: [{ date: '2023-01-01', response: paginated(Org) }] })], none);
    expect(keys(r)).toEqual([]);
  });

  it('compares request contracts both ways, readOnly fields excluded, enums included', () => {
    const request = z.strictObject({
      name: z.string(),
      orgId: ObjectId,
      regionUsageRestrictions: z.enum(['GOV_REGIONS_ONLY']).optional(),
      tags: z.array(z.strictObject({ key: z.string(), value: z.string() })).optional(),
      withDefaultAlertsSettings: z.boolean(),
      extra: z.string().optional(),
    });
    const create = op({ operationId: 'createProject', method: 'POST', path: '/api/atlas/v2/groups', status: 201, versions: [{ date: '2023-01-01', request }] });
    const r = checkDrift(openApiDocument(), [create], none);
    expect(keys(r)).toEqual([
      'request $.extra field',
      'request $.regionUsageRestrictions enum',
      'request $.withDefaultAlertsSettings required',
      'response $ body',
    ]);
    expect(r.entries.find((e) => e.difference.rule === 'enum')?.difference.message).toBe('only in the document: "COMMERCIAL_FEDRAMP_REGIONS_ONLY"');
  });

  it('skips versions the document does not describe, and matches declared differences precisely', () => {
    const old = op({ versions: [{ date: '2022-01-01', response: Org }, { date: '2023-01-01', response: Org.extend({ extra: z.number() }) }] });
    const declared = { 'getOrganization 2023-01-01 response $.extra field': 'deliberate', 'getOrganization 2023-01-01 response $.gone field': 'fixed since' };
    const r = checkDrift(openApiDocument(), [old], (k) => declared[k as keyof typeof declared], Object.keys(declared));
    expect(r.notDescribed).toEqual([{ operationId: 'getOrganization', version: '2022-01-01', reason: 'the document describes only another version' }]);
    expect(r.entries.map((e) => e.known)).toEqual(['deliberate']);
    expect(r.stale).toEqual(['getOrganization 2023-01-01 response $.gone field']);
  });

  it('prints the report and exits 0 when nothing undeclared differs (npm run contract:drift)', async () => {
    const res = await runScript('contracts/harness/bin/contract-drift.ts');
    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^Drift of the zod contracts against the document: \d+ request\/response contracts compared, 0 undeclared difference\(s\)/);
  });
});

describe('shapes', () => {
  const doc = docWithSchemas({
    Pet: {
      oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
      discriminator: { propertyName: 'kind', mapping: { CAT: '#/components/schemas/Cat', DOG: '#/components/schemas/Dog' } },
    },
    Cat: { type: 'object', required: ['kind', 'lives'], properties: { kind: { type: 'string', enum: ['CAT'] }, lives: { type: 'integer' } } },
    Dog: { type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: ['DOG'] }, bark: { type: 'string', nullable: true } } },
    Owner: {
      allOf: [
        { type: 'object', required: ['name'], properties: { name: { type: 'string' }, secret: { type: 'string', writeOnly: true } } },
        { type: 'object', properties: { pets: { type: 'array', items: { $ref: '#/components/schemas/Pet' } }, id: { type: 'string', readOnly: true } } },
      ],
    },
  });
  const shapes = new DocumentShapes(doc);
  const contract = (s: z.ZodType, dir: 'request' | 'response') => shapeOfJsonSchema(contractJsonSchema(s, dir === 'request' ? 'input' : 'output'));
  const diff = (s: z.ZodType, dir: 'request' | 'response') =>
    compareShapes(contract(s, dir), shapes.shape({ $ref: '#/components/schemas/Owner' }, dir), dir)
      .map((d) => `${d.jsonPath} ${d.rule}`)
      .sort();
  const Cat = z.strictObject({ kind: z.literal('CAT'), lives: z.number().int() });
  const Dog = z.strictObject({ kind: z.literal('DOG'), bark: z.string().nullable().optional() });

  it('matches a discriminated union to oneOf, allOf parts merged, writeOnly out of responses', () => {
    const owner = z.strictObject({ name: z.string(), id: z.string(), pets: z.array(z.discriminatedUnion('kind', [Cat, Dog])) });
    expect(diff(owner, 'response')).toEqual([]);
  });

  it('keeps readOnly out of requests and writeOnly in them', () => {
    const owner = z.strictObject({ name: z.string(), secret: z.string().optional(), pets: z.array(z.discriminatedUnion('kind', [Cat, Dog])).optional() });
    expect(diff(owner, 'request')).toEqual([]);
    // A read-only property sent back is fine if the contract ignores it, drift if it reads it.
    expect(diff(owner.extend({ id: z.unknown().optional() }), 'request')).toEqual([]);
    expect(diff(owner.extend({ id: z.string() }), 'request')).toEqual(['$.id readOnly']);
    expect(diff(owner.extend({ other: z.unknown().optional() }), 'request')).toEqual(['$.other field']);
  });

  it('finds differences inside union branches and nullability', () => {
    const Dog2 = z.strictObject({ kind: z.enum(['DOG', 'WOLF']), bark: z.number().nullable() });
    const owner = z.strictObject({ name: z.string(), id: z.string(), pets: z.array(z.union([Cat, Dog2])) });
    expect(diff(owner, 'response')).toEqual(['$.pets[*].bark type', '$.pets[*].kind enum']);
  });
});
