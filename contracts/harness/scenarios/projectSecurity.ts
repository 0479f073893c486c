/**
 * Project security settings (wire-facts-wave2 §10 to §12): database auditing, the
 * maintenance window, LDAP and X.509 user security, Atlas-managed certificates, custom
 * database roles. Everything lives in a project the scenario creates.
 */
import { m } from './match.js';
import { createProject } from './projects.js';
import type { Scenario } from './types.js';

const V = '2023-01-01';
const NOBODY = 'ffffffffffffffffffffffff';
const LDAP = { hostname: 'ldap.example.com', port: 636, bindUsername: 'CN=admin,DC=example,DC=com', bindPassword: 'not-a-real-secret' };
const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';

export const projectSecurityScenarios: readonly Scenario[] = [
  {
    id: 'security/auditing',
    title: 'reads the default auditing configuration, enables it with a JSON filter (202), refuses a filter that is not JSON',
    operations: ['getAuditingConfiguration', 'updateAuditingConfiguration'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'auditing');
      const path = `/groups/${groupId}/auditLog`;
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 200, body: { auditAuthorizationSuccess: false, configurationType: 'NONE', enabled: false }, contract: 'getAuditingConfiguration' });
      const filter = '{"atype": "authenticate"}';
      const updated = await t.api.call('PATCH', path, { version: V, body: { enabled: true, auditFilter: filter } });
      t.expectResponse(updated, { status: 202, body: m.partial({ enabled: true, auditFilter: filter, configurationType: 'FILTER_JSON' }), contract: 'updateAuditingConfiguration' });
      t.expectResponse(await t.api.call('PATCH', path, { version: V, body: { auditFilter: '{not json' } }), { status: 400 }, 'a filter that is not JSON');
      t.expectResponse(await t.api.call('GET', `/groups/${NOBODY}/auditLog`, { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
    },
  },
  {
    id: 'security/maintenance-window',
    title: 'sets the maintenance window (200 without a body), toggles auto-deferral, resets it (204); refuses a day out of range and deferring when nothing is scheduled',
    operations: ['getMaintenanceWindow', 'updateMaintenanceWindow', 'toggleMaintenanceAutoDefer', 'resetMaintenanceWindow', 'deferMaintenanceWindow'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'maintenance');
      const path = `/groups/${groupId}/maintenanceWindow`;
      t.expectResponse(await t.api.call('PATCH', path, { version: V, body: { dayOfWeek: 1, hourOfDay: 1 } }), { status: 200, contentType: 'none', body: undefined });
      const read = await t.api.call('GET', path, { version: V });
      t.expectResponse(read, { status: 200, body: m.partial({ dayOfWeek: 1, hourOfDay: 1, numberOfDeferrals: 0, startASAP: false }), contract: 'getMaintenanceWindow' });
      t.expectResponse(await t.api.call('POST', `${path}/autoDefer`, { version: V }), { status: 200 });
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 200, body: m.partial({ autoDeferOnceEnabled: true }) }, 'the window after toggling auto-deferral');
      t.expectResponse(await t.api.call('DELETE', path, { version: V }), { status: 204, body: undefined });
      t.expectResponse(await t.api.call('PATCH', path, { version: V, body: { dayOfWeek: 8 } }), { status: 400, errorCode: 'ATLAS_INVALID_MAINTENANCE_WINDOW_DAY_OF_WEEK' });
      t.expectResponse(await t.api.call('POST', `${path}/defer`, { version: V }), { status: 400, errorCode: 'ATLAS_MAINTENANCE_NOT_SCHEDULED' }, 'deferring with no maintenance scheduled');
      t.expectResponse(await t.api.call('GET', `/groups/${NOBODY}/maintenanceWindow`, { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
      t.expectResponse(await t.api.call('DELETE', `/groups/${NOBODY}/maintenanceWindow`, { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
      t.expectResponse(await t.api.call('POST', `/groups/${NOBODY}/maintenanceWindow/autoDefer`, { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
    },
  },
  {
    id: 'security/user-security',
    title: 'saves LDAP settings (202, no bind password in the answer), clears the user-to-DN mapping, sets and disables a customer X.509 CA',
    operations: ['getLdapConfiguration', 'saveLdapConfiguration', 'deleteLdapConfiguration', 'disableCustomerManagedX509', 'getLdapConfigurationStatus', 'verifyLdapConfiguration'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'user-security');
      const path = `/groups/${groupId}/userSecurity`;
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 200, body: m.partial({ ldap: m.partial({ authenticationEnabled: false, port: 636 }) }), contract: 'getLdapConfiguration' });
      const ldap = { ...LDAP, authenticationEnabled: true, authorizationEnabled: false, userToDNMapping: [{ match: '(.+)', substitution: 'CN={0},DC=example,DC=com' }] };
      const saved = await t.api.call('PATCH', path, { version: V, body: { ldap, customerX509: { cas: CA } } });
      t.expectResponse(saved, { status: 202, body: m.partial({ ldap: m.partial({ hostname: LDAP.hostname, bindPassword: m.absent() }), customerX509: { cas: CA } }), contract: 'saveLdapConfiguration' });
      t.expectResponse(await t.api.call('DELETE', `${path}/ldap/userToDNMapping`, { version: V }), { status: 202, body: m.partial({ ldap: m.partial({ userToDNMapping: [] }) }), contract: 'deleteLdapConfiguration' });
      t.expectResponse(await t.api.call('DELETE', `${path}/customerX509`, { version: V }), { status: 202, body: m.partial({ customerX509: {} }), contract: 'disableCustomerManagedX509' });
      t.expectResponse(await t.api.call('PATCH', path, { version: V, body: { ldap: { ...ldap, bindUsername: 'admin' } } }), { status: 400 }, 'a bind user that is not a DN');
      t.expectResponse(await t.api.call('DELETE', `/groups/${NOBODY}/userSecurity/customerX509`, { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
      t.expectResponse(await t.api.call('DELETE', `/groups/${NOBODY}/userSecurity/ldap/userToDNMapping`, { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
      t.expectResponse(await t.api.call('GET', `/groups/${NOBODY}/userSecurity`, { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
      // Verification runs from a cluster of the project; this one has none.
      t.expectResponse(await t.api.call('POST', `${path}/ldap/verify`, { version: V, body: LDAP }), { status: 400, errorCode: 'LDAP_VERIFY_CONNECTIVITY_NO_AVAILABLE_CLUSTERS' });
      t.expectResponse(await t.api.call('GET', `${path}/ldap/verify/${NOBODY}`, { version: V }), { status: 404, errorCode: 'LDAP_VERIFY_CONNECTIVITY_REQUEST_NOT_FOUND' });
    },
  },
  {
    id: 'security/with-cluster',
    title: 'in a project with a cluster: verifies LDAP connectivity (PENDING, then SUCCESS once the checks finish) and defers the scheduled maintenance',
    operations: ['verifyLdapConfiguration', 'getLdapConfigurationStatus', 'deferMaintenanceWindow'],
    writes: true,
    simulatorOnly: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'ldap-verify');
      const cluster = { name: 'ldap', clusterType: 'REPLICASET', replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M30', nodeCount: 3 } }] }] };
      t.expectResponse(await t.api.call('POST', `/groups/${groupId}/clusters`, { version: '2024-10-23', body: cluster }), { status: 201 }, 'a cluster to verify from');
      t.cleanup('cluster ldap', async () => {
        await t.api.call('DELETE', `/groups/${groupId}/clusters/ldap`, { version: '2023-02-01' });
        await t.waitFor('cluster ldap to be gone', async () => (await t.api.call('GET', `/groups/${groupId}/clusters/ldap`, { version: '2024-08-05' })).status === 404, { intervalSeconds: 30 });
      });
      const started = await t.api.call('POST', `/groups/${groupId}/userSecurity/ldap/verify`, { version: V, body: LDAP });
      t.expectResponse(started, { status: 200, body: m.partial({ groupId, requestId: m.objectId(), status: 'PENDING', validations: [] }), contract: 'verifyLdapConfiguration' });
      const path = `/groups/${groupId}/userSecurity/ldap/verify/${(started.json as { requestId: string }).requestId}`;
      const done = await t.waitFor('the verification to finish', async () => {
        const res = await t.api.call('GET', path, { version: V });
        return (res.json as { status?: string }).status !== 'PENDING' && res;
      });
      t.expectResponse(done, { status: 200, body: m.partial({ status: 'SUCCESS', validations: m.some({ status: 'OK', validationType: 'CONNECT' }) }), contract: 'getLdapConfigurationStatus' });
      t.expectResponse(await t.api.call('POST', `/groups/${groupId}/maintenanceWindow/defer`, { version: V }), { status: 200 }, 'deferring the scheduled maintenance');
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/maintenanceWindow`, { version: V }), { status: 200, body: m.partial({ numberOfDeferrals: 1 }) }, 'the window after one deferral');
    },
  },
  {
    id: 'security/x509',
    title: 'issues an Atlas-managed X.509 certificate (201, PEM) for a managed user and lists it; refuses a user that is not managed',
    operations: ['createDatabaseUserCertificate', 'listDatabaseUserCertificates'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'x509');
      const username = t.name('x509');
      const user = { databaseName: '$external', groupId, username, x509Type: 'MANAGED', roles: [{ databaseName: 'admin', roleName: 'read' }] };
      t.expectResponse(await t.api.call('POST', `/groups/${groupId}/databaseUsers`, { version: V, body: user }), { status: 201 }, 'a managed X.509 user');
      const certs = `/groups/${groupId}/databaseUsers/${encodeURIComponent(username)}/certs`;
      const created = await t.api.call('POST', certs, { version: V, body: { monthsUntilExpiration: 3 } });
      t.expectResponse(created, { status: 201 });
      t.expectMatch(created.text, m.string(/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/), 'the PEM certificate');
      t.expectResponse(await t.api.call('GET', certs, { version: V }), { status: 200, body: m.partial({ results: [m.partial({ subject: m.string(), notAfter: m.date() })], totalCount: 1 }), contract: 'listDatabaseUserCertificates' });
      const scram = { databaseName: 'admin', groupId, username: t.name('scram'), password: 'Contract-Passw0rd-2026!', roles: [{ databaseName: 'admin', roleName: 'read' }] };
      t.expectResponse(await t.api.call('POST', `/groups/${groupId}/databaseUsers`, { version: V, body: scram }), { status: 201 }, 'a password user');
      t.expectResponse(await t.api.call('GET', `/groups/${groupId}/databaseUsers/${t.name('nobody')}/certs`, { version: V }), { status: 404, errorCode: 'USERNAME_NOT_FOUND' });
      t.expectResponse(await t.api.call('POST', `/groups/${groupId}/databaseUsers/${t.name('nobody')}/certs`, { version: V, body: {} }), { status: 404, errorCode: 'USERNAME_NOT_FOUND' });
    },
  },
  {
    id: 'security/custom-db-roles',
    title: 'creates a custom role (202), lists (bare array), reads and changes it, deletes it (204); refuses a duplicate and an unknown role',
    operations: ['createCustomDatabaseRole', 'listCustomDatabaseRoles', 'getCustomDatabaseRole', 'updateCustomDatabaseRole', 'deleteCustomDatabaseRole'],
    writes: true,
    async run(t) {
      const { id: groupId } = await createProject(t, 'roles');
      const roles = `/groups/${groupId}/customDBRoles/roles`;
      const roleName = t.name('role');
      const body = { roleName, actions: [{ action: 'FIND', resources: [{ db: 'sales', collection: 'orders' }] }], inheritedRoles: [{ db: 'admin', role: 'read' }] };
      t.expectResponse(await t.api.call('POST', roles, { version: V, body }), { status: 202, body, contract: 'createCustomDatabaseRole' });
      t.expectResponse(await t.api.call('POST', roles, { version: V, body }), { status: 409, errorCode: 'ATLAS_CUSTOM_ROLE_NAME_ALREADY_EXISTS' }, 'the same role again');
      t.expectResponse(await t.api.call('GET', roles, { version: V }), { status: 200, body: m.some(m.partial({ roleName })), contract: 'listCustomDatabaseRoles' });
      const path = `${roles}/${roleName}`;
      t.expectResponse(await t.api.call('GET', path, { version: V }), { status: 200, body, contract: 'getCustomDatabaseRole' });
      const changed = await t.api.call('PATCH', path, { version: V, body: { actions: [{ action: 'INSERT', resources: [{ db: 'sales', collection: 'orders' }] }] } });
      t.expectResponse(changed, { status: 200, body: m.partial({ actions: [m.partial({ action: 'INSERT' })] }), contract: 'updateCustomDatabaseRole' });
      t.expectResponse(await t.api.call('DELETE', path, { version: V }), { status: 204, body: undefined });
      for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
        const res = await t.api.call(method, path, { version: V, ...(method === 'PATCH' && { body: { inheritedRoles: [{ db: 'admin', role: 'read' }] } }) });
        t.expectResponse(res, { status: 404, errorCode: 'ATLAS_CUSTOM_ROLE_NOT_FOUND' }, `${method} the deleted role`);
      }
      t.expectResponse(await t.api.call('GET', `/groups/${NOBODY}/customDBRoles/roles`, { version: V }), { status: 404, errorCode: 'GROUP_NOT_FOUND' });
    },
  },
];
