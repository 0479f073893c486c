/**
 * The undici face: a Dispatcher answering Atlas for Government in process, for the
 * clients msw cannot reach (undici's own API, urllib and what is built on it).
 */
import { createRequire } from 'node:module';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getGlobalDispatcher, request, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atlasDispatcher } from '../../src/faces/undici.js';
import { Simulation } from '../../src/simulation.js';
import { recordExchange } from '../support/capture.js';

const sim = new Simulation({ clock: 'manual', onExchange: recordExchange });
const t = sim.defaultTenant!;
const GOV = 'https://cloud.mongodbgov.com';
const ACCEPT = 'application/vnd.atlas.2023-01-01+json';

describe('undici dispatcher (in-process)', () => {
  const dispatcher = atlasDispatcher(sim);

  it('answers undici’s request for cloud.mongodbgov.com: Digest challenge, then the organization', async () => {
    const challenge = await request(`${GOV}/api/atlas/v2/orgs`, { dispatcher, headers: { accept: ACCEPT } });
    expect(challenge.statusCode).toBe(401);
    expect(challenge.headers['www-authenticate']).toMatch(/^Digest realm="MMS Public API"/);
    await challenge.body.dump();

    const form = await request(`${GOV}/api/oauth/token`, {
      dispatcher,
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${t.serviceAccount.clientId}:${t.serviceAccount.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(form.statusCode).toBe(200);
    const { access_token } = (await form.body.json()) as { access_token: string };
    const org = await request(`https://cloudgov.mongodb.com/api/atlas/v2/orgs/${t.orgId}`, { dispatcher, headers: { accept: ACCEPT, authorization: `Bearer ${access_token}` } });
    expect(org.statusCode).toBe(200);
    expect(org.headers['content-type']).toBe(`${ACCEPT};charset=utf-8`);
    expect(((await org.body.json()) as { links: { href: string }[] }).links[0]!.href).toBe(`https://cloudgov.mongodb.com/api/atlas/v2/orgs/${t.orgId}`);
  });

  it('passes other origins to the dispatcher it wraps', async () => {
    const other = http.createServer((_req, res) => res.end('elsewhere'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    try {
      const res = await request(`http://127.0.0.1:${(other.address() as AddressInfo).port}/x`, { dispatcher });
      expect(await res.body.text()).toBe('elsewhere');
    } finally {
      other.close();
    }
  });
});

describe('as the global dispatcher', () => {
  let previous: Dispatcher;
  beforeAll(() => {
    previous = getGlobalDispatcher();
    setGlobalDispatcher(atlasDispatcher(sim));
  });
  afterAll(() => setGlobalDispatcher(previous));

  it('serves mongodb-atlas-api-client (urllib, Digest) unchanged', async () => {
    const getClient = createRequire(import.meta.url)('mongodb-atlas-api-client') as (o: object) => any;
    const client = getClient({ publicKey: t.apiKey.publicKey, privateKey: t.apiKey.privateKey, baseUrl: `${GOV}/api/atlas/v2` });
    const httpOptions = { headers: { Accept: ACCEPT } };
    const org = await client.organization.getById(t.orgId, { httpOptions });
    expect(org).toMatchObject({ id: t.orgId, isDeleted: false });
    const created = await client.project.create({ name: 'from-urllib', orgId: t.orgId }, { httpOptions: { ...httpOptions, headers: { ...httpOptions.headers, 'Content-Type': 'application/json' } } });
    expect(created).toMatchObject({ name: 'from-urllib', orgId: t.orgId });
    const projects = await client.organization.getAllProjectsForOrganization(t.orgId, { httpOptions });
    expect(projects.results.map((p: { name: string }) => p.name)).toContain('from-urllib');
  });

  it('serves Node’s global fetch too', async () => {
    const res = await fetch(`${GOV}/api/atlas/v2/orgs`, { headers: { accept: ACCEPT } });
    expect(res.status).toBe(401);
  });
});
