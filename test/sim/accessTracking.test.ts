/**
 * Database logins played through the control plane, the database access history they
 * leave (Access Tracking), temporary lockouts, and the host logs that carry them.
 */
import { gunzipSync } from 'node:zlib';
import { webcrypto } from 'node:crypto';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { advance, body20240805, expectConforms, expectError, makeProject } from '../support/clusters.js';
import { keyWith } from '../support/projectKeys.js';

let atlas: TestAtlas;
let groupId: string;
let hosts: Array<{ hostname: string; userAlias: string; typeName: string; created: string }>;
const V = { version: '2023-01-01' } as const;
const PASSWORD = 'correct-horse-battery';
const get = (path: string, o: Record<string, unknown> = {}) => atlas.call('GET', path, { ...V, ...o });
const login = (body: Record<string, unknown>, cluster = 'Access1', g = groupId) =>
  atlas.call('POST', `/_mock/groups/${g}/clusters/${cluster}/logins`, { body, version: null, auth: 'none' });

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

/** A self-signed CA, and certificates it (or a stranger) signs. */
async function authority(name: string) {
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name,
    notBefore: new Date(Date.UTC(2020, 0, 1)),
    notAfter: new Date(Date.UTC(2040, 0, 1)),
    keys,
    signingAlgorithm: ALG,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
  });
  return {
    pem: cert.toString('pem'),
    async issue(subject: string, notAfter = new Date(Date.UTC(2030, 0, 1))): Promise<string> {
      const client = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
      const c = await x509.X509CertificateGenerator.create({
        serialNumber: '02',
        subject,
        issuer: cert.subject,
        notBefore: new Date(Date.UTC(2020, 0, 1)),
        notAfter,
        publicKey: client.publicKey,
        signingKey: keys.privateKey,
        signingAlgorithm: ALG,
      });
      return c.toString('pem');
    },
  };
}

beforeAll(async () => {
  atlas = await startAtlas();
  groupId = makeProject(atlas);
  expect((await atlas.call('POST', `/groups/${groupId}/clusters`, { version: '2024-10-23', body: body20240805('Access1') })).status).toBe(201);
  await advance(atlas, 3600);
  hosts = (await get(`/groups/${groupId}/processes`)).json.results;
  const user = await atlas.call('POST', `/groups/${groupId}/databaseUsers`, {
    version: '2023-01-01',
    body: { databaseName: 'admin', groupId, username: 'app', password: PASSWORD, roles: [{ roleName: 'readWrite', databaseName: 'test' }] },
  });
  expect(user.status, user.text).toBe(201);
  const x = await atlas.call('POST', `/groups/${groupId}/databaseUsers`, {
    version: '2023-01-01',
    body: { databaseName: '$external', groupId, username: 'CN=reporter,O=Agency', x509Type: 'CUSTOMER', roles: [{ roleName: 'read', databaseName: 'test' }] },
  });
  expect(x.status, x.text).toBe(201);
});
afterAll(() => atlas.close());

describe('database logins', () => {
  it('admits the right password after a real SCRAM-SHA-256 exchange and records it', async () => {
    const res = await login({ username: 'app', password: PASSWORD, ipAddress: '198.51.100.7' });
    expect(res.status).toBe(200);
    expect(res.json.authResult).toBe(true);
    const line = JSON.parse(res.json.entries[0].logLine);
    expect(line).toMatchObject({ c: 'ACCESS', msg: 'Successfully authenticated', attr: { mechanism: 'SCRAM-SHA-256', user: 'app', db: 'admin', result: 0 } });
    expect(line.attr.client).toMatch(/^198\.51\.100\.7:\d+$/);
  });

  it('refuses a wrong password and an unknown user, with the username and the IP recorded', async () => {
    const wrong = await login({ username: 'app', password: 'not-the-password', ipAddress: '203.0.113.9' });
    expect(wrong.json).toMatchObject({ authResult: false, failureReason: 'AuthenticationFailed: SCRAM authentication failed, storedKey mismatch' });
    const unknown = await login({ username: 'ghost', password: 'whatever1', ipAddress: '203.0.113.9' });
    expect(unknown.json.failureReason).toBe('UserNotFound: Could not find user "ghost" for db "admin"');
    const q = `/groups/${groupId}/dbAccessHistory/clusters/Access1?authResult=false`;
    const res = await get(q);
    expectConforms('GET', q, res);
    expect(res.json.accessLogs.map((e: { username: string; ipAddress: string }) => [e.username, e.ipAddress])).toEqual([
      ['ghost', '203.0.113.9'],
      ['app', '203.0.113.9'],
    ]);
    expect(Object.keys(res.json.accessLogs[0])).toEqual(['authResult', 'authSource', 'failureReason', 'groupId', 'hostname', 'ipAddress', 'logLine', 'timestamp', 'username']);
  });

  it('admits an X.509 certificate whose subject is the user, while it is valid and signed by a CA the project trusts', async () => {
    const ca = await authority('CN=Agency CA,O=Agency');
    const stranger = await authority('CN=Stranger CA');
    const cert = await ca.issue('CN=reporter,O=Agency');
    // Before the project trusts the CA, the certificate is refused.
    expect((await login({ certificate: cert, ipAddress: '192.0.2.10' })).json.failureReason).toMatch(/not signed by a CA the project trusts/);
    expect((await atlas.call('PATCH', `/groups/${groupId}/userSecurity`, { version: '2023-01-01', body: { customerX509: { cas: ca.pem } } })).status).toBe(202);
    const ok = await login({ certificate: cert, ipAddress: '192.0.2.10' });
    expect(ok.json.authResult).toBe(true);
    expect(JSON.parse(ok.json.entries[0].logLine).attr).toMatchObject({ mechanism: 'MONGODB-X509', db: '$external', user: 'CN=reporter,O=Agency' });
    expect((await login({ certificate: await ca.issue('CN=nobody,O=Agency'), ipAddress: '192.0.2.10' })).json.failureReason).toMatch(/^UserNotFound/);
    expect((await login({ certificate: await stranger.issue('CN=reporter,O=Agency'), ipAddress: '192.0.2.10' })).json.authResult).toBe(false);
    const expired = await login({ certificate: await ca.issue('CN=reporter,O=Agency', new Date(Date.UTC(2021, 0, 1))), ipAddress: '192.0.2.10' });
    expect(expired.json).toMatchObject({ authResult: false, failureReason: 'AuthenticationFailed: The provided certificate is not valid at this time.' });
  });

  it('admits the certificate Atlas issued to a managed X.509 user', async () => {
    const g = makeProject(atlas);
    await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('Managed1') });
    await advance(atlas, 3600);
    const user = await atlas.call('POST', `/groups/${g}/databaseUsers`, {
      version: '2023-01-01',
      body: { databaseName: '$external', groupId: g, username: 'robot', x509Type: 'MANAGED', roles: [{ roleName: 'read', databaseName: 'test' }] },
    });
    expect(user.status, user.text).toBe(201);
    const issued = await atlas.call('POST', `/groups/${g}/databaseUsers/robot/certs`, { version: '2023-01-01', body: { monthsUntilExpiration: 3 } });
    expect(issued.status, issued.text).toBe(201);
    const res = await login({ certificate: issued.text, ipAddress: '192.0.2.20' }, 'Managed1', g);
    expect(res.json).toMatchObject({ authResult: true });
    expect(JSON.parse(res.json.entries[0].logLine).attr.user).toBe('CN=robot');
  });

  it('locks a username out of the cluster after repeated failures, and logs the lockout', async () => {
    const u = await atlas.call('POST', `/groups/${groupId}/databaseUsers`, {
      version: '2023-01-01',
      body: { databaseName: 'admin', groupId, username: 'victim', password: PASSWORD, roles: [{ roleName: 'read', databaseName: 'test' }] },
    });
    expect(u.status).toBe(201);
    await login({ username: 'victim', password: 'wrong-one-1', ipAddress: '203.0.113.66' });
    await login({ username: 'victim', password: 'wrong-one-2', ipAddress: '203.0.113.66' });
    const third = await login({ username: 'victim', password: 'wrong-one-3', ipAddress: '203.0.113.66' });
    expect(third.json.lockedUntil).toBeDefined();
    expect(third.json.entries).toHaveLength(2);
    expect(JSON.parse(third.json.entries[1].logLine).msg).toBe('User temporarily locked out after repeated authentication failures');
    // Locked out: even the right password fails, until the lockout ends.
    const locked = await login({ username: 'victim', password: PASSWORD, ipAddress: '203.0.113.66' });
    expect(locked.json.authResult).toBe(false);
    expect(locked.json.failureReason).toMatch(/temporarily locked out/);
    await advance(atlas, 31 * 60);
    expect((await login({ username: 'victim', password: PASSWORD, ipAddress: '203.0.113.66' })).json.authResult).toBe(true);
    const history = (await get(`/groups/${groupId}/dbAccessHistory/clusters/Access1?ipAddress=203.0.113.66`)).json.accessLogs;
    expect(history.filter((e: { failureReason?: string }) => e.failureReason?.includes('locked out after'))).toHaveLength(1);
  });

  it('refuses bad login requests with Atlas errors, recording nothing', async () => {
    const before = atlas.sim.world.dbAccessHistory.countIn(groupId);
    expectError(await login({ username: 'app', password: PASSWORD }), 400, 'MISSING_ATTRIBUTE', ['ipAddress']);
    expectError(await login({ username: 'app', password: PASSWORD, ipAddress: 'not-an-ip' }), 400, 'INVALID_ATTRIBUTE', ['ipAddress']);
    expectError(await login({ username: 'app', password: PASSWORD, ipAddress: 7 }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await login({ username: 'app', password: PASSWORD, ipAddress: '192.0.2.1', extra: 1 }), 400, 'INVALID_ATTRIBUTE');
    expectError(await login({ username: 'app', ipAddress: '192.0.2.1' }), 400, 'INVALID_ATTRIBUTE');
    expectError(await login({ certificate: 'garbage', ipAddress: '192.0.2.1' }), 400, 'INVALID_ATTRIBUTE');
    expectError(await login({ username: 'app', password: PASSWORD, ipAddress: '192.0.2.1' }, 'NoSuchCluster'), 404, 'CLUSTER_NOT_FOUND');
    expectError(await login({ username: 'app', password: PASSWORD, ipAddress: '192.0.2.1', hostname: 'other.example.com' }), 404, 'HOST_NOT_FOUND');
    expectError(await login({ username: 'app', password: PASSWORD, ipAddress: '192.0.2.1' }, 'Access1', 'nothex'), 404, 'INVALID_GROUP_ID');
    const bad = await atlas.call('POST', `/_mock/groups/${groupId}/clusters/Access1/logins`, { rawBody: '{"username":', version: null, auth: 'none' });
    expectError(bad, 400, 'MALFORMED_JSON');
    expect(atlas.sim.world.dbAccessHistory.countIn(groupId)).toBe(before);
  });
});

describe('access history', () => {
  it('lists a host’s history by its internal name or its alias, newest first', async () => {
    const primary = hosts.find((h) => h.typeName === 'REPLICA_PRIMARY')!;
    const q = `/groups/${groupId}/dbAccessHistory/processes/${primary.hostname}`;
    const res = await get(q);
    expectConforms('GET', q, res);
    expect(res.json.accessLogs.length).toBeGreaterThan(0);
    const times = res.json.accessLogs.map((e: { timestamp: string }) => Date.parse(e.timestamp));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect((await get(`/groups/${groupId}/dbAccessHistory/processes/${primary.userAlias}`)).json).toEqual(res.json);
    const secondary = hosts.find((h) => h.typeName === 'REPLICA_SECONDARY')!;
    expect((await get(`/groups/${groupId}/dbAccessHistory/processes/${secondary.hostname}`)).json).toEqual({ accessLogs: [] });
  });

  it('filters by result, time and count', async () => {
    const all = (await get(`/groups/${groupId}/dbAccessHistory/clusters/Access1`)).json.accessLogs;
    const ok = (await get(`/groups/${groupId}/dbAccessHistory/clusters/Access1?authResult=true`)).json.accessLogs;
    expect(ok.every((e: { authResult: boolean }) => e.authResult)).toBe(true);
    expect((await get(`/groups/${groupId}/dbAccessHistory/clusters/Access1?nLogs=2`)).json.accessLogs).toEqual(all.slice(0, 2));
    const newest = Date.parse(all[0].timestamp);
    const window = (await get(`/groups/${groupId}/dbAccessHistory/clusters/Access1?start=${newest}&end=${newest + 1}`)).json.accessLogs;
    expect(window.length).toBeGreaterThan(0);
    expect(window.every((e: { timestamp: string }) => Date.parse(e.timestamp) === newest)).toBe(true);
  });

  it('refuses bad filters, unknown clusters and hosts, and callers without the role', async () => {
    const base = `/groups/${groupId}/dbAccessHistory/clusters/Access1`;
    expectError(await get(`${base}?start=1`), 400, 'MISSING_QUERY_PARAMETER', ['end']);
    expectError(await get(`${base}?start=abc&end=1`), 400, 'INVALID_QUERY_PARAMETER', ['start']);
    expectError(await get(`${base}?ipAddress=1.2.3`), 400, 'INVALID_QUERY_PARAMETER', ['ipAddress']);
    expectError(await get(`${base}?nLogs=20001`), 400, 'INVALID_QUERY_PARAMETER', ['nLogs']);
    expectError(await get(`${base}?authResult=maybe`), 400, 'INVALID_QUERY_PARAMETER', ['authResult']);
    expectError(await get(`/groups/${groupId}/dbAccessHistory/clusters/Nope1`), 404, 'CLUSTER_NOT_FOUND');
    expectError(await get(`/groups/${groupId}/dbAccessHistory/processes/nohost.example.com`), 404, 'HOST_NOT_FOUND');
    expectError(await get(base, keyWith(atlas, groupId, ['GROUP_READ_ONLY'])), 401, 'USER_UNAUTHORIZED');
    expectError(await get(base, keyWith(atlas, groupId, ['GROUP_DATA_ACCESS_READ_WRITE'])), 401, 'USER_UNAUTHORIZED');
    expect((await get(base, keyWith(atlas, groupId, ['GROUP_DATABASE_ACCESS_ADMIN']))).status).toBe(200);
  });
});

describe('host logs', () => {
  const logPath = (host: string, name = 'mongodb') => `/groups/${groupId}/clusters/${host}/logs/${name}.gz`;
  const gz = { version: null, headers: { Accept: 'application/vnd.atlas.2023-02-01+gzip' } };

  it('downloads a gzip of mongod log lines with the logins, failures and lockouts', async () => {
    const primary = hosts.find((h) => h.typeName === 'REPLICA_PRIMARY')!;
    const res = await atlas.call('GET', `${logPath(primary.hostname)}?startDate=${Date.parse(primary.created) / 1000}&endDate=${Math.floor(atlas.sim.world.clock.now() / 1000)}`, gz);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.atlas.2023-02-01+gzip');
    expect(res.headers['content-disposition']).toBe('attachment; filename="mongodb.gz"');
    const lines = gunzipSync(res.bytes!).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].msg).toBe('***** SERVER RESTARTED *****');
    const failed = lines.filter((l) => l.msg === 'Failed to authenticate');
    expect(failed.map((l) => l.attr.user)).toContain('ghost');
    expect(failed.every((l) => typeof l.attr.client === 'string')).toBe(true);
    expect(lines.some((l) => l.msg === 'User temporarily locked out after repeated authentication failures')).toBe(true);
  });

  it('downloads the same bytes twice, audit logs as audit events, and the alias works', async () => {
    const primary = hosts.find((h) => h.typeName === 'REPLICA_PRIMARY')!;
    const now = Math.floor(atlas.sim.world.clock.now() / 1000);
    const q = `?startDate=${Date.parse(primary.created) / 1000}&endDate=${now}`;
    const a = await atlas.call('GET', logPath(primary.hostname) + q, gz);
    const b = await atlas.call('GET', logPath(primary.userAlias) + q, gz);
    expect(b.bytes!.equals(a.bytes!)).toBe(true);
    // Without database auditing there is nothing in the audit log.
    expect(gunzipSync((await atlas.call('GET', logPath(primary.hostname, 'mongodb-audit-log') + q, gz)).bytes!).length).toBe(0);
    expect((await atlas.call('PATCH', `/groups/${groupId}/auditLog`, { version: '2023-01-01', body: { enabled: true } })).status).toBe(202);
    const audit = await atlas.call('GET', logPath(primary.hostname, 'mongodb-audit-log') + q, gz);
    const events = gunzipSync(audit.bytes!).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(events.every((e) => e.atype === 'authenticate')).toBe(true);
    expect(events.some((e) => e.result === 18 && e.remote.ip === '203.0.113.9')).toBe(true);
  });

  it('refuses JSON, bad names, windows, hosts and roles with Atlas errors', async () => {
    const primary = hosts.find((h) => h.typeName === 'REPLICA_PRIMARY')!;
    expectError(await atlas.call('GET', logPath(primary.hostname), V), 406, 'INVALID_VERSION_DATE');
    expectError(await atlas.call('GET', logPath(primary.hostname, 'mongos'), gz), 404, 'HOST_NOT_FOUND');
    expectError(await atlas.call('GET', logPath(primary.hostname, 'syslog'), gz), 400, 'INVALID_ENUM_VALUE', ['syslog']);
    expectError(await atlas.call('GET', logPath('nohost.example.com'), gz), 404, 'HOST_NOT_FOUND');
    expectError(await atlas.call('GET', `${logPath(primary.hostname)}?startDate=1800000000&endDate=1700000000`, gz), 400, 'INVALID_DATE_RANGE');
    expectError(await atlas.call('GET', `${logPath(primary.hostname)}?startDate=12`, gz), 400, 'INVALID_QUERY_PARAMETER', ['startDate']);
    expectError(await atlas.call('GET', logPath(primary.hostname), { ...gz, ...keyWith(atlas, groupId, ['GROUP_READ_ONLY']) }), 401, 'USER_UNAUTHORIZED');
    expect((await atlas.call('GET', logPath(primary.hostname), { ...gz, ...keyWith(atlas, groupId, ['GROUP_DATA_ACCESS_READ_ONLY']) })).status).toBe(200);
  });

  it('sends the download over a socket as it is, not gzipped twice', async () => {
    const primary = hosts.find((h) => h.typeName === 'REPLICA_PRIMARY')!;
    const token = await atlas.token();
    const res = await fetch(`${atlas.url}/api/atlas/v2${logPath(primary.hostname)}`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.atlas.2023-02-01+gzip', 'Accept-Encoding': 'gzip' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    const text = gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8');
    expect(text).toContain('Successfully authenticated');
  });
});
