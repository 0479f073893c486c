import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { authorization, parseChallenge } from '../support/digest.js';
import { curl, runPython } from '../support/tools.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas({ nonceLifetimeSeconds: 120 });
});
afterAll(() => atlas.close());

const ACCEPT = 'application/vnd.atlas.2025-03-12+json';
const CHALLENGE = /^Digest realm="MMS Public API", domain="", nonce="[A-Za-z0-9+/]{32}", algorithm=MD5, qop="auth", stale=(true|false)$/;
const BODY_401 = '{\n  "error" : 401,\n  "reason" : "Unauthorized",\n  "detail" : "You are not authorized for this resource.",\n  "errorCode" : "UNEXPECTED_ERROR"\n}';

async function challenge(path = '/api/atlas/v2/orgs'): Promise<{ res: Response; nonce: string; header: string }> {
  const res = await fetch(`${atlas.url}${path}`, { headers: { Accept: ACCEPT } });
  const header = res.headers.get('www-authenticate') ?? '';
  return { res, nonce: parseChallenge(header).nonce!, header };
}

async function digestGet(path: string, auth: string): Promise<Response> {
  return fetch(`${atlas.url}${path}`, { headers: { Accept: ACCEPT, Authorization: auth } });
}

const key = () => ({ username: atlas.tenant.apiKey.publicKey, password: atlas.tenant.apiKey.privateKey });

describe('the Digest challenge', () => {
  it('matches the observed challenge and 401 body byte for byte, with a fresh nonce each time', async () => {
    const a = await challenge();
    const b = await challenge();
    expect(a.res.status).toBe(401);
    expect(a.header).toMatch(CHALLENGE);
    expect(a.header.endsWith('stale=false')).toBe(true);
    expect(a.nonce).not.toBe(b.nonce);
    const text = await a.res.text();
    expect(text).toBe(BODY_401);
    expect(Buffer.byteLength(text)).toBe(142);
    expect(a.res.headers.get('content-type')).toBe('application/json');
    // The authentication filter answers before the application layer: no rate-limit or error-code headers.
    expect(a.res.headers.get('ratelimit-limit')).toBeNull();
    expect(a.res.headers.get('x-error-code')).toBeNull();
  });
});

describe('Digest authentication', () => {
  it('accepts a correct qop=auth response, with or without the algorithm parameter', async () => {
    for (const algorithm of ['MD5', null] as const) {
      const { nonce } = await challenge();
      const res = await digestGet('/api/atlas/v2/orgs', authorization({ ...key(), method: 'GET', uri: '/api/atlas/v2/orgs', nonce, nc: 1, algorithm }));
      expect(res.status).toBe(200);
    }
  });

  it('lets a client reuse a nonce with a higher nc and refuses a replayed nc', async () => {
    const { nonce } = await challenge();
    const uri = '/api/atlas/v2/orgs';
    expect((await digestGet(uri, authorization({ ...key(), method: 'GET', uri, nonce, nc: 1 }))).status).toBe(200);
    expect((await digestGet(uri, authorization({ ...key(), method: 'GET', uri, nonce, nc: 2 }))).status).toBe(200);
    const replay = await digestGet(uri, authorization({ ...key(), method: 'GET', uri, nonce, nc: 2 }));
    expect(replay.status).toBe(401);
    expect(replay.headers.get('www-authenticate')).toMatch(CHALLENGE);
  });

  it('answers an expired nonce with a new challenge marked stale=true', async () => {
    const { nonce } = await challenge();
    atlas.sim.advance(121);
    const uri = '/api/atlas/v2/orgs';
    const res = await digestGet(uri, authorization({ ...key(), method: 'GET', uri, nonce, nc: 1 }));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/stale=true$/);
    const fresh = parseChallenge(res.headers.get('www-authenticate')!).nonce!;
    expect((await digestGet(uri, authorization({ ...key(), method: 'GET', uri, nonce: fresh, nc: 1 }))).status).toBe(200);
  });

  it('gives a wrong private key and an unknown public key the same 401, and audits both with the name and IP', async () => {
    atlas.sim.auth.audit.clear();
    const uri = '/api/atlas/v2/orgs';
    const wrong = await digestGet(uri, authorization({ username: key().username, password: 'not-the-key', method: 'GET', uri, nonce: (await challenge()).nonce, nc: 1 }));
    const unknown = await digestGet(uri, authorization({ username: 'zzzzzzzz', password: 'x', method: 'GET', uri, nonce: (await challenge()).nonce, nc: 1 }));
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await wrong.text()).toBe(BODY_401);
    expect(await unknown.text()).toBe(BODY_401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/stale=false$/);
    const audit = (await (await fetch(`${atlas.url}/_mock/audit`)).json()) as any;
    expect(audit.entries).toEqual([
      expect.objectContaining({ method: 'DIGEST', principal: key().username, ip: '127.0.0.1', reason: 'bad-response', route: 'GET /api/atlas/v2/orgs' }),
      expect.objectContaining({ method: 'DIGEST', principal: 'zzzzzzzz', ip: '127.0.0.1', reason: 'unknown-user' }),
    ]);
    expect(JSON.stringify(audit)).not.toContain('not-the-key');
  });

  it('refuses a response computed for another resource', async () => {
    const { nonce } = await challenge();
    const res = await digestGet(
      `/api/atlas/v2/orgs/${atlas.tenant.orgId}`,
      authorization({ ...key(), method: 'GET', uri: '/api/atlas/v2/orgs', nonce, nc: 1 }),
    );
    expect(res.status).toBe(401);
  });

  it('refuses HTTP Basic on the Administration API with the same 401', async () => {
    const res = await fetch(`${atlas.url}/api/atlas/v2/orgs`, {
      headers: { Accept: ACCEPT, Authorization: `Basic ${Buffer.from(`${key().username}:${key().password}`).toString('base64')}` },
    });
    expect(res.status).toBe(401);
    expect(await res.text()).toBe(BODY_401);
  });
});

describe('real Digest clients', () => {
  it('curl --digest, exactly as in the Atlas docs', async () => {
    const r = await curl([
      '--user',
      `${key().username}:${key().password}`,
      '--digest',
      '--header',
      `Accept: ${ACCEPT}`,
      '-X',
      'GET',
      `${atlas.url}/api/atlas/v2/orgs/${atlas.tenant.orgId}?pretty=true`,
    ]);
    expect(r.headerBlocks).toHaveLength(2);
    expect(r.headerBlocks[0]).toMatch(/^HTTP\/1\.1 401/);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    expect(r.body).toContain(`"id" : "${atlas.tenant.orgId}"`);
  });

  it('Python requests with HTTPDigestAuth reuses one nonce across a session', async () => {
    await fetch(`${atlas.url}/_mock/requests`, { method: 'DELETE' });
    const script = `
import sys, requests
from requests.auth import HTTPDigestAuth
s = requests.Session()
s.auth = HTTPDigestAuth(sys.argv[2], sys.argv[3])
codes = [s.get(sys.argv[1] + '/api/atlas/v2/orgs', headers={'Accept': '${ACCEPT}'}).status_code for _ in range(3)]
print(','.join(map(str, codes)))
`;
    const r = await runPython(script, [atlas.url, key().username, key().password]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('200,200,200');
    const journal = ((await (await fetch(`${atlas.url}/_mock/requests`)).json()) as any).requests as Array<{ status: number; authMethod?: string }>;
    // One challenge, then three authenticated calls on the same nonce with nc 1, 2, 3.
    expect(journal.map((e) => e.status)).toEqual([401, 200, 200, 200]);
    expect(journal.filter((e) => e.authMethod === 'DIGEST')).toHaveLength(3);
  });

  it('Node urllib digestAuth', async () => {
    const res = await atlas.call('GET', `/orgs/${atlas.tenant.orgId}`, { auth: 'digest' });
    expect(res.status).toBe(200);
    expect(res.json.id).toBe(atlas.tenant.orgId);
  });
});
