import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atlasHandlers } from '../../src/faces/msw.js';
import { Simulation } from '../../src/simulation.js';
import { recordExchange } from '../support/capture.js';

const sim = new Simulation({ clock: 'manual', onExchange: recordExchange });
const t = sim.defaultTenant!;
const server = setupServer(...atlasHandlers(sim));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const GOV = 'https://cloud.mongodbgov.com';

async function token(): Promise<string> {
  const res = await fetch(`${GOV}/api/oauth/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${t.serviceAccount.clientId}:${t.serviceAccount.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as any).access_token;
}

describe('msw handlers (in-process)', () => {
  it('intercept https://cloud.mongodbgov.com and answer as Atlas does', async () => {
    const res = await fetch(`${GOV}/api/atlas/v2/orgs/${t.orgId}`, { headers: { Authorization: `Bearer ${await token()}`, Accept: 'application/vnd.atlas.2025-03-12+json' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    const body = (await res.json()) as any;
    expect(body.links[0].href).toBe(`${GOV}/api/atlas/v2/orgs/${t.orgId}`);
  });

  it('also answer the documented alias host and the Digest challenge', async () => {
    const res = await fetch('https://cloudgov.mongodb.com/api/atlas/v2/orgs', { headers: { Accept: 'application/vnd.atlas.2025-03-12+json' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Digest realm="MMS Public API"/);
  });

  it('let a test move the simulation clock in code', async () => {
    const bearer = await token();
    sim.advance(3600);
    const res = await fetch(`${GOV}/api/atlas/v2/orgs`, { headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/vnd.atlas.2025-03-12+json' } });
    expect(res.status).toBe(401);
  });
});
