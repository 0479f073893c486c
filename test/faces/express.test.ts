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
  // Body parsers ahead of the simulator must not break it.
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));
  app.use(atlasMiddleware(sim));
  app.use('/prefixed', atlasMiddleware(sim));
  const nested = express.Router();
  nested.use(express.urlencoded({ extended: true }), express.text({ type: 'application/vnd.atlas.*' }));
  nested.use('/atlas', atlasMiddleware(sim));
  app.use('/inner', nested);
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

  it('serves the browser console under a mount path, its files and data calls relative to the page', async () => {
    const page = await fetch(`${base}/prefixed/_mock/ui`);
    expect(page.status).toBe(200);
    const html = await page.text();
    // The page names its files and the script its data calls relative to /prefixed/_mock/ui.
    for (const ref of [...html.matchAll(/(?:src|href)="(ui\/[^"]+)"/g)].map((m) => m[1]!)) {
      expect((await fetch(new URL(ref, page.url))).status, ref).toBe(200);
    }
    const inventory = await fetch(new URL('inventory', page.url), { headers: { 'X-Atlas-Mock-Console': '1' } });
    expect(inventory.status).toBe(200);
    expect(((await inventory.json()) as { organizations: unknown[] }).organizations.length).toBeGreaterThan(0);
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

  it('takes the OAuth token request behind express.urlencoded(), simple or extended, at any depth of routers', async () => {
    for (const prefix of ['', '/prefixed', '/inner/atlas']) {
      const token = await fetch(`${base}${prefix}/api/oauth/token`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${t.serviceAccount.clientId}:${t.serviceAccount.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      expect(token.status, prefix).toBe(200);
      const { access_token } = (await token.json()) as { access_token: string };
      const orgs = await fetch(`${base}${prefix}/api/atlas/v2/orgs`, { headers: { Authorization: `Bearer ${access_token}`, Accept: 'application/vnd.atlas.2023-01-01+json' } });
      expect(orgs.status, prefix).toBe(200);
      expect(((await orgs.json()) as { links: { href: string }[] }).links[0]!.href.startsWith(`${base}${prefix}/api/atlas/v2/orgs`), prefix).toBe(true);
    }
  });

  it('judges JSON bodies a parser already read as Atlas does, and bodiless requests stay bodiless', async () => {
    const token = await fetch(`${base}/api/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${t.serviceAccount.clientId}:${t.serviceAccount.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const bearer = { Authorization: `Bearer ${((await token.json()) as { access_token: string }).access_token}` };
    for (const [prefix, type] of [['', 'application/json'], ['/inner/atlas', 'application/vnd.atlas.2023-01-01+json']] as const) {
      const bad = await fetch(`${base}${prefix}/api/atlas/v2/groups`, { method: 'POST', headers: { ...bearer, Accept: 'application/vnd.atlas.2023-01-01+json', 'Content-Type': type }, body: JSON.stringify({ name: 'p', orgId: t.orgId, extra: 1 }) });
      expect(bad.status, prefix).toBe(400);
      expect(((await bad.json()) as { errorCode: string }).errorCode, prefix).toBe('INVALID_ATTRIBUTE');
    }
    const list = await fetch(`${base}/api/atlas/v2/groups`, { headers: { ...bearer, Accept: 'application/vnd.atlas.2023-01-01+json', 'Content-Type': 'application/json' } });
    expect(list.status).toBe(200);
  });
});
