/** The loader (missing file, env override, disk cache) and the path matcher. */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  loadOpenApiDocument,
  openApiCacheFile,
  projectRoot,
  resetOpenApiDocumentMemo,
  resolveOpenApiFile,
} from '../../../../contracts/harness/openapi/document.js';
import { miniAtlas } from './fixtures.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'openapi-doc-test-'));
const cacheFilesToRemove: string[] = [];
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  for (const f of cacheFilesToRemove) rmSync(f, { force: true });
});

describe('loadOpenApiDocument', () => {
  it('resolves the default file next to the project, and ATLAS_OPENAPI_FILE overrides it', () => {
    const saved = process.env.ATLAS_OPENAPI_FILE;
    try {
      delete process.env.ATLAS_OPENAPI_FILE;
      expect(resolveOpenApiFile()).toBe(path.resolve(projectRoot(), '../shared/atlas/openapi/atlas-admin-v2.2025-06.yaml'));
      process.env.ATLAS_OPENAPI_FILE = '/elsewhere/x.yaml';
      expect(resolveOpenApiFile()).toBe('/elsewhere/x.yaml');
      expect(resolveOpenApiFile('/explicit.yaml')).toBe('/explicit.yaml');
    } finally {
      if (saved === undefined) delete process.env.ATLAS_OPENAPI_FILE;
      else process.env.ATLAS_OPENAPI_FILE = saved;
    }
  });

  it('fails with a message naming the missing file and where to download it', () => {
    const missing = path.join(tmp, 'nope', 'atlas-admin-v2.2025-06.yaml');
    expect(() => loadOpenApiDocument(missing)).toThrowError(missing);
    expect(() => loadOpenApiDocument(missing)).toThrowError(/raw\.githubusercontent\.com\/mongodb\/atlas-sdk-go\/50f2fbfb\/openapi\/atlas-api\.yaml/);
    expect(() => loadOpenApiDocument(missing)).toThrowError(/ATLAS_OPENAPI_FILE/);
  });

  it('caches the parsed document as node_modules/.cache/atlas-gov-mock/openapi-<sha256>.json and reuses it', () => {
    const yaml = `openapi: 3.0.1\ninfo: {title: from-yaml, version: "1"}\npaths:\n  /a/{x}:\n    get: {operationId: getA, responses: {"200": {description: ok}}}\n# ${Date.now()}\n`;
    const file = path.join(tmp, 'doc.yaml');
    writeFileSync(file, yaml);
    const sha = createHash('sha256').update(yaml).digest('hex');
    const cache = openApiCacheFile(sha);
    cacheFilesToRemove.push(cache);
    expect(cache).toBe(path.join(projectRoot(), 'node_modules/.cache/atlas-gov-mock', `openapi-${sha}.json`));

    const first = loadOpenApiDocument(file);
    expect(first.operations.map((o) => o.operationId)).toEqual(['getA']);
    expect(existsSync(cache)).toBe(true);
    expect(loadOpenApiDocument(file)).toBe(first); // memoised in-process

    // Prove the second process-level load reads the cache, not the YAML: tamper with the cache.
    const cached = JSON.parse(readFileSync(cache, 'utf8')) as { info: { title: string } };
    cached.info.title = 'from-cache';
    writeFileSync(cache, JSON.stringify(cached));
    resetOpenApiDocumentMemo();
    expect((loadOpenApiDocument(file).raw.info as { title: string }).title).toBe('from-cache');
  });
});

describe('operations list', () => {
  it('exposes operationId, upper-case method, template, merged path-level parameters and resolved $ref responses', () => {
    const doc = miniAtlas();
    const op = doc.getOperation('getProject');
    expect(op).toMatchObject({ operationId: 'getProject', method: 'GET', path: '/api/atlas/v2/groups/{groupId}' });
    expect(op?.parameters.map((p) => p.name)).toEqual(['groupId']);
    expect(op?.responses['404']?.description).toBe('Not Found'); // $ref to components/responses resolved
  });
});

describe('matchOperation', () => {
  const doc = miniAtlas();
  const id = '5f1234567890abcdef123456';

  it('maps concrete paths to templates with decoded parameters', () => {
    const m = doc.matchOperation('get', `/api/atlas/v2/groups/${id}/clusters/Cluster0?pretty=true`);
    expect(m?.operation.operationId).toBe('getCluster');
    expect(m?.pathParams).toEqual({ groupId: id, clusterName: 'Cluster0' });
  });

  it('lets static segments win over parameters', () => {
    expect(doc.matchOperation('GET', '/api/atlas/v2/groups/byName/my-project')?.operation.operationId).toBe('getProjectByName');
    expect(doc.matchOperation('GET', `/api/atlas/v2/groups/${id}`)?.operation.operationId).toBe('getProject');
  });

  it('backtracks when the static branch dead-ends', () => {
    // "byName" is also a valid group id value for /groups/{groupId}.
    expect(doc.matchOperation('DELETE', '/api/atlas/v2/groups/byName')?.operation.operationId).toBe('deleteProject');
  });

  it('keeps a percent-encoded slash inside one segment', () => {
    const m = doc.matchOperation('GET', `/api/atlas/v2/groups/${id}/accessList/10.0.0.1%2F32`);
    expect(m?.operation.operationId).toBe('getAccessListEntry');
    expect(m?.pathParams.entryValue).toBe('10.0.0.1/32');
  });

  it('handles {x}:action and {x}.gz segments, preferring them to a bare parameter', () => {
    const pin = doc.matchOperation('POST', `/api/atlas/v2/groups/${id}/clusters/c1:pinFeatureCompatibilityVersion`);
    expect(pin?.operation.operationId).toBe('pinFcv');
    expect(pin?.pathParams.clusterName).toBe('c1');
    const inv = doc.matchOperation('POST', `/api/atlas/v2/orgs/${id}/serviceAccounts/mdb_sa_id_123:invite`);
    expect(inv?.operation.operationId).toBe('inviteSa');
    expect(inv?.pathParams.clientId).toBe('mdb_sa_id_123');
    expect(doc.matchOperation('GET', `/api/atlas/v2/orgs/${id}/serviceAccounts/mdb_sa_id_123`)?.operation.operationId).toBe('getSa');
    const log = doc.matchOperation('GET', `/api/atlas/v2/groups/${id}/clusters/h1/logs/mongodb.gz`);
    expect(log?.pathParams).toEqual({ groupId: id, hostName: 'h1', logName: 'mongodb' });
  });

  it('tells "no such path" from "method not documented"', () => {
    expect(doc.matchPath('GET', '/api/atlas/v2/nothing')).toEqual({ kind: 'no-path' });
    expect(doc.matchPath('PUT', `/api/atlas/v2/groups/${id}`)).toMatchObject({
      kind: 'method-not-allowed',
      pathTemplate: '/api/atlas/v2/groups/{groupId}',
      allowedMethods: ['GET', 'DELETE'],
    });
  });

  it('resolves recorded file names whose values contain underscores', () => {
    const m = doc.matchUnderscoredPath('GET', `api_atlas_v2_groups_${id}_databaseUsers_admin_my_user`);
    expect(m?.operation.operationId).toBe('getDatabaseUser');
    expect(m?.pathParams).toEqual({ groupId: id, databaseName: 'admin', username: 'my_user' });
    expect(m?.concretePath).toBe(`/api/atlas/v2/groups/${id}/databaseUsers/admin/my_user`);
    expect(doc.matchUnderscoredPath('GET', 'api_atlas_v2_groups_byName_a_b')?.pathParams).toEqual({ groupName: 'a_b' });
  });
});
