/**
 * The router and the operation catalog agree both ways: every catalog operation is
 * reachable over the wire with its method, path and every version, and lands in its own
 * handler; every handler belongs to an operation; and no path of the official document
 * answers unless the catalog has it (no route without a contract).
 *
 * Handlers are replaced by a stub for the duration: what is proven is the routing, not
 * what the handlers do (their own tests do that).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OPERATIONS } from '../../../contracts/api/catalog.js';
import { sampleRequestBody } from '../../../contracts/harness/jsonSchema.js';
import { ROUTING_DIFFERENCES } from '../../../contracts/harness/knownDifferences.js';
import { UNVERSIONED_ROUTES } from '../../../contracts/api/unversioned.js';
import type { OperationSpec } from '../../../contracts/api/operation.js';
import { PATH_PARAMS } from '../../../contracts/api/pathParams.js';
import { HANDLERS } from '../../../handlers/index.js';
import { SYSTEM_ACTOR } from '../../../src/sim/world.js';
import { Reply, type Handler, type RequestContext } from '../../../src/wire/context.js';
import { Dispatcher, type Exchange } from '../../../src/wire/dispatcher.js';
import { Simulation } from '../../../src/simulation.js';
import { startAtlas, type TestAtlas } from '../../support/harness.js';
import { PATH_SAMPLES, REQUEST_SAMPLES } from './requestSamples.js';
import { describeWithReference, openApiDocument } from '../../support/reference.js';

let atlas: TestAtlas;
let groupId: string;
/** Exchanges of this file only: the stubbed answers are not Atlas's and stay out of the conformance gate. */
const seen: Exchange[] = [];
const reached: Array<{ operationId: string; version: string }> = [];

beforeAll(async () => {
  atlas = await startAtlas({ onExchange: (x) => seen.push(x), rateLimits: false });
  groupId = atlas.sim.world.projects.create(atlas.tenant.orgId, { name: 'routing' }, SYSTEM_ACTOR).id;
  const table = HANDLERS as Record<string, Handler>;
  for (const id of Object.keys(table)) {
    vi.spyOn(table, id).mockImplementation((ctx: RequestContext) => {
      reached.push({ operationId: ctx.op.operationId, version: ctx.version.date });
      // Operations whose scope comes from the request authorize in their handler; the stub stands in for that.
      ctx.authorized = true;
      return new Reply(200, { routedTo: ctx.op.operationId });
    });
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await atlas.close();
});

const PATH_CANDIDATES = ['sample', '0123456789abcdef01234567', 'mdb_sa_id_0123456789abcdef01234567', '10.0.0.1', 'AWS', 'admin'];

/** A concrete path for a template: the tenant's org, a real project, well-formed values elsewhere. */
function concrete(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (name === 'orgId') return atlas.tenant.orgId;
    if (name === 'groupId') return groupId;
    if (PATH_SAMPLES[name]) return encodeURIComponent(PATH_SAMPLES[name]);
    const spec = PATH_PARAMS[name];
    const value = spec ? PATH_CANDIDATES.find((c) => spec.pattern.test(c)) : 'sample';
    if (value === undefined) throw new Error(`no well-formed value for path parameter ${name}: add one to PATH_SAMPLES in test/contracts/requestSamples.ts`);
    return value;
  });
}

async function call(op: Pick<OperationSpec, 'method' | 'path' | 'media'>, version: string, body?: unknown) {
  const before = seen.length;
  // A download is asked for in its own media type (`+gzip`), never `+json`.
  const accept = op.media ? { version: null, headers: { Accept: `application/vnd.atlas.${version}+${op.media}` } } : { version };
  const res = await atlas.call(op.method, concrete(op.path), { ...accept, ...(body !== undefined && { body }) });
  return { res, exchange: seen.slice(before).find((x) => x.path.startsWith('/api/atlas/v2')) };
}

describe('catalog → router → handler', () => {
  it('has a handler for every catalog operation but the unavailable ones, and an operation for every handler', () => {
    expect(Object.keys(HANDLERS).sort()).toEqual(OPERATIONS.filter((o) => !o.unavailableInGov).map((o) => o.operationId).sort());
  });

  it('has no two catalog entries for one operationId or one method and path', () => {
    const ids = OPERATIONS.map((o) => o.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const routes = OPERATIONS.map((o) => `${o.method} ${o.path.replace(/\{\w+\}/g, '{}')}`);
    expect(routes.filter((r, i) => routes.indexOf(r) !== i)).toEqual([]);
  });

  it('reaches every operation, in every version, through its own handler', async () => {
    const problems: string[] = [];
    for (const op of OPERATIONS) {
      for (const v of op.versions) {
        let body: unknown;
        if (v.request) {
          const given = REQUEST_SAMPLES[`${op.operationId}@${v.date}`];
          const sample = given !== undefined ? { ok: true as const, body: given } : sampleRequestBody(v.request);
          if (!sample.ok) {
            problems.push(`${op.operationId} ${v.date}: cannot make a valid request body (${sample.error}); add one to REQUEST_SAMPLES in test/contracts/requestSamples.ts`);
            continue;
          }
          body = sample.body;
        }
        reached.length = 0;
        const { res, exchange } = await call(op, v.date, body);
        const where = `${op.operationId} ${v.date} ${op.method} ${op.path}`;
        if (exchange?.operationId !== op.operationId) problems.push(`${where}: routed to ${exchange?.operationId ?? 'nothing'} (${res.status} ${res.json?.errorCode ?? ''})`);
        else if (op.unavailableInGov) {
          if (res.status !== 403 || res.json?.errorCode !== 'FEATURE_UNSUPPORTED' || reached.length) problems.push(`${where}: unavailable in Gov must answer 403 FEATURE_UNSUPPORTED before its handler`);
        } else if (res.status !== 200 || reached.length !== 1 || reached[0]?.operationId !== op.operationId || reached[0]?.version !== v.date) {
          problems.push(`${where}: ${res.status} ${res.text.slice(0, 200)}; handler calls ${JSON.stringify(reached)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('registers, outside the versioned API, only the control plane and the unversioned routes that have contracts', () => {
    const registered: string[] = [];
    const spy = vi.spyOn(Dispatcher.prototype, 'route').mockImplementation(function (this: Dispatcher, method, path) {
      registered.push(`${method} ${path}`);
    });
    let sim: Simulation;
    try {
      sim = new Simulation({ clock: 'manual' });
    } finally {
      spy.mockRestore();
    }
    const control = sim.control.routes.map((r) => `${r.method} ${r.path}`);
    const contracted = UNVERSIONED_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(registered.filter((r) => !control.includes(r)).sort()).toEqual([...contracted].sort());
    expect(control.every((r) => r.split(' ')[1]!.startsWith('/_mock'))).toBe(true);
  });

  it('answers the unversioned routes as their contracts say, and nothing else there', async () => {
    for (const r of UNVERSIONED_ROUTES) {
      const res = await atlas.call(r.method, r.path, { auth: r.authenticated ? 'digest' : 'none', version: null });
      if (r.id.startsWith('oauth')) {
        // Without client credentials: the OAuth error body.
        expect(res.status, r.path).toBe(401);
        expect(res.json.error, r.path).toBe('invalid_client');
      } else {
        expect(res.status, r.path).toBe(200);
        if (r.text) expect(res.text, r.path).toMatch(r.text);
        if (r.response) expect(r.response.safeParse(res.json).success, `${r.path} ${res.text}`).toBe(true);
      }
    }
    for (const p of ['/api/oauth/other', '/api/private/other', '/api/atlas/v1.0/groups', '/api/atlas/v3/orgs']) {
      const res = await atlas.call('GET', p);
      expect(res.status, p).toBe(404);
      expect(res.json.errorCode, p).toBe('RESOURCE_NOT_FOUND');
    }
  });
});

describeWithReference('official document → router', ['openapi'], () => {
  it('describes every catalog operation at the same method and path', () => {
    const doc = openApiDocument();
    const wrong = OPERATIONS.flatMap((op) => {
      const d = doc.getOperation(op.operationId);
      if (!d) return [];
      return d.method === op.method && d.path === op.path ? [] : [`${op.operationId}: catalog ${op.method} ${op.path}, document ${d.method} ${d.path}`];
    });
    expect(wrong).toEqual([]);
  });

  it('routes none of the document’s operations that the catalog lacks (404 RESOURCE_NOT_FOUND or 405), but the declared ones', async () => {
    const doc = openApiDocument();
    const catalog = new Set(OPERATIONS.map((o) => o.operationId));
    const problems: string[] = [];
    const shadowed: string[] = [];
    for (const d of doc.operations) {
      if (catalog.has(d.operationId)) continue;
      const method = d.method as OperationSpec['method'];
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
      const { res, exchange } = await call({ method, path: d.path }, '2025-03-12', ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined);
      const code = res.json?.errorCode;
      const unrouted = !exchange?.operationId && ((res.status === 404 && code === 'RESOURCE_NOT_FOUND') || (res.status === 405 && code === 'METHOD_NOT_ALLOWED'));
      if (unrouted) continue;
      if (ROUTING_DIFFERENCES[d.operationId] && exchange?.operationId) shadowed.push(d.operationId);
      else problems.push(`${d.operationId} ${d.method} ${d.path}: answered ${res.status} ${code ?? ''} by ${exchange?.operationId ?? 'no operation'}`);
    }
    expect(problems, 'answered without a contract: simulate them, or declare them in ROUTING_DIFFERENCES (contracts/harness/knownDifferences.ts)').toEqual([]);
    expect(shadowed.sort(), 'ROUTING_DIFFERENCES entries that no longer apply').toEqual(Object.keys(ROUTING_DIFFERENCES).sort());
  });
});
