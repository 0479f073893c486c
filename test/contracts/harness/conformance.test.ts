/** The conformance check of captured exchanges, and the gate that makes `npm test` fail on a violation. */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { checkExchanges, formatConformanceReport, type CapturedExchange } from '../../../contracts/harness/conformance.js';
import { projectRoot } from '../../../contracts/harness/openapi/document.js';
import { describeWithReference, openApi2026Document, openApiDocument } from '../../support/reference.js';

const ORG = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const V1 = 'application/vnd.atlas.2023-01-01+json;charset=utf-8';
const org = { id: ORG, isDeleted: false, links: [{ href: `https://cloud.mongodbgov.com/api/atlas/v2/orgs/${ORG}`, rel: 'self' }], name: 'Gov', skipDefaultAlertsSettings: false };

function exchange(over: Partial<CapturedExchange>): CapturedExchange {
  return {
    method: 'GET',
    path: `/api/atlas/v2/orgs/${ORG}`,
    query: '',
    operationId: 'getOrganization',
    status: 200,
    headers: { 'Content-Type': V1 },
    body: JSON.stringify(org),
    ...over,
  };
}

const errorBody = (status: number, errorCode: string, parameters: unknown[] = []) =>
  JSON.stringify({ detail: 'x', error: status, errorCode, parameters, reason: 'r' });

describeWithReference('checkExchanges', ['openapi'], () => {
  const doc = () => openApiDocument();

  it('passes conforming answers, errors included', () => {
    const r = checkExchanges(
      [
        exchange({}),
        exchange({ status: 404, headers: { 'Content-Type': 'application/json' }, body: errorBody(404, 'ORG_NOT_FOUND') }),
        exchange({ method: 'GET', path: '/api/atlas/v2/orgs', query: 'pageNum=1', operationId: 'listOrganizations', body: JSON.stringify({ links: [], results: [org], totalCount: 1 }) }),
      ],
      doc(),
    );
    expect(formatConformanceReport(r)).toContain('3 exchanges checked, 0 unexplained');
    expect(r.unexplained).toEqual([]);
  });

  it('names operation, JSON path and rule of each unexplained violation', () => {
    const r = checkExchanges([exchange({ body: JSON.stringify({ ...org, isDeleted: 'no', links: [{ href: 7, rel: 'self' }] }), source: 'x.test.ts' })], doc());
    expect(r.unexplained.map((f) => `${f.violation.operationId} ${f.violation.jsonPath} ${f.violation.rule}`).sort()).toEqual([
      'getOrganization $.isDeleted type',
      'getOrganization $.links[0].href type',
    ]);
    const text = formatConformanceReport(r);
    expect(text).toContain('getOrganization GET /api/atlas/v2/orgs/{orgId} 200 $.isDeleted [type]');
    expect(text).toContain(`first in GET /api/atlas/v2/orgs/${ORG} → 200 (x.test.ts)`);
  });

  it('takes out exactly the listed differences, and counts them', () => {
    // Org names with spaces break the documented pattern on real Atlas too; ApiError.parameters items are strings everywhere.
    const r = checkExchanges(
      [
        exchange({ body: JSON.stringify({ ...org, name: 'Atlas for Government' }) }),
        exchange({ status: 404, headers: { 'Content-Type': 'application/json' }, body: errorBody(404, 'INVALID_ORG_ID', ['nope']) }),
      ],
      doc(),
    );
    expect(r.unexplained).toEqual([]);
    expect([...r.explained.keys()].sort()).toEqual(['$.parameters[*] type', 'getOrganization 200 $.name pattern']);
    // The same pattern break on another field of the same operation is not excused.
    const other = checkExchanges([exchange({ body: JSON.stringify({ ...org, id: 'NOT-HEX' }) })], doc());
    expect(other.unexplained.map((f) => `${f.violation.jsonPath} ${f.violation.rule}`)).toEqual(['$.id pattern']);
  });

  it('flags an exchange answered as another operation than the document names', () => {
    const r = checkExchanges([exchange({ operationId: 'listOrganizations' })], doc());
    expect(r.unexplained.map((f) => f.violation.rule)).toEqual(['operation']);
  });

  it('accepts unrouted paths only with an ApiError body, and a version the catalog does not serve is never excused', () => {
    const unknown = { path: '/api/atlas/v2/nothing', operationId: undefined, status: 404, headers: { 'Content-Type': 'application/json' } };
    expect(checkExchanges([exchange({ ...unknown, body: errorBody(404, 'RESOURCE_NOT_FOUND', ['/api/atlas/v2/nothing']) })], doc()).unexplained).toEqual([]);
    expect(checkExchanges([exchange({ ...unknown, body: '{"oops":1}' })], doc()).unexplained.map((f) => f.violation.rule)).toEqual(['required', 'required']);
    const old = checkExchanges([exchange({ headers: { 'Content-Type': 'application/vnd.atlas.2022-01-01+json;charset=utf-8' } })], doc());
    expect(old.unexplained.map((f) => f.violation.rule)).toEqual(['version-not-in-document']);
  });

  it('validates what an envelope=true answer wraps, and the wrapper', () => {
    const wrapped = (status: number, content: unknown) => JSON.stringify({ content, status });
    const list = JSON.stringify({ links: [], results: [org], status: 200, totalCount: 1 });
    const r = checkExchanges(
      [
        exchange({ query: 'envelope=true', body: wrapped(200, org) }),
        exchange({ query: 'envelope=true', status: 404, headers: { 'Content-Type': 'application/json' }, body: wrapped(404, JSON.parse(errorBody(404, 'ORG_NOT_FOUND'))) }),
        exchange({ path: '/api/atlas/v2/orgs', operationId: 'listOrganizations', query: 'envelope=true', body: list }),
      ],
      doc(),
    );
    expect(r.unexplained).toEqual([]);
    const bad = checkExchanges([exchange({ query: 'envelope=true', body: wrapped(201, { ...org, isDeleted: 1 }) })], doc());
    expect(bad.unexplained.map((f) => `${f.violation.jsonPath} ${f.violation.rule}`)).toEqual(['$.status envelope', '$.isDeleted type']);
  });

  it('expects the envelope on unrouted answers too, but not on the authentication filter 401', () => {
    const json = { 'Content-Type': 'application/json' };
    const wrapped405 = JSON.stringify({ content: JSON.parse(errorBody(405, 'METHOD_NOT_ALLOWED')), status: 405 });
    const unrouted = { method: 'TRACE', operationId: undefined, query: 'envelope=true', status: 405, headers: json };
    const filter401 = { operationId: undefined, query: 'envelope=true', status: 401, headers: json, body: errorBody(401, 'UNEXPECTED_ERROR') };
    expect(checkExchanges([exchange({ ...unrouted, body: wrapped405 }), exchange(filter401)], doc()).unexplained).toEqual([]);
    const bare405 = checkExchanges([exchange({ ...unrouted, body: errorBody(405, 'METHOD_NOT_ALLOWED') })], doc());
    expect(bare405.unexplained.map((f) => `${f.violation.jsonPath} ${f.violation.rule}`)).toEqual(['$.status envelope', '$ envelope']);
  });

  it('checks the OAuth endpoints against contracts/api/oauth.ts', () => {
    const token = { method: 'POST', path: '/api/oauth/token', operationId: undefined, headers: { 'Content-Type': 'application/json' } };
    const good = exchange({ ...token, body: JSON.stringify({ access_token: 'a.b.c', expires_in: 3600, token_type: 'Bearer' }) });
    const bad = exchange({ ...token, body: JSON.stringify({ access_token: 'a.b.c', expires_in: 3600, token_type: 'bearer', scope: 'x' }) });
    const err = exchange({ ...token, status: 401, body: JSON.stringify({ error_description: 'Invalid credentials provided.', error: 'invalid_client' }) });
    const revoke = exchange({ method: 'POST', path: '/api/oauth/revoke', operationId: undefined, headers: {}, body: 'x' });
    const r = checkExchanges([good, bad, err, revoke], doc());
    expect(r.checked).toBe(4);
    expect(r.unexplained.map((f) => `${f.violation.operationId} ${f.violation.jsonPath} ${f.violation.rule}`).sort()).toEqual([
      'oauthRevoke $ json',
      'oauthToken $ contract:unrecognized_keys',
      'oauthToken $.token_type contract:invalid_value',
    ]);
  });
});

function runGate(bad: boolean): Promise<{ code: number; output: string }> {
  const root = projectRoot();
  const env: NodeJS.ProcessEnv = { ...process.env, GATE_FIXTURE_BAD: bad ? '1' : '', NO_COLOR: '1', FORCE_COLOR: '0' };
  delete env.ATLAS_MOCK_CAPTURE_DIR;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/contracts/harness/fixtures/gate.config.ts'],
      { cwd: root, env, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describeWithReference('the conformance gate of the test run', ['openapi'], () => {
  // The passing case is this very suite: its own teardown runs the same gate.
  it('makes vitest exit non-zero when a captured exchange breaks the document, though every test passed', async () => {
    const bad = await runGate(true);
    expect(bad.output).toContain('Tests  1 passed');
    expect(bad.code, bad.output).toBe(1);
    expect(bad.output).toContain('getOrganization GET /api/atlas/v2/orgs/{orgId} 200 $.isDeleted [type]');
    const kept = /Captured exchanges kept in (\S+?)\.?\s/.exec(bad.output)?.[1];
    if (kept) rmSync(kept, { recursive: true, force: true });
  }, 60_000);
});

describeWithReference('checkExchanges with the newer document', ['openapi', 'openapi-2026'], () => {
  const delegation = (body: unknown) =>
    exchange({
      path: `/api/atlas/v2/orgs/${ORG}/delegationSettings`,
      operationId: 'getOrgDelegationSettings',
      headers: { 'Content-Type': 'application/vnd.atlas.2025-03-12+json;charset=utf-8' },
      body: JSON.stringify(body),
    });

  it('checks an operation only the 2026-08 document describes against it, and flags it without', () => {
    const good = delegation({ delegatedMcpAccess: 'DISALLOWED', delegatedPartnerAccess: 'DISALLOWED' });
    expect(checkExchanges([good], openApiDocument()).unexplained.map((f) => f.violation.rule)).toEqual(['path']);
    expect(checkExchanges([good], openApiDocument(), openApi2026Document()).unexplained).toEqual([]);
    const bad = checkExchanges([delegation({ idleRefreshTokenLifetime: 0 })], openApiDocument(), openApi2026Document());
    expect(bad.unexplained.map((f) => `${f.violation.jsonPath} ${f.violation.rule}`)).toEqual(['$.idleRefreshTokenLifetime minimum']);
  });
});
