/**
 * Example: testing an Atlas client in-process with msw, no port and no server: requests
 * to https://cloud.mongodbgov.com are answered by a simulator inside the test process.
 * Copy this file into your project and replace `listOrganizationNames` with your client.
 *
 * In your project the imports are `import { createSimulation } from 'atlas-gov-mock'`
 * and `import { atlasHandlers } from 'atlas-gov-mock/msw'`. The simulator is driven in
 * code: seed with `sim.createTenant()`, move time with `sim.advance()`, inject faults
 * with `sim.faults.add()`, read what the client sent in `sim.journal.list()`.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { atlasHandlers } from '../../src/faces/msw.js';
import { createSimulation } from '../../src/index.js';
import { recordExchange } from '../support/capture.js';

const ATLAS = 'https://cloud.mongodbgov.com';

/** The code under test: what an SDK does. Gets a token, lists organizations, retries once after a 429. */
async function listOrganizationNames(clientId: string, clientSecret: string): Promise<string[]> {
  const tokenRes = await fetch(`${ATLAS}/api/oauth/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${ATLAS}/api/atlas/v2/orgs`, { headers: { Authorization: `Bearer ${access_token}`, Accept: 'application/vnd.atlas.2023-01-01+json' } });
    if (res.status === 429 && attempt === 0) continue;
    if (!res.ok) throw new Error(`Atlas answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { results: Array<{ name: string }> }).results.map((o) => o.name);
  }
}

// onExchange feeds this repository's OpenAPI conformance check; leave it out in yours.
const sim = createSimulation({ onExchange: recordExchange });
const server = setupServer(...atlasHandlers(sim));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  sim.faults.clear();
  sim.journal.clear();
});
afterAll(() => server.close());

describe('my Atlas client against the in-process simulator (msw)', () => {
  it('lists the organizations of a tenant seeded in code, and sends the versioned Accept header', async () => {
    const tenant = sim.createTenant({ name: 'Acme Gov' });
    expect(await listOrganizationNames(tenant.serviceAccount.clientId, tenant.serviceAccount.clientSecret)).toEqual(['Acme Gov']);
    const sent = sim.journal.list().filter((e) => e.operationId === 'listOrganizations');
    expect(sent.at(-1)).toMatchObject({ authMethod: 'BEARER', requestHeaders: { accept: 'application/vnd.atlas.2023-01-01+json' } });
  });

  it('retries after an injected 429', async () => {
    const tenant = sim.createTenant();
    sim.faults.add({ method: 'GET', path: '/api/atlas/v2/orgs', errorCode: 'RATE_LIMITED_TOKEN_BUCKET', params: ['api/atlas/v2/orgs', 55, 10, 5, 60], remaining: 1 });
    expect(await listOrganizationNames(tenant.serviceAccount.clientId, tenant.serviceAccount.clientSecret)).toHaveLength(1);
    // An injected fault answers before routing, so select by path rather than operationId.
    expect(sim.journal.list().filter((e) => e.path === '/api/atlas/v2/orgs').map((e) => e.status)).toEqual([429, 200]);
  });

  it('sees its token expire when the clock moves an hour', async () => {
    const tenant = sim.createTenant();
    const res = await fetch(`${ATLAS}/api/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${tenant.serviceAccount.clientId}:${tenant.serviceAccount.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const { access_token } = (await res.json()) as { access_token: string };
    sim.advance(3600);
    const later = await fetch(`${ATLAS}/api/atlas/v2/orgs`, { headers: { Authorization: `Bearer ${access_token}`, Accept: 'application/vnd.atlas.2023-01-01+json' } });
    expect(later.status).toBe(401);
  });
});
