/**
 * Credentials created through the API, used by real clients over real sockets: curl
 * `--digest`, Python `requests` with `HTTPDigestAuth`, and a Node service using the
 * simple-oauth2 client-credentials flow.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { curl, run, runPython } from '../support/tools.js';

let atlas: TestAtlas;
let orgId: string;
beforeAll(async () => {
  atlas = await startAtlas();
  orgId = atlas.tenant.orgId;
});
afterAll(() => atlas.close());

const ACCEPT = (v: string) => `application/vnd.atlas.${v}+json`;

/** Runs requests in order in one Python process (its start-up is the slow part), with HTTPDigestAuth. */
const PYTHON = `
import json, sys, requests
from requests.auth import HTTPDigestAuth
base, public, private, calls = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
out = []
for method, path, body in calls:
    r = requests.request(method, base + path, auth=HTTPDigestAuth(public, private),
                         headers={"Accept": "application/vnd.atlas.2025-03-12+json", "Content-Type": "application/json"},
                         data=body or None, timeout=10)
    out.append({"status": r.status_code, "body": r.json() if r.text else None, "type": r.headers.get("Content-Type")})
print(json.dumps(out))
`;

type PyResult = { status: number; body: any; type: string };

async function python(key: { publicKey: string; privateKey: string }, calls: Array<[method: string, path: string, body?: string]>): Promise<PyResult[]> {
  const r = await runPython(PYTHON, [atlas.url, key.publicKey, key.privateKey, JSON.stringify(calls.map(([m, p, b]) => [m, `/api/atlas/v2${p}`, b ?? '']))]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('an API key created through the API', () => {
  it('is used by curl --digest and Python requests, and refused by both once deleted', async () => {
    const key = (await atlas.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'real clients', roles: ['ORG_OWNER'] } })).json;

    const listed = await curl(['--digest', '--user', `${key.publicKey}:${key.privateKey}`, '--header', `Accept: ${ACCEPT('2023-01-01')}`, `${atlas.url}/api/atlas/v2/orgs/${orgId}/apiKeys`]);
    expect(listed.headerBlocks.map((b) => b.split('\r\n')[0])).toEqual(['HTTP/1.1 401 Unauthorized', 'HTTP/1.1 200 OK']);
    expect(listed.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    expect(JSON.parse(listed.body).results.map((k: { id: string }) => k.id)).toContain(key.id);

    // curl creates a service account with the key (a body on a Digest POST).
    const created = await curl([
      '--digest', '--user', `${key.publicKey}:${key.privateKey}`,
      '--header', `Accept: ${ACCEPT('2024-08-05')}`, '--header', 'Content-Type: application/json',
      '--data', JSON.stringify({ name: 'made by curl', description: 'curl', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 8 }),
      `${atlas.url}/api/atlas/v2/orgs/${orgId}/serviceAccounts`,
    ]);
    expect(created.status).toBe(201);
    const clientId = JSON.parse(created.body).clientId;

    const [got, acl, events, deleted, refusedPython] = await python(key, [
      ['GET', `/orgs/${orgId}/serviceAccounts/${clientId}`],
      ['POST', `/orgs/${orgId}/apiKeys/${key.id}/accessList`, JSON.stringify([{ cidrBlock: '127.0.0.0/8' }])],
      ['GET', `/orgs/${orgId}/events?eventType=SERVICE_ACCOUNT_CREATED`],
      ['DELETE', `/orgs/${orgId}/apiKeys/${key.id}`],
      ['GET', `/orgs/${orgId}`],
    ]);
    expect(got).toMatchObject({ status: 200, type: 'application/vnd.atlas.2024-08-05+json;charset=utf-8', body: { clientId, name: 'made by curl' } });
    expect(acl!.status).toBe(200);
    expect(acl!.body.results[0].cidrBlock).toBe('127.0.0.0/8');
    expect(events!.body.results[0]).toMatchObject({ apiKeyId: key.id, publicKey: key.publicKey, remoteAddress: '127.0.0.1' });
    expect(deleted!.status).toBe(204);
    expect(refusedPython).toMatchObject({ status: 401, body: { errorCode: 'UNEXPECTED_ERROR' } });
    const refusedCurl = await curl(['--digest', '--user', `${key.publicKey}:${key.privateKey}`, '--header', `Accept: ${ACCEPT('2023-01-01')}`, `${atlas.url}/api/atlas/v2/orgs/${orgId}`]);
    expect(refusedCurl.status).toBe(401);
  });

  it('is held to its access list by Python requests: 403 with the caller’s IP', async () => {
    const key = (await atlas.call('POST', `/orgs/${orgId}/apiKeys`, { body: { desc: 'fenced', roles: ['ORG_MEMBER'] } })).json;
    await atlas.call('POST', `/orgs/${orgId}/apiKeys/${key.id}/accessList`, { body: [{ cidrBlock: '198.51.100.0/24' }] });
    const [res] = await python(key, [['GET', `/orgs/${orgId}`]]);
    expect(res).toEqual({
      status: 403,
      type: 'application/json',
      body: { detail: 'IP address 127.0.0.1 is not allowed to access this resource.', error: 403, errorCode: 'IP_ADDRESS_NOT_ON_ACCESS_LIST', parameters: ['127.0.0.1'], reason: 'Forbidden' },
    });
  });
});

describe('a service account created through the API', () => {
  const client = fileURLToPath(new URL('../fixtures/oauth-client.mjs', import.meta.url));

  it('gets a token with the simple-oauth2 client and calls the API; refused once its secret is deleted', async () => {
    const sa = (
      await atlas.call('POST', `/orgs/${orgId}/serviceAccounts`, { body: { name: 'node service', description: 'node', roles: ['ORG_READ_ONLY'], secretExpiresAfterHours: 24 } })
    ).json;
    const ok = await run('node', [client, atlas.url, sa.clientId, sa.secrets[0].secret, orgId]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ expiresIn: 3600, status: 200, id: orgId });

    // A second secret made through the API works with the same client at once.
    const second = (await atlas.call('POST', `/orgs/${orgId}/serviceAccounts/${sa.clientId}/secrets`, { body: { secretExpiresAfterHours: 8 } })).json;
    const again = await run('node', [client, atlas.url, sa.clientId, second.secret, orgId]);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 200 });

    expect((await atlas.call('DELETE', `/orgs/${orgId}/serviceAccounts/${sa.clientId}/secrets/${second.id}`)).status).toBe(204);
    const refused = await run('node', [client, atlas.url, sa.clientId, second.secret, orgId]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/401|invalid_client|Unauthorized/i);
  });

  it('gets a token with Python requests’ own Basic auth and calls the API with it', async () => {
    const sa = (
      await atlas.call('POST', `/orgs/${orgId}/serviceAccounts`, { body: { name: 'python job', description: 'python', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 } })
    ).json;
    const r = await runPython(
      `
import json, sys, requests
base, cid, secret, org = sys.argv[1:5]
t = requests.post(base + "/api/oauth/token", auth=(cid, secret), data={"grant_type": "client_credentials"}, headers={"Accept": "application/json"}, timeout=10)
o = requests.get(base + "/api/atlas/v2/orgs/" + org, headers={"Authorization": "Bearer " + t.json()["access_token"], "Accept": "application/vnd.atlas.2025-03-12+json"}, timeout=10)
print(json.dumps({"token": t.status_code, "status": o.status_code, "id": o.json()["id"]}))
`,
      [atlas.url, sa.clientId, sa.secrets[0].secret, orgId],
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ token: 200, status: 200, id: orgId });
  });
});
