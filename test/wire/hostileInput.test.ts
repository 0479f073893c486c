import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../contracts/api/catalog.js';
import type { OperationSpec } from '../../contracts/api/operation.js';
import { Simulation } from '../../src/simulation.js';
import type { WireRequest, WireResponse } from '../../src/wire/message.js';

/**
 * The hostile campaign, kept: every catalog operation and every control-plane route that
 * takes a body gets a corpus of malformed bodies, and every operation bad path and query
 * values. Each must get an Atlas 4xx (JSON body with `errorCode`) and leave the state as
 * it was. In process, so that it stays within a few seconds.
 */
const quiet = { error() {}, warn() {}, info() {}, debug() {} };

interface Case {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: Buffer;
  label: string;
}

const deep = (n: number, open: string, close: string, inner = '1') => open.repeat(n) + inner + close.repeat(n);

/** Bodies no operation may accept. `wrongType` is a JSON value of the wrong kind for the operation's body. */
function bodies(wrongType: string): Array<[label: string, body: Buffer, contentType: string, extra?: Record<string, string>]> {
  const json = 'application/json';
  return [
    ['empty', Buffer.alloc(0), json],
    ['invalid JSON', Buffer.from('{"name": '), json],
    ['trailing garbage', Buffer.from('{} x'), json],
    ['wrong type', Buffer.from(wrongType), json],
    ['null', Buffer.from('null'), json],
    ['number', Buffer.from('42'), json],
    ['string', Buffer.from('"text"'), json],
    ['1 MB string', Buffer.from(JSON.stringify({ name: 'x'.repeat(1024 * 1024) })), json],
    ['10k-deep objects', Buffer.from(deep(10_000, '{"a":', '}')), json],
    ['10k-deep arrays', Buffer.from(deep(10_000, '[', ']')), json],
    ['__proto__ key', Buffer.from('{"__proto__": {"isAdmin": true}}'), json],
    ['constructor key', Buffer.from('{"constructor": {"prototype": {"polluted": 1}}}'), json],
    ['NUL in a key', Buffer.from('{"na\\u0000me": "x"}'), json],
    ['NUL bytes', Buffer.from('{"name": "a\u0000b"}\u0000'), json],
    ['lone surrogate value', Buffer.from('{"name": "a\\ud800b", "username": "a\\udc00"}'), json],
    ['lone surrogate key', Buffer.from('{"\\ud800": 1}'), json],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), json],
    ['gzip body', gzipSync('{"name": "zipped"}'), json, { 'content-encoding': 'gzip' }],
    ['form body', Buffer.from('name=form&orgId=x'), 'application/x-www-form-urlencoded'],
    ['xml body', Buffer.from('<project><name>x</name></project>'), 'application/xml'],
  ];
}

/** Values no path parameter may hold. */
const BAD_PATH = ['%00', '%ED%A0%80', '%', 'a'.repeat(2000), '..%2F..%2F_mock%2Fstate', '%7B%22%24gt%22%3A%22%22%7D', '__proto__', 'constructor', '%0D%0ASet-Cookie:%20x', '%C0%AF'];

/** Accept headers no version matches (a later date is not one: it resolves to the newest version before it). */
const BAD_ACCEPT = ['application/vnd.atlas.1999-01-01+json', 'application/vnd.atlas.not-a-date+json', 'application/vnd.atlas.2023-02-30+json'];

/** Query values that break a declared parameter's type, range or enum. */
function badQueries(op: OperationSpec): string[] {
  const out: string[] = [];
  // Only declared parameters: Atlas ignores the others, whatever they hold.
  for (const [name, spec] of Object.entries(op.query ?? {})) {
    if (spec.type === 'integer') out.push(`${name}=abc`, `${name}=1e400`, `${name}=%00`, ...(spec.min !== undefined ? [`${name}=${spec.min - 1}`] : []), ...(spec.max !== undefined ? [`${name}=${spec.max + 1}`] : []));
    if (spec.type === 'boolean') out.push(`${name}=maybe`, `${name}=%00`);
    if (spec.enum) out.push(`${name}=NOT_A_VALUE`, `${name}=%ED%A0%80`);
  }
  return out;
}

function request(c: Case, bearer: string): WireRequest {
  return {
    method: c.method,
    url: c.url,
    headers: { authorization: bearer, host: '127.0.0.1:8080', ...c.headers },
    body: c.body ?? null,
    remoteAddress: '127.0.0.1',
    origin: 'http://127.0.0.1:8080',
  };
}

describe('hostile input campaign', () => {
  it('answers every malformed request to every operation with an Atlas 4xx and changes nothing', { timeout: 120_000 }, async () => {
    const sim = new Simulation({ clock: 'manual', logger: quiet, rateLimits: false });
    const t = sim.defaultTenant!;
    const basic = `Basic ${Buffer.from(`${t.serviceAccount.clientId}:${t.serviceAccount.clientSecret}`).toString('base64')}`;
    const tokenRes = await sim.handle({ method: 'POST', url: '/api/oauth/token', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from('grant_type=client_credentials'), remoteAddress: '127.0.0.1', origin: 'http://x' });
    const bearer = `Bearer ${JSON.parse(tokenRes.body!).access_token}`;
    const accept = (op: OperationSpec) => ({ accept: `application/vnd.atlas.${op.versions[op.versions.length - 1]!.date}+json` });
    const made = await sim.handle(request({ method: 'POST', url: '/api/atlas/v2/groups', headers: { ...accept(OPERATIONS.find((o) => o.operationId === 'createProject')!), 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ name: 'fuzz', orgId: t.orgId })), label: '' }, bearer));
    const groupId = JSON.parse(made.body!).id as string;
    const valid: Record<string, string> = { orgId: t.orgId, groupId, apiUserId: t.apiKey.id, clientId: t.serviceAccount.clientId };
    const fill = (path: string, override: Record<string, string> = {}) => path.replace(/\{(\w+)\}/g, (_, name: string) => override[name] ?? valid[name] ?? 'fuzz');

    const cases: Case[] = [];
    for (const op of OPERATIONS) {
      const version = op.versions[op.versions.length - 1]!;
      const headers = accept(op);
      const path = fill(op.path);
      if (op.method !== 'GET' && op.versions.some((v) => v.request)) {
        const acceptsArray = version.request?.safeParse([]).success;
        for (const [label, body, type, extra] of bodies(acceptsArray ? '{}' : '[]')) {
          cases.push({ method: op.method, url: path, headers: { ...headers, 'content-type': type, ...extra }, body, label: `${op.operationId}: ${label}` });
        }
      }
      for (const name of op.path.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? []) {
        for (const bad of BAD_PATH) cases.push({ method: op.method, url: fill(op.path, { [name]: bad }), headers, label: `${op.operationId}: {${name}} = ${bad.slice(0, 40)}` });
      }
      for (const a of BAD_ACCEPT) cases.push({ method: op.method, url: path, headers: { accept: a, 'content-type': 'application/json' }, body: Buffer.from('{}'), label: `${op.operationId}: Accept ${a}` });
      if (op.method === 'GET') for (const q of badQueries(op)) cases.push({ method: op.method, url: `${path}?${q}`, headers, label: `${op.operationId}: ?${q.slice(0, 40)}` });
    }
    for (const route of sim.control.routes.filter((r) => r.body)) {
      const path = fill(route.path);
      // An empty body is the control plane's way of taking every default, and a long
      // string is a valid filter there: neither is malformed.
      for (const [label, body, type, extra] of bodies('[]').filter(([l]) => l !== 'empty' && l !== '1 MB string')) {
        cases.push({ method: route.method, url: path, headers: { 'content-type': type, ...extra }, body, label: `${route.method} ${route.path}: ${label}` });
      }
    }

    const snapshot = () => JSON.stringify(sim.exportState().slices);
    let before = snapshot();
    const failures: string[] = [];
    for (const c of cases) {
      let res: WireResponse;
      try {
        res = await sim.handle(request(c, bearer));
      } catch (e) {
        failures.push(`${c.label}: threw ${(e as Error).message}`);
        continue;
      }
      const errorCode = (() => {
        try {
          return (JSON.parse(res.body ?? '') as { errorCode?: unknown }).errorCode;
        } catch {
          return undefined;
        }
      })();
      if (res.status < 400 || res.status >= 500 || typeof errorCode !== 'string') failures.push(`${c.label}: ${res.status} ${String(res.body).slice(0, 120)}`);
      const after = snapshot();
      if (after !== before) {
        failures.push(`${c.label}: state changed`);
        before = after;
      }
    }
    console.log(`hostile input campaign: ${cases.length} requests over ${OPERATIONS.length} operations and ${sim.control.routes.filter((r) => r.body).length} control routes, ${failures.length} failures`);
    expect(failures).toEqual([]);
    expect(cases.length).toBeGreaterThan(2000);
  });
});
