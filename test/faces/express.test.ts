import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atlasMiddleware } from '../../src/faces/express.js';
import { Simulation } from '../../src/simulation.js';
import { curl } from '../support/tools.js';

let server: Server;
let base: string;
const sim = new Simulation({ clock: 'manual' });
const t = sim.defaultTenant!;

beforeAll(async () => {
  const app = express();
  app.get('/own/route', (_req, res) => res.json({ mine: true }));
  // A JSON body parser ahead of the simulator must not break it.
  app.use(express.json());
  app.use(atlasMiddleware(sim));
  app.use('/prefixed', atlasMiddleware(sim));
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const digest = ['--digest', '-u', `${t.apiKey.publicKey}:${t.apiKey.privateKey}`, '-H', 'Accept: application/vnd.atlas.2025-03-12+json'];

describe('express middleware', () => {
  it('answers Atlas paths and leaves the host app’s own routes alone', async () => {
    const own = await fetch(`${base}/own/route`);
    expect(await own.json()).toEqual({ mine: true });
    const r = await curl([...digest, `${base}/api/atlas/v2/orgs/${t.orgId}`]);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    expect(JSON.parse(r.body).links[0].href).toBe(`${base}/api/atlas/v2/orgs/${t.orgId}`);
  });

  it('works under a mount path, with the prefix in links', async () => {
    const r = await curl([...digest, `${base}/prefixed/api/atlas/v2/orgs`]);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).links[0].href).toBe(`${base}/prefixed/api/atlas/v2/orgs?includeCount=true&name=&pageNum=1&itemsPerPage=100`);
  });

  it('reads bodies already consumed by a body parser', async () => {
    const res = await fetch(`${base}/_mock/tenants`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"Via express"}' });
    expect(res.status).toBe(201);
    expect(((await res.json()) as any).orgName).toBe('Via express');
    const token = await fetch(`${base}/api/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${t.serviceAccount.clientId}:${t.serviceAccount.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(token.status).toBe(200);
  });
});
