import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { body20240805 } from '../support/clusters.js';
import { expectConforms, expectError, withKey } from '../support/iam.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';

let atlas: TestAtlas;
let orgId: string;
let groupId: string;
beforeAll(async () => {
  atlas = await startAtlas();
  orgId = atlas.tenant.orgId;
});
afterAll(() => atlas.close());
beforeEach(async () => {
  atlas.sim.resetTenant(orgId);
  groupId = (await atlas.call('POST', '/groups', { body: { name: 'security', orgId } })).json.id;
});

const g = (p: string) => `/groups/${groupId}${p}`;
const addCluster = () => atlas.call('POST', g('/clusters'), { version: '2024-10-23', body: body20240805('c0') });
function reader() {
  const key = atlas.sim.world.apiKeys.mint(orgId, { desc: 'reader', orgRoles: ['ORG_MEMBER'], groupRoles: { [groupId]: ['GROUP_READ_ONLY'] } });
  return withKey(atlas.tenant, key);
}

describe('database auditing', () => {
  it('reads the default, then PATCH (202) keeps the filter verbatim and marks it FILTER_JSON', async () => {
    const before = await atlas.call('GET', g('/auditLog'));
    expect(before.json).toEqual({ auditAuthorizationSuccess: false, configurationType: 'NONE', enabled: false });
    expectConforms('GET', g('/auditLog'), before);
    const filter = '{"atype": "authenticate"}';
    const res = await atlas.call('PATCH', g('/auditLog'), { body: { enabled: true, auditAuthorizationSuccess: true, auditFilter: filter } });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ auditAuthorizationSuccess: true, auditFilter: filter, configurationType: 'FILTER_JSON', enabled: true });
    expectConforms('PATCH', g('/auditLog'), res, ['$ status']);
    // Disabling (Terraform's delete) keeps the filter.
    expect((await atlas.call('PATCH', g('/auditLog'), { body: { enabled: false } })).json).toMatchObject({ enabled: false, auditFilter: filter });
  });

  it('refuses a filter that is not a JSON object, bad types, unknown fields and lesser roles; nothing changes', async () => {
    expectError(await atlas.call('PATCH', g('/auditLog'), { body: { auditFilter: '{not json' } }), 400, 'INVALID_ATTRIBUTE', ['auditFilter']);
    expectError(await atlas.call('PATCH', g('/auditLog'), { body: { auditFilter: '[1]' } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await atlas.call('PATCH', g('/auditLog'), { body: { enabled: 'yes' } }), 400, 'INVALID_JSON_ATTRIBUTE');
    expectError(await atlas.call('PATCH', g('/auditLog'), { body: { colour: 1 } }), 400, 'INVALID_ATTRIBUTE');
    expectError(await atlas.call('PATCH', g('/auditLog'), { ...reader(), body: { enabled: true } }), 401, 'USER_UNAUTHORIZED');
    expect((await atlas.call('GET', g('/auditLog'))).json.enabled).toBe(false);
  });
});

describe('maintenance windows', () => {
  it('reads a window Atlas picked, PATCH answers 200 without body or Content-Type, DELETE resets', async () => {
    const picked = await atlas.call('GET', g('/maintenanceWindow'));
    expect(picked.json).toMatchObject({ autoDeferOnceEnabled: false, numberOfDeferrals: 0, startASAP: false, timeZoneId: 'UTC' });
    expectConforms('GET', g('/maintenanceWindow'), picked);
    expect((await atlas.call('GET', g('/maintenanceWindow'))).json).toEqual(picked.json);
    const patched = await atlas.call('PATCH', g('/maintenanceWindow'), { body: { dayOfWeek: 1, hourOfDay: 1 } });
    expect([patched.status, patched.text, patched.headers['content-type'], patched.headers['x-content-type']]).toEqual([200, '', undefined, 'application/vnd.atlas.2023-01-01+json']);
    expect((await atlas.call('GET', g('/maintenanceWindow'))).json).toEqual({ autoDeferOnceEnabled: false, dayOfWeek: 1, hourOfDay: 1, numberOfDeferrals: 0, startASAP: false, timeZoneId: 'UTC' });
    const auto = await atlas.call('POST', g('/maintenanceWindow/autoDefer'));
    expect(auto.status).toBe(200);
    expect((await atlas.call('GET', g('/maintenanceWindow'))).json.autoDeferOnceEnabled).toBe(true);
    const reset = await atlas.call('DELETE', g('/maintenanceWindow'));
    expect([reset.status, reset.headers['content-type']]).toEqual([204, undefined]);
    expect((await atlas.call('GET', g('/maintenanceWindow'))).json).toEqual(picked.json);
  });

  it('defers scheduled maintenance at most twice; refuses bad days and hours', async () => {
    expectError(await atlas.call('POST', g('/maintenanceWindow/defer')), 400, 'ATLAS_MAINTENANCE_NOT_SCHEDULED');
    await addCluster();
    expect((await atlas.call('POST', g('/maintenanceWindow/defer'))).status).toBe(200);
    expect((await atlas.call('POST', g('/maintenanceWindow/defer'))).status).toBe(200);
    expectError(await atlas.call('POST', g('/maintenanceWindow/defer')), 400, 'ATLAS_NUM_MAINTENANCE_DEFERRALS_EXCEEDED');
    expect((await atlas.call('GET', g('/maintenanceWindow'))).json.numberOfDeferrals).toBe(2);
    expectError(await atlas.call('PATCH', g('/maintenanceWindow'), { body: { hourOfDay: 3 } }), 400, 'MISSING_ATTRIBUTE');
    expectError(await atlas.call('PATCH', g('/maintenanceWindow'), { body: { dayOfWeek: 8 } }), 400, 'ATLAS_INVALID_MAINTENANCE_WINDOW_DAY_OF_WEEK');
    expectError(await atlas.call('PATCH', g('/maintenanceWindow'), { body: { dayOfWeek: 2, hourOfDay: 24 } }), 400, 'ATLAS_INVALID_MAINTENANCE_WINDOW_HOUR_OF_DAY');
    expectError(await atlas.call('GET', g('/maintenanceWindow'), reader()), 401, 'USER_UNAUTHORIZED');
  });
});

describe('LDAP and customer-managed X.509 (userSecurity)', () => {
  const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
  const ldap = { authenticationEnabled: true, authorizationEnabled: false, hostname: 'ldap.example.com', port: 636, bindUsername: 'CN=admin,DC=example,DC=com', bindPassword: 'secret', userToDNMapping: [{ match: '(.+)', substitution: 'CN={0},DC=example,DC=com' }] };

  it('saves LDAP (202), never shows the bind password, clears the mapping, sets and disables customer X.509', async () => {
    const initial = await atlas.call('GET', g('/userSecurity'));
    expect(initial.json.ldap).toEqual({ authenticationEnabled: false, authorizationEnabled: false, authzQueryTemplate: '{USER}?memberOf?base', port: 636, userToDNMapping: [] });
    expectConforms('GET', g('/userSecurity'), initial);
    const saved = await atlas.call('PATCH', g('/userSecurity'), { body: { ldap, customerX509: { cas: CA } } });
    expect(saved.status).toBe(202);
    expect(saved.json.ldap).toMatchObject({ authenticationEnabled: true, hostname: 'ldap.example.com', bindUsername: ldap.bindUsername, userToDNMapping: ldap.userToDNMapping });
    expect(saved.text).not.toContain('secret');
    expect(saved.json.customerX509).toEqual({ cas: CA });
    expectConforms('PATCH', g('/userSecurity'), saved);
    const cleared = await atlas.call('DELETE', g('/userSecurity/ldap/userToDNMapping'));
    expect([cleared.status, cleared.json.ldap.userToDNMapping]).toEqual([202, []]);
    const disabled = await atlas.call('DELETE', g('/userSecurity/customerX509'));
    expect([disabled.status, disabled.json.customerX509]).toEqual([202, {}]);
    expectConforms('DELETE', g('/userSecurity/customerX509'), disabled);
  });

  it('refuses LDAP without host or bind credentials, a bind user that is not a DN, CAs that are not PEM', async () => {
    const { bindPassword: _p, ...noPassword } = ldap;
    expectError(await atlas.call('PATCH', g('/userSecurity'), { body: { ldap: noPassword } }), 400, 'MISSING_ATTRIBUTE', ['ldap.bindPassword']);
    expectError(await atlas.call('PATCH', g('/userSecurity'), { body: { ldap: { ...ldap, bindUsername: 'admin' } } }), 400, 'INVALID_ATTRIBUTE', ['ldap.bindUsername']);
    expectError(await atlas.call('PATCH', g('/userSecurity'), { body: { customerX509: { cas: 'not a pem' } } }), 400, 'INVALID_ATTRIBUTE', ['customerX509.cas']);
    expectError(await atlas.call('PATCH', g('/userSecurity'), { body: { ldap: { port: 'x' } } }), 400, 'INVALID_JSON_ATTRIBUTE');
    expect((await atlas.call('GET', g('/userSecurity'))).json.ldap.authenticationEnabled).toBe(false);
  });

  it('verifies LDAP connectivity: PENDING, then SUCCESS or FAIL on the clock', async () => {
    const body = { hostname: 'ldap.example.com', port: 636, bindUsername: 'CN=admin,DC=example,DC=com', bindPassword: 'secret' };
    expectError(await atlas.call('POST', g('/userSecurity/ldap/verify'), { body }), 400, 'LDAP_VERIFY_CONNECTIVITY_NO_AVAILABLE_CLUSTERS');
    await addCluster();
    const started = await atlas.call('POST', g('/userSecurity/ldap/verify'), { body });
    expect(started.json).toMatchObject({ groupId, status: 'PENDING', validations: [] });
    expect(started.text).not.toContain('secret');
    expectConforms('POST', g('/userSecurity/ldap/verify'), started);
    const path = g(`/userSecurity/ldap/verify/${started.json.requestId}`);
    const failing = (await atlas.call('POST', g('/userSecurity/ldap/verify'), { body: { ...body, hostname: 'ldap.example.invalid' } })).json.requestId;
    atlas.advance(30);
    const done = await atlas.call('GET', path);
    expect(done.json.status).toBe('SUCCESS');
    expect(done.json.validations).toContainEqual({ status: 'OK', validationType: 'CONNECT' });
    expectConforms('GET', path, done);
    const failed = (await atlas.call('GET', g(`/userSecurity/ldap/verify/${failing}`))).json;
    expect([failed.status, failed.validations.find((v: { validationType: string }) => v.validationType === 'CONNECT').status]).toEqual(['FAIL', 'FAIL']);
    expectError(await atlas.call('GET', g('/userSecurity/ldap/verify/ffffffffffffffffffffffff')), 404, 'LDAP_VERIFY_CONNECTIVITY_REQUEST_NOT_FOUND');
    expectError(await atlas.call('POST', g('/userSecurity/ldap/verify'), { body: { hostname: 'x.example.com', port: 636 } }), 400, 'MISSING_ATTRIBUTE');
  });
});

describe('Atlas-managed X.509 certificates', () => {
  const certs = (u: string) => g(`/databaseUsers/${encodeURIComponent(u)}/certs`);

  it('issues a real PEM certificate signed by the project CA with the requested validity, and lists it', async () => {
    await atlas.call('POST', g('/databaseUsers'), { body: { databaseName: '$external', groupId, username: 'alice', x509Type: 'MANAGED', roles: [{ databaseName: 'admin', roleName: 'read' }] } });
    const res = await atlas.call('POST', certs('alice'), { body: { monthsUntilExpiration: 6 } });
    expect(res.status).toBe(201);
    expect(res.text).toMatch(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\n+-----BEGIN PRIVATE KEY-----/);
    const cert = new X509Certificate(res.text);
    expect(cert.subject).toBe('CN=alice');
    const now = atlas.sim.clock.now();
    expect(Date.parse(cert.validTo) - now).toBe(6 * 30 * 86_400_000);
    const ca = new X509Certificate(atlas.sim.world.projectCas.find(groupId)!.certPem);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkIssued(ca)).toBe(true);
    await atlas.call('POST', certs('alice'), { body: {} });
    const list = await atlas.call('GET', certs('alice'));
    expect(list.json.results.map((c: { _id: number; subject: string }) => [c._id, c.subject])).toEqual([[1, 'CN=alice'], [2, 'CN=alice']]);
    expect(list.json.results[1].notAfter).toBe(new Date(now + 3 * 30 * 86_400_000).toISOString().replace('.000Z', 'Z'));
    expectConforms('GET', certs('alice'), list);
    // Deleting the user drops its certificates; the same name starts afresh.
    await atlas.call('DELETE', g('/databaseUsers/%24external/alice'));
    await atlas.call('POST', g('/databaseUsers'), { body: { databaseName: '$external', groupId, username: 'alice', x509Type: 'MANAGED', roles: [{ databaseName: 'admin', roleName: 'read' }] } });
    expect((await atlas.call('GET', certs('alice'))).json.totalCount).toBe(0);
  });

  it('refuses users that are not Atlas-managed X.509, more than 24 months, and a project with its own CA', async () => {
    await atlas.call('POST', g('/databaseUsers'), { body: { databaseName: '$external', groupId, username: 'bob', x509Type: 'MANAGED', roles: [{ databaseName: 'admin', roleName: 'read' }] } });
    await atlas.call('POST', g('/databaseUsers'), { body: { databaseName: '$external', groupId, username: 'CN=carol,OU=x', x509Type: 'CUSTOMER', roles: [{ databaseName: 'admin', roleName: 'read' }] } });
    expectError(await atlas.call('POST', certs('nobody'), { body: {} }), 404, 'USERNAME_NOT_FOUND');
    expectError(await atlas.call('POST', certs('CN=carol,OU=x'), { body: {} }), 400, 'USER_NOT_MANAGED_X509');
    expectError(await atlas.call('POST', certs('bob'), { body: { monthsUntilExpiration: 25 } }), 400, 'CERT_EXPIRY_CANNOT_EXCEED_TWO_YEARS');
    expectError(await atlas.call('POST', certs('bob'), { body: { monthsUntilExpiration: 0 } }), 400, 'INVALID_ATTRIBUTE');
    await atlas.call('PATCH', g('/userSecurity'), { body: { customerX509: { cas: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' } } });
    expectError(await atlas.call('POST', certs('bob'), { body: {} }), 400, 'CANNOT_GENERATE_CERT_IF_ADVANCED_X509');
    expect((await atlas.call('GET', certs('bob'))).json.totalCount).toBe(0);
    expectError(await atlas.call('POST', certs('bob'), { ...reader(), body: {} }), 401, 'USER_UNAUTHORIZED');
  });
});
