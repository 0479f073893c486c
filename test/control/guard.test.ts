import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../support/cli.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';

/** The control plane's inputs are range-checked and its routes guarded (findings 4 and 5 of the hostile campaign). */
let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

const state = async (a: TestAtlas = atlas) => (await a.call('GET', '/_mock/state', { auth: 'none' })).text;

describe('finding 4: the clock stays in range', () => {
  it('refuses out-of-range instants and moves with a 400, and health keeps answering', async () => {
    const before = (await atlas.call('GET', '/_mock/clock', { auth: 'none' })).json;
    for (const [method, path, body, attribute] of [
      ['PUT', '/_mock/clock', { now: 9000000000000000 }, 'now'],
      ['PUT', '/_mock/clock', { now: -1 }, 'now'],
      ['PUT', '/_mock/clock', { now: '+275760-09-13T00:00:00.000Z' }, 'now'],
      ['POST', '/_mock/clock/advance', { seconds: 1e300 }, 'seconds'],
    ] as const) {
      const res = await atlas.call(method, path, { auth: 'none', body });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ errorCode: 'INVALID_ATTRIBUTE', parameters: [attribute] });
      expect(res.json.detail).toMatch(/clock stays between 1970-01-01T00:00:00.000Z and 2106-02-07T06:28:15.000Z/);
    }
    expect((await atlas.call('GET', '/_mock/clock', { auth: 'none' })).json).toEqual(before);
    expect((await atlas.call('GET', '/_mock/health', { auth: 'none' })).status).toBe(200);
    expect((await atlas.call('POST', '/_mock/reset', { auth: 'none' })).status).toBe(204);
    atlas.forgetTokens();
    expect((await atlas.call('GET', '/orgs')).status).toBe(200);
  });

  it('refuses an imported state whose clock is out of range, changing nothing', async () => {
    const exported = JSON.parse(await state());
    const res = await atlas.call('PUT', '/_mock/state', { auth: 'none', body: { ...exported, clockMs: 9e15 } });
    expect(res.status).toBe(400);
    expect(await state()).toBe(JSON.stringify(exported));
  });
});

describe('finding 5: the control plane is guarded', () => {
  const raw = (path: string, method: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${atlas.url}${path}`, { method, headers }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it('refuses a Host it does not listen on (DNS rebinding), for reads and writes', async () => {
    const port = new URL(atlas.url).port;
    const before = await state();
    for (const [method, path] of [
      ['GET', `/_mock/tenants/${atlas.tenant.orgId}`],
      ['GET', '/_mock/state'],
      ['POST', '/_mock/reset'],
    ] as const) {
      const res = await raw(path, method, { Host: `rebind.attacker.example:${port}`, 'Content-Type': 'application/json' }, method === 'POST' ? '{}' : undefined);
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ errorCode: 'ACCESS_FORBIDDEN' });
    }
    expect(await state()).toBe(before);
    expect((await raw('/_mock/health', 'GET', { Host: `localhost:${port}` })).status).toBe(200);
  });

  it('refuses state-changing calls without application/json (no CORS preflight for text/plain)', async () => {
    const before = await state();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await raw('/_mock/tenants', 'POST', { 'Content-Type': type }, '{}');
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).detail).toMatch(/Content-Type: application\/json/);
    }
    expect((await raw('/_mock/reset', 'POST', {})).status).toBe(400);
    expect(await state()).toBe(before);
  });

  it('requires the control token when one is set, and prints a warning and a generated token beyond loopback', async () => {
    const cli = await startCli(['--control-token', 'sixteen-chars-secret!']);
    try {
      expect((await fetch(`${cli.url}/_mock/tenants`)).status).toBe(401);
      expect((await fetch(`${cli.url}/_mock/tenants`, { headers: { Authorization: 'Bearer wrong-but-long-enough' } })).status).toBe(401);
      expect((await fetch(`${cli.url}/_mock/tenants`, { headers: { Authorization: 'Bearer sixteen-chars-secret!' } })).status).toBe(200);
      const health = (await (await fetch(`${cli.url}/_mock/health`)).json()) as Record<string, unknown>;
      expect(health).toEqual({ status: 'ok', version: expect.any(String) });
    } finally {
      await cli.stop();
    }
    const open = await startCli(['--host', '0.0.0.0']);
    try {
      expect(open.stderr()).toMatch(/warning: listening on 0\.0\.0\.0/);
      expect((await fetch(`${open.url}/_mock/state`)).status).toBe(401);
      expect(open.controlToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect((await fetch(`${open.url}/_mock/state`, { headers: { Authorization: `Bearer ${open.controlToken}` } })).status).toBe(200);
    } finally {
      await open.stop();
    }
  });
});

