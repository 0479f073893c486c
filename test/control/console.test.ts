/**
 * What the browser console reads and how it is let in: the journal's responses and
 * filters, the inventory, the page and its assets, and the cookie session that stands
 * for the control token. The console itself, in a browser, is console.browser.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body20240805 } from '../support/clusters.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { asUser, member } from '../support/people.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

const mock = (method: string, path: string, o: { body?: unknown; headers?: Record<string, string> } = {}) => atlas.call(method, `/_mock${path}`, { auth: 'none', ...o });

describe('the journal keeps each response', () => {
  it('with its headers and body, credential fields redacted as in requests', async () => {
    await mock('DELETE', '/requests');
    const key = await atlas.call('POST', `/orgs/${atlas.tenant.orgId}/apiKeys`, { body: { desc: 'journal-key', roles: ['ORG_READ_ONLY'] } });
    expect(key.status).toBe(200);
    const [entry] = (await mock('GET', '/requests?operationId=createApiKey')).json.requests;
    expect(entry.responseHeaders['Content-Type']).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    const shown = JSON.parse(entry.responseBody);
    expect(shown).toMatchObject({ id: key.json.id, publicKey: key.json.publicKey, privateKey: '[redacted]', desc: 'journal-key' });
    expect(entry.responseBody).not.toContain(key.json.privateKey);
  });

  it('redacts the access token the token endpoint hands out, and keeps error bodies as sent', async () => {
    atlas.forgetTokens();
    await atlas.call('GET', `/orgs/${atlas.tenant.orgId}`);
    const missing = await atlas.call('GET', '/orgs/0123456789abcdef01234567');
    const entries = (await mock('GET', '/requests')).json.requests as Array<{ path: string; status: number; responseBody?: string }>;
    const token = entries.filter((e) => e.path === '/api/oauth/token').at(-1)!;
    expect(JSON.parse(token.responseBody!)).toMatchObject({ access_token: '[redacted]', token_type: 'Bearer' });
    const error = entries.filter((e) => e.status >= 400).at(-1)!;
    expect(error.responseBody).toBe(missing.text);
  });

  it('filters by status class, sequence and time, and refuses bad values', async () => {
    await mock('DELETE', '/requests');
    await atlas.call('GET', `/orgs/${atlas.tenant.orgId}`);
    atlas.sim.advance(60);
    const mid = atlas.sim.clock.now();
    await atlas.call('GET', '/orgs/0123456789abcdef01234567');
    const all = (await mock('GET', '/requests')).json.requests as Array<{ seq: number; status: number; time: string }>;
    const classes = (q: string) => mock('GET', `/requests?${q}`).then((r) => (r.json.requests as Array<{ status: number }>).map((e) => e.status));
    expect(await classes('status=4xx')).toEqual(all.filter((e) => e.status >= 400).map((e) => e.status));
    expect(await classes('status=2xx')).toEqual(all.filter((e) => e.status < 300).map((e) => e.status));
    expect(await classes('status=404')).toEqual([404]);
    expect(await classes(`after=${all[0]!.seq}`)).toEqual(all.slice(1).map((e) => e.status));
    expect(await classes(`since=${new Date(mid).toISOString()}`)).toEqual([404]);
    expect(await classes(`until=${mid - 1}`)).toEqual(all.filter((e) => Date.parse(e.time) < mid).map((e) => e.status));
    for (const bad of ['status=4x', 'status=abc', 'after=-1', 'after=x', 'since=yesterday']) {
      const res = await mock('GET', `/requests?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.json.errorCode).toBe('INVALID_QUERY_PARAMETER');
    }
  });
});

describe('the inventory', () => {
  let groupId: string;
  beforeAll(async () => {
    groupId = (await atlas.call('POST', '/groups', { body: { name: 'inventory-gov', orgId: atlas.tenant.orgId, regionUsageRestrictions: 'GOV_REGIONS_ONLY' } })).json.id;
    expect((await atlas.call('POST', `/groups/${groupId}/clusters`, { version: '2024-10-23', body: body20240805('ledger', { size: 'M40', region: 'US_GOV_WEST_1' }) })).status).toBe(201);
    expect((await atlas.call('POST', `/groups/${groupId}/databaseUsers`, { body: { groupId, databaseName: 'admin', username: 'app', password: 'correct-horse-battery', roles: [{ roleName: 'readWrite', databaseName: 'orders' }] } })).status).toBe(201);
    expect((await atlas.call('POST', `/groups/${groupId}/accessList`, { body: [{ cidrBlock: '10.1.0.0/16', comment: 'office' }] })).status).toBe(201);
  });

  it('shows each organization with its projects, clusters, users, access lists and principals, without a credential', async () => {
    const res = await mock('GET', `/inventory?orgId=${atlas.tenant.orgId}`);
    expect(res.status).toBe(200);
    const [org] = res.json.organizations;
    expect(org).toMatchObject({ id: atlas.tenant.orgId, tenant: true });
    const project = org.projects.find((p: { id: string }) => p.id === groupId);
    expect(project).toMatchObject({
      name: 'inventory-gov',
      regionUsageRestrictions: 'GOV_REGIONS_ONLY',
      clusters: [{ name: 'ledger', stateName: 'CREATING', instanceSize: 'M40', clusterType: 'REPLICASET', regions: ['AWS US_GOV_WEST_1'], pending: { kind: 'clusterCreate' } }],
      databaseUsers: [{ databaseName: 'admin', username: 'app', authMethod: 'SCRAM', roles: ['readWrite@orders'] }],
      accessList: [{ cidrBlock: '10.1.0.0/16', comment: 'office' }],
    });
    expect(org.apiKeys.map((k: { publicKey: string }) => k.publicKey)).toContain(atlas.tenant.apiKey.publicKey);
    expect(org.serviceAccounts.map((s: { clientId: string }) => s.clientId)).toContain(atlas.tenant.serviceAccount.clientId);
    for (const secret of [atlas.tenant.apiKey.privateKey, atlas.tenant.serviceAccount.clientSecret, 'correct-horse-battery']) expect(res.text).not.toContain(secret);
  });

  it('shows credentials only when asked for on purpose', async () => {
    const res = await mock('GET', `/inventory?orgId=${atlas.tenant.orgId}&secrets=true`);
    expect(res.text).toContain(atlas.tenant.apiKey.privateKey);
    expect(res.text).toContain(atlas.tenant.serviceAccount.clientSecret);
    expect(res.text).not.toContain('correct-horse-battery');
  });

  it('follows the clock: the cluster reads IDLE once its creation is due', async () => {
    atlas.advance(3600);
    const [org] = (await mock('GET', `/inventory?orgId=${atlas.tenant.orgId}`)).json.organizations;
    const project = org.projects.find((p: { id: string }) => p.id === groupId);
    expect(project.clusters[0].stateName).toBe('IDLE');
    expect(project.clusters[0].pending).toBeUndefined();
  });

  it('shows users with their roles, teams and API credential, and teams with their members', async () => {
    const user = await member(atlas, 'ada@example.gov', { roles: ['ORG_MEMBER'] });
    const team = await atlas.call('POST', `/orgs/${atlas.tenant.orgId}/teams`, { body: { name: 'operators', usernames: ['ada@example.gov'] } });
    expect(team.status, team.text).toBe(201);
    const key = (await asUser(atlas, user.id)).tenant.apiKey;
    const shown = await mock('GET', `/inventory?orgId=${atlas.tenant.orgId}`);
    const [org] = shown.json.organizations;
    expect(org.users).toContainEqual(expect.objectContaining({ username: 'ada@example.gov', orgRoles: ['ORG_MEMBER'], teams: ['operators'], credential: { publicKey: key.publicKey } }));
    expect(org.teams).toContainEqual(expect.objectContaining({ name: 'operators', usernames: ['ada@example.gov'] }));
    expect(shown.text).not.toContain(key.privateKey);
    expect((await mock('GET', `/inventory?orgId=${atlas.tenant.orgId}&secrets=true`)).text).toContain(key.privateKey);
  });

  it('lists every organization, and refuses a bad or unknown orgId', async () => {
    const other = (await mock('POST', '/tenants', { body: { name: 'Second agency' } })).json;
    const names = (await mock('GET', '/inventory')).json.organizations.map((o: { name: string }) => o.name);
    expect(names).toContain('Second agency');
    expect((await mock('GET', '/inventory?orgId=nope')).json.errorCode).toBe('INVALID_ORG_ID');
    expect((await mock('GET', '/inventory?orgId=0123456789abcdef01234567')).json.errorCode).toBe('ORG_NOT_FOUND');
    await mock('DELETE', `/tenants/${other.orgId}`);
  });
});

describe('the console page and its assets', () => {
  it('serves the page and its files with their types, a policy that loads nothing from elsewhere, and nothing else', async () => {
    const page = await mock('GET', '/ui');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(page.text).toContain('<main id="main"');
    // Every file the page names is served from here: no CDN, no other origin.
    const refs = [...page.text.matchAll(/(?:src|href)="([^"#]+)"/g)].map((m) => m[1]!);
    expect(refs.sort()).toEqual(['ui/console.css', 'ui/console.js', 'ui/favicon.svg']);
    for (const [name, type] of [
      ['console.js', 'text/javascript; charset=utf-8'],
      ['console.css', 'text/css; charset=utf-8'],
      ['favicon.svg', 'image/svg+xml'],
    ]) {
      const res = await mock('GET', `/ui/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers['content-type']).toBe(type);
    }
    expect((await mock('GET', '/ui/console.js')).text).not.toMatch(/https?:\/\//);
    for (const name of ['nope.js', 'index.html', '..%2Fguard.ts']) expect((await mock('GET', `/ui/${name}`)).status, name).toBe(404);
  });

  it('without a control token, ?token= only sends the browser back to the plain address', async () => {
    const res = await mock('GET', '/ui?token=anything');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('ui');
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('with a control token, the console opens a cookie session', () => {
  const TOKEN = 'control-token-for-the-console';
  let guarded: TestAtlas;
  let port: string;
  beforeAll(async () => {
    guarded = await startAtlas({ controlToken: TOKEN });
    port = new URL(guarded.url).port;
  });
  afterAll(() => guarded.close());
  const get = (path: string, headers: Record<string, string> = {}) => guarded.call('GET', `/_mock${path}`, { auth: 'none', headers });

  async function session(): Promise<string> {
    const res = await get(`/ui?token=${TOKEN}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('ui');
    return res.headers['set-cookie']!;
  }

  it('refuses the page without the token or with a wrong one, saying how to open it', async () => {
    const res = await get('/ui');
    expect(res.status).toBe(401);
    expect(res.json.detail).toContain('/_mock/ui?token=');
    expect((await get('/ui?token=wrong')).status).toBe(401);
    expect((await get('/ui/console.js')).status).toBe(401);
  });

  it('turns the token into an HttpOnly, SameSite=Strict cookie of this port that does not hold the token', async () => {
    const cookie = await session();
    expect(cookie).toMatch(new RegExp(`^atlas-gov-mock-console-${port}=[A-Za-z0-9_-]+; Path=/; HttpOnly; SameSite=Strict$`));
    expect(cookie).not.toContain(TOKEN);
  });

  it('lets the page and its assets in with the cookie alone, and data calls only with the console header too', async () => {
    const pair = (await session()).split(';')[0]!;
    expect((await get('/ui', { cookie: pair })).status).toBe(200);
    expect((await get('/ui/console.css', { cookie: pair })).status).toBe(200);
    expect((await get('/clock', { cookie: pair })).status).toBe(401);
    expect((await get('/clock', { 'x-atlas-mock-console': '1' })).status).toBe(401);
    expect((await get('/clock', { cookie: pair, 'x-atlas-mock-console': '1' })).status).toBe(200);
    expect((await get('/inventory', { cookie: `other=1; ${pair}`, 'x-atlas-mock-console': '1' })).status).toBe(200);
    // The cookie of another port, or a tampered one, is not this session.
    const [name, value] = pair.split('=') as [string, string];
    expect((await get('/clock', { cookie: `atlas-gov-mock-console-1=${value}`, 'x-atlas-mock-console': '1' })).status).toBe(401);
    expect((await get('/clock', { cookie: `${name}=${value.slice(1)}x`, 'x-atlas-mock-console': '1' })).status).toBe(401);
    // The token in a query opens the page only, never a data route or a file.
    expect((await get(`/clock?token=${TOKEN}`)).status).toBe(401);
    expect((await get(`/ui/console.js?token=${TOKEN}`)).status).toBe(401);
  });

  it('still takes state changes only as JSON, and moves the clock with the session', async () => {
    const pair = (await session()).split(';')[0]!;
    const headers = { cookie: pair, 'x-atlas-mock-console': '1' };
    const before = guarded.sim.clock.now();
    const plain = await guarded.call('POST', '/_mock/clock/advance', { auth: 'none', rawBody: '{"seconds":5}', headers: { ...headers, 'Content-Type': 'text/plain' } });
    expect(plain.status).toBe(400);
    expect(guarded.sim.clock.now()).toBe(before);
    const moved = await guarded.call('POST', '/_mock/clock/advance', { auth: 'none', body: { seconds: 5 }, headers });
    expect(moved.status).toBe(200);
    expect(guarded.sim.clock.now()).toBe(before + 5000);
  });

  it('marks the cookie Secure over HTTPS', async () => {
    const res = await guarded.sim.handle({
      method: 'GET',
      url: `/_mock/ui?token=${TOKEN}`,
      headers: { host: `127.0.0.1:${port}` },
      body: null,
      remoteAddress: '127.0.0.1',
      origin: `https://127.0.0.1:${port}`,
    });
    expect(res.status).toBe(303);
    expect(res.headers['Set-Cookie']).toMatch(/; Secure$/);
  });
});
