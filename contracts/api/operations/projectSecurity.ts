import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { PAGING_QUERY } from '../operation.js';
import { AtlasDate, Links, ObjectId, paginated } from '../schemas/common.js';
import { optional, readOnly } from '../schemas/input.js';
import { AUDIT_CONFIGURATION_TYPES, LDAP_VALIDATION_TYPES, LDAP_VERIFY_STATUSES } from '../vocabulary.js';

/** AuditLog as sent: `configurationType` is read-only. */
export const AuditLogInput = z.strictObject({
  auditAuthorizationSuccess: optional(z.boolean()),
  auditFilter: optional(z.string()),
  configurationType: readOnly,
  enabled: optional(z.boolean()),
});

/** AuditLog as returned (recorded): no `auditFilter` key until one is set. */
export const AuditLog = z.strictObject({
  auditAuthorizationSuccess: z.boolean(),
  auditFilter: z.string().optional(),
  configurationType: z.enum(AUDIT_CONFIGURATION_TYPES),
  enabled: z.boolean(),
});

const ProtectedHours = z.strictObject({ endHourOfDay: optional(z.number().int()), startHourOfDay: optional(z.number().int()) });

/**
 * GroupMaintenanceWindow as sent. The day and hour ranges are the maintenance rules'
 * (ATLAS_INVALID_MAINTENANCE_WINDOW_DAY_OF_WEEK / _HOUR_OF_DAY), not the contract's.
 */
export const MaintenanceWindowInput = z.strictObject({
  autoDeferOnceEnabled: optional(z.boolean()),
  dayOfWeek: z.number().int(),
  hourOfDay: optional(z.number().int()),
  numberOfDeferrals: readOnly,
  protectedHours: optional(ProtectedHours),
  startASAP: optional(z.boolean()),
  timeZoneId: readOnly,
});

/** GroupMaintenanceWindow as returned (recorded). */
export const MaintenanceWindow = z.strictObject({
  autoDeferOnceEnabled: z.boolean(),
  dayOfWeek: z.number().int().min(1).max(7),
  hourOfDay: z.number().int().min(0).max(23),
  numberOfDeferrals: z.number().int(),
  protectedHours: z.strictObject({ endHourOfDay: z.number().int(), startHourOfDay: z.number().int() }).optional(),
  startASAP: z.boolean(),
  timeZoneId: z.string(),
});

const UserToDNMappingInput = z.strictObject({ ldapQuery: optional(z.string()), match: z.string(), substitution: optional(z.string()) });
const UserToDNMapping = z.strictObject({ ldapQuery: z.string().optional(), match: z.string(), substitution: z.string().optional() });

/** UserSecurity as sent (saveLdapConfiguration): LDAP settings and customer-managed X.509 CAs. */
export const UserSecurityInput = z.strictObject({
  customerX509: optional(z.strictObject({ cas: optional(z.string()), links: readOnly })),
  ldap: optional(
    z.strictObject({
      authenticationEnabled: optional(z.boolean()),
      authorizationEnabled: optional(z.boolean()),
      authzQueryTemplate: optional(z.string()),
      bindPassword: optional(z.string()),
      bindUsername: optional(z.string()),
      caCertificate: optional(z.string()),
      hostname: optional(z.string()),
      links: readOnly,
      port: optional(z.number().int()),
      userToDNMapping: optional(z.array(UserToDNMappingInput)),
    }),
  ),
  links: readOnly,
});

/** UserSecurity as returned: the bind password never. */
export const UserSecurity = z.strictObject({
  customerX509: z.strictObject({ cas: z.string().optional() }),
  ldap: z.strictObject({
    authenticationEnabled: z.boolean(),
    authorizationEnabled: z.boolean(),
    authzQueryTemplate: z.string(),
    bindUsername: z.string().optional(),
    caCertificate: z.string().optional(),
    hostname: z.string().optional(),
    port: z.number().int(),
    userToDNMapping: z.array(UserToDNMapping),
  }),
  links: Links,
});

/** LDAPVerifyConnectivityJobRequestParams as sent. */
export const LdapVerifyInput = z.strictObject({
  authzQueryTemplate: optional(z.string()),
  bindPassword: z.string(),
  bindUsername: z.string(),
  caCertificate: optional(z.string()),
  hostname: z.string(),
  links: readOnly,
  port: z.number().int(),
});

export const LdapVerification = z.strictObject({
  groupId: ObjectId,
  links: Links,
  request: z.strictObject({ bindUsername: z.string(), caCertificate: z.string().optional(), hostname: z.string(), links: Links, port: z.number().int() }),
  requestId: ObjectId,
  status: z.enum(LDAP_VERIFY_STATUSES),
  validations: z.array(z.strictObject({ status: z.enum(['FAIL', 'OK']), validationType: z.enum(LDAP_VALIDATION_TYPES) })),
});

/** UserCert as sent: only the validity; the rest is read-only. */
export const UserCertInput = z.strictObject({
  _id: readOnly,
  createdAt: readOnly,
  groupId: readOnly,
  links: readOnly,
  monthsUntilExpiration: optional(z.number().int()),
  notAfter: readOnly,
  subject: readOnly,
});

export const UserCert = z.strictObject({
  _id: z.number().int(),
  createdAt: AtlasDate,
  groupId: ObjectId,
  links: Links,
  notAfter: AtlasDate,
  subject: z.string(),
});

const V = '2023-01-01';
const G = '/api/atlas/v2/groups/{groupId}';
const OWNER = { scope: 'group', anyOf: ['GROUP_OWNER'] } as const;

/** Database auditing, maintenance windows, LDAP and X.509 (wire-facts-wave2 §10 to §12). */
export const projectSecurityOperations = [
  { operationId: 'getAuditingConfiguration', method: 'GET', path: `${G}/auditLog`, versions: [{ date: V, response: AuditLog }], status: 200, rateLimit: 'projectSecurity', access: OWNER },
  // Recorded: 202 Accepted with the new configuration.
  { operationId: 'updateAuditingConfiguration', method: 'PATCH', path: `${G}/auditLog`, versions: [{ date: V, request: AuditLogInput, response: AuditLog }], status: 202, rateLimit: 'projectSecurity', access: OWNER },
  { operationId: 'getMaintenanceWindow', method: 'GET', path: `${G}/maintenanceWindow`, versions: [{ date: V, response: MaintenanceWindow }], status: 200, rateLimit: 'projectSecurity', access: OWNER },
  // Recorded: 200 with no body and no Content-Type.
  { operationId: 'updateMaintenanceWindow', method: 'PATCH', path: `${G}/maintenanceWindow`, versions: [{ date: V, request: MaintenanceWindowInput }], status: 200, rateLimit: 'projectSecurity', access: OWNER },
  { operationId: 'resetMaintenanceWindow', method: 'DELETE', path: `${G}/maintenanceWindow`, versions: [{ date: V }], status: 204, rateLimit: 'projectSecurity', access: OWNER },
  { operationId: 'deferMaintenanceWindow', method: 'POST', path: `${G}/maintenanceWindow/defer`, versions: [{ date: V }], status: 200, rateLimit: 'projectSecurity', access: OWNER },
  { operationId: 'toggleMaintenanceAutoDefer', method: 'POST', path: `${G}/maintenanceWindow/autoDefer`, versions: [{ date: V }], status: 200, rateLimit: 'projectSecurity', access: OWNER },
  { operationId: 'getLdapConfiguration', method: 'GET', path: `${G}/userSecurity`, versions: [{ date: V, response: UserSecurity }], status: 200, rateLimit: 'projectSecurity', access: OWNER },
  { operationId: 'saveLdapConfiguration', method: 'PATCH', path: `${G}/userSecurity`, versions: [{ date: V, request: UserSecurityInput, response: UserSecurity }], status: 202, rateLimit: 'projectSecurity', access: OWNER },
  { operationId: 'disableCustomerManagedX509', method: 'DELETE', path: `${G}/userSecurity/customerX509`, versions: [{ date: V, response: UserSecurity }], status: 202, rateLimit: 'projectSecurity', access: OWNER },
  { operationId: 'deleteLdapConfiguration', method: 'DELETE', path: `${G}/userSecurity/ldap/userToDNMapping`, versions: [{ date: V, response: UserSecurity }], status: 202, rateLimit: 'projectSecurity', access: OWNER },
  { operationId: 'verifyLdapConfiguration', method: 'POST', path: `${G}/userSecurity/ldap/verify`, versions: [{ date: V, request: LdapVerifyInput, response: LdapVerification }], status: 200, rateLimit: 'projectSecurity', access: OWNER },
  { operationId: 'getLdapConfigurationStatus', method: 'GET', path: `${G}/userSecurity/ldap/verify/{requestId}`, versions: [{ date: V, response: LdapVerification }], status: 200, rateLimit: 'projectSecurity', access: OWNER },
  {
    operationId: 'listDatabaseUserCertificates',
    method: 'GET',
    path: `${G}/databaseUsers/{username}/certs`,
    versions: [{ date: V, response: paginated(UserCert) }],
    status: 200,
    rateLimit: 'databaseUsers',
    access: { scope: 'group', anyOf: ['GROUP_READ_ONLY'] },
    paged: true,
    query: { ...PAGING_QUERY },
  },
  // Answers the PEM text (certificate and private key), not JSON.
  { operationId: 'createDatabaseUserCertificate', method: 'POST', path: `${G}/databaseUsers/{username}/certs`, versions: [{ date: V, request: UserCertInput }], status: 201, rateLimit: 'databaseUsers', access: OWNER },
] as const satisfies readonly OperationSpec[];
