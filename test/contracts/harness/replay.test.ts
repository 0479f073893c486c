/** Replay of the recorded Atlas responses: matching, state set-up, Government differences, comparison, threshold. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../../contracts/api/catalog.js';
import type { OperationSpec } from '../../../contracts/api/operation.js';
import { recordedDir } from '../../../contracts/harness/recorded.js';
import { findReplayCases } from '../../../contracts/harness/replay/cases.js';
import { compareFlat, compareResponses, flatten, maskUrl } from '../../../contracts/harness/replay/compare.js';
import { applyGovAdditions, govResource, typedObjectPaths } from '../../../contracts/harness/replay/gov.js';
import { kindOfCollection, kindsAlong, replaceIds } from '../../../contracts/harness/replay/kinds.js';
import { formatReplay, matchedCount, raiseThreshold, readThreshold, recordedVersion, replay } from '../../../contracts/harness/replay/replay.js';
import { startReplayTarget } from '../../../contracts/harness/replay/target.js';
import { runScript } from '../../support/scripts.js';
import { describeWithSharedData, openApiDocument } from '../../support/sharedData.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'replay-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ORGS = 'iam/atlasorgs/TestAtlasOrgs';

/** A recordings directory with some real recordings copied (outside the repository) and synthetic ones. */
function recordingsDir(name: string, files: Record<string, string | { copy: string; edit?: (text: string) => string }>): string {
  const dir = path.join(tmp, name);
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    if (typeof content === 'string') writeFileSync(file, content);
    else if (content.edit) writeFileSync(file, content.edit(readFileSync(path.join(recordedDir(), content.copy), 'utf8')));
    else copyFileSync(path.join(recordedDir(), content.copy), file);
  }
  return dir;
}

const DESCRIBE = `${ORGS}/Describe/GET_api_atlas_v2_orgs_a0123456789abcdef012345a_1.snaphost`;
const LIST = `${ORGS}/List/GET_api_atlas_v2_orgs_1.snaphost`;

describeWithSharedData('replay of the recorded responses', ['openapi', 'recorded'], () => {
  it(`matches at least the threshold in contracts/harness/replay/threshold.json`, async () => {
    const report = await replay({ catalog: OPERATIONS, start: startReplayTarget, document: openApiDocument() });
    const text = formatReplay(report, readThreshold());
    console.log(text);
    expect(matchedCount(report), text).toBeGreaterThanOrEqual(readThreshold().minMatched);
    expect(report.total).toBe(353);
    // Every served recording was looked at: replayed, or set aside as not applicable in Gov.
    const served = findReplayCases(OPERATIONS, recordedDir(), openApiDocument()).cases.length;
    expect(report.results).toHaveLength(served);
  }, 120_000);

  it('names the operation of a recording by the document, so a parameter never swallows a longer path', () => {
    const { cases } = findReplayCases(OPERATIONS, recordedDir(), openApiDocument());
    // Every getOrganization recording is of /orgs/{orgId} itself, never of a longer path under it.
    for (const c of cases.filter((x) => x.op.operationId === 'getOrganization')) expect(c.rec.flatPath, c.rel).toMatch(/^api_atlas_v2_orgs_[a-f0-9]{24}$/);
    expect(cases.map((c) => `${c.op.operationId} ${c.rel}`)).toEqual(expect.arrayContaining([`getOrganization ${DESCRIBE}`, `listOrganizations ${LIST}`]));
  });

  it('reports a tampered recording with a readable diff of status, headers, error code and body structure', async () => {
    const dir = recordingsDir('tampered', {
      [DESCRIBE]: {
        copy: DESCRIBE,
        edit: (t) => t.replace('Ratelimit-Limit: 500', 'Ratelimit-Limit: 999').replace('"isDeleted":false,', '"isDeleted":"no","extra":1,').replace(/,"skipDefaultAlertsSettings":false/, ''),
      },
      [LIST]: { copy: LIST, edit: (t) => t.replace('HTTP/2.0 200 OK', 'HTTP/2.0 202 Accepted').replace('application/vnd.atlas.2023-01-01+json', 'application/vnd.atlas.2023-02-01+json') },
    });
    const report = await replay({ catalog: OPERATIONS, start: startReplayTarget, document: openApiDocument(), dir });
    expect(matchedCount(report)).toBe(0);
    const describe = report.results.find((r) => r.case.rel === DESCRIBE)!;
    expect(describe.details).toEqual([
      'ratelimit-limit header: recorded 999, simulator 500',
      'body $.extra: recorded number, missing in the simulator',
      'body $.isDeleted: recorded string, simulator boolean',
      'body $.skipDefaultAlertsSettings: simulator boolean, not in the recording',
    ]);
    const list = report.results.find((r) => r.case.rel === LIST)!;
    expect(list.details.slice(0, 2)).toEqual(['status: recorded 202, simulator 200', 'media type: recorded application/vnd.atlas.2023-02-01+json, simulator application/vnd.atlas.2023-01-01+json']);
    expect(list.request).toEqual({ method: 'GET', path: '/orgs?includeCount=true&name=&pageNum=1&itemsPerPage=100', version: '2023-02-01' });
    expect(formatReplay(report, { minMatched: 2 })).toContain(`✗ ${DESCRIBE}\n    getOrganization: GET /orgs/`);
    expect(formatReplay(report, { minMatched: 2 })).toContain('threshold 2 (contracts/harness/replay/threshold.json): NOT MET');
  }, 60_000);

  it('replays the unversioned routes the simulator serves, by exact path', () => {
    const { cases } = findReplayCases(OPERATIONS, recordedDir(), openApiDocument());
    const unversioned = cases.filter((c) => c.unversioned).map((c) => `${c.op.operationId} ${c.rec.status}`);
    expect(unversioned).toContain('defaultMongoDBMajorVersion 200');
    expect(unversioned).toContain('ipinfo 401');
  });

  it('replays an authentication challenge without credentials, and leaves alone what a recorded error says is missing', async () => {
    const challenge = [
      'HTTP/2.0 401 Unauthorized',
      'Content-Type: application/json',
      'Www-Authenticate: Digest realm="MMS Public API", domain="", nonce="+4YICU5YLx6mQEzmVhx1G5ySQVrufjv6", algorithm=MD5, qop="auth", stale=false',
      '',
      '{\n  "error" : 401,\n  "reason" : "Unauthorized",\n  "detail" : "You are not authorized for this resource.",\n  "errorCode" : "UNEXPECTED_ERROR"\n}',
    ].join('\n');
    const missing = [
      'HTTP/2.0 404 Not Found',
      'Content-Type: application/json',
      'X-Error-Code: ORG_NOT_FOUND',
      '',
      '{"detail":"No organization with ID 111111111111111111111111 exists.","error":404,"errorCode":"ORG_NOT_FOUND","parameters":["111111111111111111111111"],"reason":"Not Found"}',
    ].join('\n');
    const dir = recordingsDir('errors', { 'iam/synthetic/T/GET_api_atlas_v2_orgs_1.snaphost': challenge, 'iam/synthetic/T/GET_api_atlas_v2_orgs_111111111111111111111111_1.snaphost': missing });
    const report = await replay({ catalog: OPERATIONS, start: startReplayTarget, document: openApiDocument(), dir });
    expect(report.results.map((r) => [r.outcome, r.request?.path, r.details])).toEqual([
      ['matched', '/orgs', []],
      ['matched', '/orgs/111111111111111111111111', []],
    ]);
  });

  it('adds regionUsageRestrictions wherever the document places a project, and nowhere else', () => {
    const doc = openApiDocument();
    const project = { clusterCount: 0, created: '2026-08-10T03:01:55Z', id: 'b0123456789abcdef012345b', links: [], name: 'p', orgId: 'a0123456789abcdef012345a' };
    const single = doc.getOperation('getProject')!.responses['200']!.content as Record<string, { schema: unknown }>;
    const flat = flatten(project);
    expect(applyGovAdditions(flat, doc, single['application/vnd.atlas.2023-01-01+json']!.schema, project)).toEqual(['$.regionUsageRestrictions']);
    const list = doc.getOperation('listProjects')!.responses['200']!.content as Record<string, { schema: unknown }>;
    const page = { links: [], results: [project, project], totalCount: 2 };
    const listFlat = flatten(page);
    expect(applyGovAdditions(listFlat, doc, list['application/vnd.atlas.2023-01-01+json']!.schema, page)).toEqual(['$.results[*].regionUsageRestrictions']);
    expect(listFlat.get('$.results[*].regionUsageRestrictions')).toEqual(new Set(['string']));
    const org = doc.getOperation('getOrganization')!.responses['200']!.content as Record<string, { schema: unknown }>;
    expect(typedObjectPaths(doc, org['application/vnd.atlas.2023-01-01+json']!.schema, { id: 'x', links: [{ href: 'h', rel: 'self' }] })).toEqual([
      { path: '$', schema: 'AtlasOrganization' },
      { path: '$.links[*]', schema: 'Link' },
    ]);
  });

  it('raises the threshold only upwards, and the command exits 1 below it', async () => {
    const file = path.join(tmp, 'threshold.json');
    writeFileSync(file, JSON.stringify({ minMatched: 3 }));
    expect(raiseThreshold(2, file)).toBe(3);
    expect(raiseThreshold(5, file)).toBe(5);
    expect(readThreshold(file)).toEqual({ minMatched: 5 });
    writeFileSync(file, JSON.stringify({ minMatched: 999 }));
    const below = await runScript('contracts/harness/bin/contract-replay.ts', ['--threshold', file, '--raise-threshold']);
    expect(below.code, below.stderr).toBe(1);
    expect(below.stdout).toMatch(/^threshold is now 999\nReplay of the recorded Atlas responses against the simulator\n/);
    expect(below.stdout).toMatch(/matched \d+ of \d+ replayable recordings \([\d.]+%\); threshold 999 \(.*threshold\.json\): NOT MET/);
  }, 60_000);
});

describe('comparison', () => {
  it('masks hosts and ids in URLs and compares link relations as they are', () => {
    expect(maskUrl('http://localhost:8080/api/atlas/v2/groups/6a793f6b2c88faeba59bae37/clusters/c1?pageNum=1')).toBe('<host>/api/atlas/v2/groups/<id>/clusters/c1?pageNum=1');
    expect(maskUrl('mongodb+srv://c1.abcde.mongodbgov.net')).toBe('<host>');
    const a = flatten({ links: [{ href: 'http://localhost:8080/api/atlas/v2/orgs/a0123456789abcdef012345a', rel: 'self' }] });
    const b = flatten({ links: [{ href: 'https://127.0.0.1:4443/api/atlas/v2/orgs/6955b9005fb462b05770b74c', rel: 'self' }] });
    expect(compareFlat(a, b)).toEqual([]);
    const c = flatten({ links: [{ href: 'https://127.0.0.1:4443/api/atlas/v2/orgs/6955b9005fb462b05770b74c/x', rel: 'https://cloud.mongodb.com/x' }] });
    expect(compareFlat(a, c)).toHaveLength(2);
  });

  it('tells entity dates from dates with fractions, and pools array items', () => {
    expect(compareFlat(flatten({ created: '2026-08-10T03:01:55Z' }), flatten({ created: '2026-08-10T03:01:55.123Z' }))).toEqual([
      '$.created: recorded string:date, simulator string:date-with-fraction',
    ]);
    expect(compareFlat(flatten({ r: [{ a: 1 }, { b: 'x' }] }), flatten({ r: [{ b: 'y', a: 2 }] }))).toEqual([]);
  });

  it('says once that a list is empty on one side instead of listing every missing field', () => {
    expect(compareFlat(flatten({ results: [{ a: 1, b: { c: 2 } }] }), flatten({ results: [] }))).toEqual(['$.results: recorded array, simulator array (empty) (items not compared)']);
  });

  it('compares headers by presence, and by value where the value is deterministic', () => {
    const rec = { status: 200, headers: { 'content-type': 'application/vnd.atlas.2023-01-01+json;charset=utf-8', deprecation: 'Mon, 5 Aug 2024 00:00:00 GMT', 'ratelimit-remaining': '3' }, body: '{}' };
    const sim = { status: 200, headers: { 'content-type': 'application/vnd.atlas.2023-01-01+json;charset=utf-8', 'ratelimit-remaining': '9', sunset: 'x' }, body: '{}' };
    expect(compareResponses(rec, sim)).toEqual(['deprecation header: recorded Mon, 5 Aug 2024 00:00:00 GMT, simulator (absent)', 'sunset header: recorded (absent), simulator x']);
  });
});

describe('state set-up and Government differences', () => {
  const spec = (operationId: string, method: OperationSpec['method'], p: string, versions = [{ date: '2023-01-01' }]): OperationSpec => ({ operationId, method, path: p, versions, status: 200, rateLimit: null, access: { scope: 'principal' } });

  it('finds the kinds along a path, parents first, and the kind of a collection', () => {
    expect(kindsAlong('/api/atlas/v2/groups/{groupId}/databaseUsers/{databaseName}/{username}').map((k) => k.name)).toEqual(['project', 'database user']);
    expect(kindsAlong('/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/backup/snapshots').map((k) => k.name)).toEqual(['project', 'cluster']);
    expect(kindsAlong('/api/atlas/v2/groups/byName/{groupName}').map((k) => k.name)).toEqual(['project by name']);
    expect(kindOfCollection('/api/atlas/v2/groups/{groupId}/clusters')?.name).toBe('cluster');
    expect(kindOfCollection('/api/atlas/v2/orgs')?.name).toBe('organization');
  });

  it('asks for the version the recording shows: Content-Type, else the deprecated one its Deprecation header names', () => {
    const op = spec('getCluster', 'GET', '/x', [{ date: '2023-01-01' }, { date: '2023-02-01' }, { date: '2024-08-05' }]);
    const c = (headers: Record<string, string>) => ({ rec: { file: '', method: 'GET', flatPath: '', status: 400, headers, body: '' }, rel: '', area: '', op, params: {} });
    expect(recordedVersion(c({ 'content-type': 'application/vnd.atlas.2023-02-01+json;charset=utf-8' }))).toBe('2023-02-01');
    expect(recordedVersion(c({ 'content-type': 'application/json', deprecation: 'Mon, 5 Aug 2024 00:00:00 GMT' }))).toBe('2023-02-01');
    expect(recordedVersion(c({ 'content-type': 'application/json' }))).toBe('2024-08-05');
  });

  it('makes commercial resources valid in Gov and maps recorded ids', () => {
    const cluster = { replicationSpecs: [{ regionConfigs: [{ providerName: 'AZURE', regionName: 'EU_WEST_1', backingProviderName: 'AWS', electableSpecs: { instanceSize: 'M10', nodeCount: 3 } }] }] };
    expect(govResource(cluster)).toEqual({ replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', electableSpecs: { instanceSize: 'M30', nodeCount: 3 } }] }] });
    expect(replaceIds({ orgId: 'a', nested: ['a', 'b'] }, new Map([['a', 'z']]))).toEqual({ orgId: 'z', nested: ['z', 'b'] });
  });

  it('matches recordings on the catalog alone only when the document lacks the operation, path formats checked', () => {
    const only = [spec('getOrganization', 'GET', '/api/atlas/v2/orgs/{orgId}'), spec('newThing', 'GET', '/api/atlas/v2/orgs/{orgId}/newThing')];
    const dir = recordingsDir('catalog-only', {
      'iam/x/T/GET_api_atlas_v2_orgs_a0123456789abcdef012345a_newThing_1.snaphost': 'HTTP/2.0 200 OK\n\n{}',
      'iam/x/T/GET_api_atlas_v2_orgs_a0123456789abcdef012345a_apiKeys_1.snaphost': 'HTTP/2.0 200 OK\n\n{}',
    });
    const found = findReplayCases(only, dir, undefined);
    expect(found.cases.map((c) => c.op.operationId)).toEqual(['newThing']);
    expect(found.notServed.get('iam')).toBe(1);
  });
});
