/**
 * The contract scenarios: they pass against both faces (the standalone server spawned in
 * HTTPS mode, and msw in-process), cover every catalog operation, and the runner keeps
 * its promises (diffs, cleanup on failure, refusing writes, polling without sleeping).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../../contracts/api/catalog.js';
import { OpenApiDocument } from '../../../contracts/harness/openapi/document.js';
import { catalogDocument } from '../../../contracts/harness/replay/cases.js';
import { SCENARIOS } from '../../../contracts/harness/scenarios/index.js';
import { m } from '../../../contracts/harness/scenarios/match.js';
import { formatRunReport, runScenarios, WritesRefused, type RunOptions, type RunReport, type TargetCredentials } from '../../../contracts/harness/scenarios/runner.js';
import type { Scenario } from '../../../contracts/harness/scenarios/types.js';
import { UNCOVERED, type Gap } from '../../../contracts/harness/scenarios/uncovered.js';
import { atlasHandlers } from '../../../src/faces/msw.js';
import { Simulation } from '../../../src/simulation.js';
import type { TenantCredentials } from '../../../src/sim/tenants.js';
import type { Exchange } from '../../../src/wire/dispatcher.js';
import { recordExchange } from '../../support/capture.js';
import { startCli, type RunningCli } from '../../support/cli.js';
import { startAtlas, type TestAtlas } from '../../support/harness.js';
import { runScript } from '../../support/scripts.js';
import { describeWithSharedData, openApiDocument, sharedDataProblem } from '../../support/sharedData.js';

const docOrNull = () => (sharedDataProblem(['openapi']) ? null : openApiDocument());

/** Both kinds of credentials of a simulator tenant. */
function credentialsOf(t: TenantCredentials): TargetCredentials {
  return { oauth: { clientId: t.serviceAccount.clientId, clientSecret: t.serviceAccount.clientSecret }, digest: { publicKey: t.apiKey.publicKey, privateKey: t.apiKey.privateKey } };
}

function failuresOf(r: RunReport): string {
  return r.results.some((x) => x.status !== 'passed') ? formatRunReport(r) : '';
}

describe('the scenarios against the standalone server in HTTPS mode', () => {
  let cli: RunningCli;
  let stateDir: string;
  beforeAll(async () => {
    stateDir = mkdtempSync(path.join(tmpdir(), 'contract-tls-'));
    cli = await startCli(['--tls', '--state-dir', stateDir]);
  });
  afterAll(async () => {
    await cli?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('all pass, trusting the server’s CA, with answers checked against the document', async () => {
    expect(cli.url).toMatch(/^https:/);
    const t = cli.tenant;
    const report = await runScenarios({
      baseUrl: cli.url,
      ca: readFileSync(cli.caCertPath!, 'utf8'),
      orgId: t.orgId,
      credentials: credentialsOf(t),
      scenarios: SCENARIOS,
      document: docOrNull(),
    });
    expect(report.isSimulator).toBe(true);
    expect(failuresOf(report)).toBe('');
    expect(report.results).toHaveLength(SCENARIOS.length);
  }, 60_000);
});

describe('the scenarios against the msw face, in-process', () => {
  const sim = new Simulation({ clock: 'manual', onExchange: recordExchange });
  const server = setupServer(...atlasHandlers(sim));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('all pass at https://cloud.mongodbgov.com, the clock moved through the control plane', async () => {
    const t = sim.defaultTenant!;
    const report = await runScenarios({
      baseUrl: 'https://cloud.mongodbgov.com',
      orgId: t.orgId,
      credentials: credentialsOf(t),
      scenarios: SCENARIOS,
      document: docOrNull(),
    });
    expect(report.isSimulator).toBe(true);
    expect(failuresOf(report)).toBe('');
  }, 60_000);
});

describe('coverage of the catalog by the scenarios', () => {
  let atlas: TestAtlas;
  const seen: Exchange[] = [];
  const perScenario = new Map<string, Exchange[]>();
  beforeAll(async () => {
    atlas = await startAtlas({
      onExchange: (x) => {
        recordExchange(x);
        seen.push(x);
      },
    });
    const t = atlas.tenant;
    for (const s of SCENARIOS) {
      const from = seen.length;
      await runScenarios({
        baseUrl: atlas.url,
        orgId: t.orgId,
        credentials: credentialsOf(t),
        scenarios: [s],
      });
      perScenario.set(s.id, seen.slice(from));
    }
  }, 60_000);
  afterAll(() => atlas.close());

  it('exercises every operation a scenario claims', () => {
    const catalog = catalogDocument(OPERATIONS);
    const problems: string[] = [];
    for (const s of SCENARIOS) {
      const xs = perScenario.get(s.id) ?? [];
      for (const op of s.operations) {
        // Answers of the authentication filter name no operation: the path says which one was addressed.
        const addressed = (x: Exchange) => x.operationId ?? catalog.matchOperation(x.method, x.path)?.operation.operationId;
        const hit = op === 'oauthToken' ? xs.some((x) => x.path === '/api/oauth/token') : op === 'oauthRevoke' ? xs.some((x) => x.path === '/api/oauth/revoke') : xs.some((x) => addressed(x) === op);
        if (!hit) problems.push(`${s.id} claims ${op} but never calls it`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('covers every catalog operation with a success (none for Gov-unavailable ones) and a documented error, but for the shrinking allow-list', () => {
    const gaps: Record<string, Gap[]> = {};
    for (const op of OPERATIONS) {
      const xs = seen.filter((x) => x.operationId === op.operationId);
      const missing: Gap[] = [];
      // An operation Atlas for Government does not offer has no success to show: its refusal is the contract.
      if (!op.unavailableInGov && !xs.some((x) => x.status < 300)) missing.push('success');
      if (!xs.some((x) => x.status >= 400)) missing.push('error');
      if (missing.length) gaps[op.operationId] = missing;
    }
    expect(gaps, `uncovered operations: add scenarios (contracts/harness/README.md), or list them in contracts/harness/scenarios/uncovered.ts. Now: ${JSON.stringify(gaps)}`).toEqual(
      Object.fromEntries(Object.entries(UNCOVERED).filter(([id]) => OPERATIONS.some((o) => o.operationId === id))),
    );
    const stale = Object.keys(UNCOVERED).filter((id) => !OPERATIONS.some((o) => o.operationId === id));
    expect(stale, 'allow-listed operations not in the catalog').toEqual([]);
  });

  it('has unique scenario ids named <domain>/<what>', () => {
    const ids = SCENARIOS.map((s) => s.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z]*\/[a-z0-9-]+$/);
  });
});

describe('the runner', () => {
  let atlas: TestAtlas;
  let options: Omit<RunOptions, 'scenarios'>;
  beforeAll(async () => {
    atlas = await startAtlas();
    const t = atlas.tenant;
    options = { baseUrl: atlas.url, orgId: t.orgId, credentials: { oauth: { clientId: t.serviceAccount.clientId, clientSecret: t.serviceAccount.clientSecret } } };
  });
  afterAll(() => atlas.close());

  const scenario = (id: string, run: Scenario['run'], over: Partial<Scenario> = {}): Scenario => ({ id, title: id, operations: [], run, ...over });

  it('prints a pass/fail table and, per failure, expected against actual', async () => {
    const report = await runScenarios({
      ...options,
      scenarios: [
        scenario('x/passes', async (t) => t.expectResponse(await t.api.call('GET', `/orgs/${t.orgId}`), { status: 200 })),
        scenario('x/fails', async (t) => {
          const res = await t.api.call('GET', `/orgs/${t.orgId}`, { version: '2023-01-01' });
          t.expectResponse(res, { status: 201, headers: { 'x-nothing': 'here' }, body: m.partial({ name: 'Not it', isDeleted: false }) });
        }),
        scenario('x/skipped', async () => undefined, { needs: ['digest'] }),
      ],
    });
    const text = formatRunReport(report);
    expect(text).toMatch(/x\/passes +PASS/);
    expect(text).toMatch(/x\/fails +FAIL/);
    expect(text).toMatch(/x\/skipped +SKIP .*needs API-key \(Digest\) credentials/);
    expect(text).toContain('1 passed, 1 failed, 1 skipped');
    expect(text).toContain(`✗ x/fails: x/fails\n    GET /api/atlas/v2/orgs/${atlas.tenant.orgId} → 200`);
    expect(text).toMatch(/status +expected 201\n +actual +200/);
    expect(text).toMatch(/header x-nothing +expected "here"\n +actual +\(absent\)/);
    expect(text).toMatch(/\$\.name +expected "Not it"\n +actual +"/);
  });

  it('runs every cleanup, last first, even when the scenario fails, and fails it when a cleanup fails', async () => {
    const order: string[] = [];
    const report = await runScenarios({
      ...options,
      scenarios: [
        scenario('x/throws', async (t) => {
          t.cleanup('first', async () => order.push('first'));
          t.cleanup('second', async () => {
            order.push('second');
            throw new Error('the resource is still there');
          });
          expect(t.name('cluster')).toMatch(/^agm-contract-\d{14}-[0-9a-f]{4}-cluster$/);
          throw new Error('boom');
        }),
      ],
    });
    expect(order).toEqual(['second', 'first']);
    expect(report.results[0]!.failures.map((f) => f.label)).toEqual(['error', 'cleanup: second']);
  });

  it('skips the remaining scenarios once interrupted', async () => {
    let interrupted = false;
    const report = await runScenarios({
      ...options,
      shouldStop: () => interrupted,
      scenarios: [scenario('x/first', async () => void (interrupted = true)), scenario('x/second', async () => undefined)],
    });
    expect(report.results.map((r) => `${r.id} ${r.status} ${r.reason ?? ''}`)).toEqual(['x/first passed ', 'x/second skipped interrupted']);
  });

  it('refuses writing scenarios against a real host unless writes are allowed', async () => {
    const writes = scenario('x/writes', async () => undefined, { writes: true });
    const reads = scenario('x/reads', async () => undefined);
    await expect(runScenarios({ ...options, isSimulator: false, scenarios: [reads, writes] })).rejects.toBeInstanceOf(WritesRefused);
    const readOnly = await runScenarios({ ...options, isSimulator: false, readOnly: true, scenarios: [reads, writes] });
    expect(readOnly.results.map((r) => r.id)).toEqual(['x/reads']);
    const allowed = await runScenarios({ ...options, isSimulator: false, allowWrites: true, scenarios: [reads, writes] });
    expect(allowed.results.map((r) => `${r.id} ${r.status}`)).toEqual(['x/reads passed', 'x/writes passed']);
    const onSimulator = await runScenarios({ ...options, scenarios: [writes] });
    expect(onSimulator.results[0]!.status).toBe('passed');
  });

  it('against a real host, lets through only writes on what carries the run prefix or what the run created', async () => {
    const received: string[] = [];
    const fake = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push(`${req.method} ${req.url}`);
        const send = (status: number, json?: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(json === undefined ? '' : JSON.stringify(json));
        if (req.url === '/api/oauth/token') return send(200, { access_token: 'a.b.c', expires_in: 3600, token_type: 'Bearer' });
        if (req.method === 'POST' && req.url === '/api/atlas/v2/groups') return send(201, { id: 'aaaaaaaaaaaaaaaaaaaaaaaa', name: (JSON.parse(body) as { name: string }).name });
        if (req.method === 'DELETE') return send(202, {});
        return send(404, { error: 404, errorCode: 'RESOURCE_NOT_FOUND' });
      });
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    try {
      const report = await runScenarios({
        baseUrl: `http://127.0.0.1:${(fake.address() as AddressInfo).port}`,
        orgId: 'bbbbbbbbbbbbbbbbbbbbbbbb',
        credentials: { oauth: { clientId: 'mdb_sa_id_x', clientSecret: 's' } },
        allowWrites: true,
        scenarios: [
          scenario(
            'x/own',
            async (t) => {
              const res = await t.api.call('POST', '/groups', { body: { name: t.name('project'), orgId: t.orgId } });
              t.cleanup('the project', () => t.api.call('DELETE', `/groups/${(res.json as { id: string }).id}`));
            },
            { writes: true },
          ),
          scenario('x/unprefixed', async (t) => void (await t.api.call('POST', '/groups', { body: { name: 'production', orgId: t.orgId } })), { writes: true }),
          scenario('x/foreign', async (t) => void (await t.api.call('DELETE', '/groups/cccccccccccccccccccccccc')), { writes: true }),
        ],
      });
      expect(report.isSimulator).toBe(false);
      expect(report.results.map((r) => `${r.id} ${r.status} ${r.failures.map((f) => f.label).join()}`)).toEqual(['x/own passed ', 'x/unprefixed failed write refused', 'x/foreign failed write refused']);
      expect(received.filter((r) => !r.includes('oauth') && !r.includes('_mock'))).toEqual(['POST /api/atlas/v2/groups', 'DELETE /api/atlas/v2/groups/aaaaaaaaaaaaaaaaaaaaaaaa']);
      expect(formatRunReport(report)).toContain('refused POST /api/atlas/v2/groups: against a real host scenarios may only create resources named with the run prefix');
    } finally {
      fake.close();
    }
  });

  it('polls a simulator by moving its clock, never sleeping, and fails a wait that times out', async () => {
    const clock = async () => Date.parse(((await (await fetch(`${atlas.url}/_mock/clock`)).json()) as { now: string }).now);
    const start = await clock();
    const wall = Date.now();
    let looks = 0;
    const report = await runScenarios({
      ...options,
      scenarios: [
        scenario('x/waits', async (t) => {
          const seen = await t.waitFor('an hour to pass', async () => (++looks, (await clock()) - start >= 3600_000 ? 'done' : undefined), { timeoutSeconds: 7200, intervalSeconds: 600 });
          t.expectMatch(seen, 'done', 'probe value');
          await t.waitFor('never', async () => false, { timeoutSeconds: 60, intervalSeconds: 30 });
        }),
      ],
    });
    expect(Date.now() - wall).toBeLessThan(5000);
    expect(looks).toBe(7);
    expect(report.results[0]!.failures).toEqual([{ label: 'waiting for never', mismatches: [{ path: 'condition', expected: 'true within 60 s', actual: 'still false' }] }]);
  });

  it('fails a scenario whose answers break the OpenAPI document it is given', async () => {
    const strict = new OpenApiDocument({
      openapi: '3.0.1',
      info: { title: 'strict', version: '1' },
      paths: {
        '/api/atlas/v2/orgs/{orgId}': {
          get: { operationId: 'getOrganization', responses: { '200': { description: 'OK', content: { 'application/vnd.atlas.2023-01-01+json': { schema: { type: 'object', required: ['mustHave'] } } } } } },
        },
      },
    });
    const report = await runScenarios({ ...options, document: strict, scenarios: SCENARIOS.filter((s) => s.id === 'organizations/get') });
    expect(report.results[0]!.status).toBe('failed');
    expect(formatRunReport(report)).toContain("getOrganization GET /api/atlas/v2/orgs/{orgId} 200 $.mustHave [required]");
  });
});

describeWithSharedData('npm run contract', ['openapi'], () => {
  let atlas: TestAtlas;
  let notASimulator: http.Server;
  beforeAll(async () => {
    atlas = await startAtlas();
    notASimulator = http.createServer((_q, s) => s.writeHead(404).end());
    await new Promise<void>((r) => notASimulator.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    await atlas.close();
    notASimulator.close();
  });

  it('starts its own simulator by default, makes its own tenant on a given simulator, and refuses a real host without credentials', async () => {
    const real = `http://127.0.0.1:${(notASimulator.address() as AddressInfo).port}`;
    const noCredentials = { ATLAS_CLIENT_ID: '', ATLAS_CLIENT_SECRET: '', ATLAS_PUBLIC_KEY: '', ATLAS_PRIVATE_KEY: '', ATLAS_ORG_ID: '' };
    const [own, given, refused] = await Promise.all([
      runScript('contracts/harness/bin/contract.ts', ['--only', 'organizations/get-unknown']),
      runScript('contracts/harness/bin/contract.ts', ['--target', atlas.url, '--only', 'organizations/'], noCredentials),
      runScript('contracts/harness/bin/contract.ts', ['--target', real], noCredentials),
    ]);
    expect(own.code, own.stdout + own.stderr).toBe(0);
    expect(own.stdout).toMatch(/^Contract scenarios against http:\/\/127\.0\.0\.1:\d+ \(simulator; resource prefix agm-contract-/);
    expect(own.stdout).toMatch(/organizations\/get-unknown +PASS/);
    expect(given.code, given.stdout + given.stderr).toBe(0);
    expect(given.stdout).toContain(`Contract scenarios against ${atlas.url} (simulator`);
    expect(given.stdout).toMatch(/\d+ passed, 0 failed/);
    // The tenant it made is gone again.
    const tenants = (await (await fetch(`${atlas.url}/_mock/tenants`)).json()) as Array<{ name: string }>;
    expect(tenants.map((t) => t.name)).not.toContain('Contract scenarios');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not a simulator and no credentials are set');
  }, 90_000);
});
