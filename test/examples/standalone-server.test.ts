/**
 * Example: testing an Atlas client against the standalone simulator over a real socket.
 * Copy this file into your project and replace `listOrganizationNames` with your client.
 *
 * In your project the imports are `import { createSimulation, startServer } from 'atlas-gov-mock'`,
 * or run the server on its own (`npx atlas-gov-mock --port 8080`, add `--tls` for HTTPS)
 * and point the same code at its URL: everything below goes through HTTP, including the
 * control plane under `/_mock/`, so it works from any language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulation, startServer, type RunningServer } from '../../src/index.js';
import { recordExchange } from '../support/capture.js';

/** The code under test: what an SDK does. Gets a token, lists organizations, retries once after a 429. */
async function listOrganizationNames(baseUrl: string, clientId: string, clientSecret: string): Promise<string[]> {
  const tokenRes = await fetch(`${baseUrl}/api/oauth/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${baseUrl}/api/atlas/v2/orgs`, { headers: { Authorization: `Bearer ${access_token}`, Accept: 'application/vnd.atlas.2023-01-01+json' } });
    if (res.status === 429 && attempt === 0) continue;
    if (!res.ok) throw new Error(`Atlas answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { results: Array<{ name: string }> }).results.map((o) => o.name);
  }
}

let server: RunningServer;
let base: string;
const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}/_mock${path}`, { method, headers: { 'Content-Type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return res.status === 204 ? undefined : res.json();
};

beforeAll(async () => {
  // onExchange feeds this repository's OpenAPI conformance check; leave it out in yours.
  server = await startServer(createSimulation({ onExchange: recordExchange }), { port: 0 });
  base = server.url;
});
afterAll(() => server.close());

describe('my Atlas client against the standalone simulator', () => {
  it('lists the organizations of a tenant seeded through the control plane', async () => {
    // Seed: a tenant of its own (an organization with an owner service account and API key), isolated from other tests.
    const tenant = (await control('POST', '/tenants', { name: 'Acme Gov' })) as { orgId: string; serviceAccount: { clientId: string; clientSecret: string } };
    expect(await listOrganizationNames(base, tenant.serviceAccount.clientId, tenant.serviceAccount.clientSecret)).toEqual(['Acme Gov']);

    // Assert what the client sent, from the request journal.
    const { requests } = (await control('GET', '/requests?operationId=listOrganizations')) as { requests: Array<{ requestHeaders: Record<string, string>; authMethod: string }> };
    expect(requests.at(-1)).toMatchObject({ authMethod: 'BEARER', requestHeaders: { accept: 'application/vnd.atlas.2023-01-01+json' } });
  });

  it('retries after an injected 429', async () => {
    const tenant = (await control('POST', '/tenants', {})) as { serviceAccount: { clientId: string; clientSecret: string } };
    // Fault injection: the next list call gets Atlas's rate-limit error.
    await control('POST', '/faults', { method: 'GET', path: '/api/atlas/v2/orgs', errorCode: 'RATE_LIMITED_TOKEN_BUCKET', params: ['api/atlas/v2/orgs', 55, 10, 5, 60], count: 1 });
    await control('DELETE', '/requests');
    expect(await listOrganizationNames(base, tenant.serviceAccount.clientId, tenant.serviceAccount.clientSecret)).toHaveLength(1);
    // An injected fault answers before routing, so select by path rather than operationId.
    const { requests } = (await control('GET', '/requests?method=GET')) as { requests: Array<{ path: string; status: number }> };
    expect(requests.filter((r) => r.path === '/api/atlas/v2/orgs').map((r) => r.status)).toEqual([429, 200]);
  });

  it('sees its token expire when the clock moves an hour', async () => {
    const tenant = (await control('POST', '/tenants', {})) as { serviceAccount: { clientId: string; clientSecret: string } };
    const res = await fetch(`${base}/api/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${tenant.serviceAccount.clientId}:${tenant.serviceAccount.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const { access_token } = (await res.json()) as { access_token: string };
    // Move the simulation clock instead of waiting: tokens last 3600 s.
    await control('POST', '/clock/advance', { seconds: 3600 });
    const later = await fetch(`${base}/api/atlas/v2/orgs`, { headers: { Authorization: `Bearer ${access_token}`, Accept: 'application/vnd.atlas.2023-01-01+json' } });
    expect(later.status).toBe(401);
  });
});
