import { z } from 'zod';
import { AUDIT_CONFIGURATION_TYPES, LDAP_VALIDATION_TYPES } from '../../contracts/api/vocabulary.js';
import { AtlasError } from './errors.js';
import { ProjectScopedTable } from './projectScopedTable.js';
import { Table } from './table.js';
import type { World } from './world.js';

const UserToDnRecord = z.object({ match: z.string(), substitution: z.string().optional(), ldapQuery: z.string().optional() });

/** A project's security settings: database auditing, maintenance window, LDAP and customer X.509. */
export const ProjectSecurityRecord = z.object({
  groupId: z.string(),
  audit: z.object({
    enabled: z.boolean(),
    auditAuthorizationSuccess: z.boolean(),
    auditFilter: z.string().optional(),
    configurationType: z.enum(AUDIT_CONFIGURATION_TYPES),
  }),
  /** Absent until the project sets its own window (Atlas then picks one). */
  maintenance: z
    .object({
      dayOfWeek: z.number().int(),
      hourOfDay: z.number().int(),
      startASAP: z.boolean(),
      autoDeferOnceEnabled: z.boolean(),
      protectedHours: z.object({ startHourOfDay: z.number().int(), endHourOfDay: z.number().int() }).optional(),
    })
    .optional(),
  numberOfDeferrals: z.number().int(),
  ldap: z.object({
    authenticationEnabled: z.boolean(),
    authorizationEnabled: z.boolean(),
    authzQueryTemplate: z.string(),
    hostname: z.string().optional(),
    port: z.number().int(),
    bindUsername: z.string().optional(),
    bindPassword: z.string().optional(),
    caCertificate: z.string().optional(),
    userToDNMapping: z.array(UserToDnRecord),
  }),
  customerX509: z.object({ cas: z.string().optional() }),
});
export type ProjectSecurity = z.infer<typeof ProjectSecurityRecord>;
export type MaintenanceWindow = NonNullable<ProjectSecurity['maintenance']> & { numberOfDeferrals: number; timeZoneId: string };

export interface AuditInput {
  enabled?: boolean | undefined;
  auditAuthorizationSuccess?: boolean | undefined;
  auditFilter?: string | undefined;
}

export interface MaintenanceInput {
  dayOfWeek: number;
  hourOfDay?: number | undefined;
  startASAP?: boolean | undefined;
  autoDeferOnceEnabled?: boolean | undefined;
  protectedHours?: { startHourOfDay?: number | undefined; endHourOfDay?: number | undefined } | undefined;
}

export interface UserSecurityInput {
  ldap?:
    | {
        authenticationEnabled?: boolean | undefined;
        authorizationEnabled?: boolean | undefined;
        authzQueryTemplate?: string | undefined;
        hostname?: string | undefined;
        port?: number | undefined;
        bindUsername?: string | undefined;
        bindPassword?: string | undefined;
        caCertificate?: string | undefined;
        userToDNMapping?: Array<{ match: string; substitution?: string | undefined; ldapQuery?: string | undefined }> | undefined;
      }
    | undefined;
  customerX509?: { cas?: string | undefined } | undefined;
}

/** The document's default LDAP authorization query and port. */
export const DEFAULT_AUTHZ_QUERY = '{USER}?memberOf?base';
const DEFAULT_LDAP_PORT = 636;
/** "Scheduled maintenance for a group cannot be deferred more than twice." */
export const MAX_DEFERRALS = 2;
const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
/** The document's patterns for the bind user (an LDAP DN) and the host name. */
const BIND_DN = /^(?:(?<cn>CN=(?<name>[^,]*)),)?(?:(?<path>(?:(?:CN|OU)=[^,]+,?)+),)?(?<domain>(?:DC=[^,]+,?)+)$/;
const LDAP_HOST = /^(?:([0-9]{1,3}\.){3}[0-9]{1,3}|([0-9a-f]{1,4}:){7}([0-9a-f]{1,4})|([a-z0-9-]+\.){1,10}[a-z]+)$/;

function fresh(groupId: string): ProjectSecurity {
  return {
    groupId,
    audit: { enabled: false, auditAuthorizationSuccess: false, configurationType: 'NONE' },
    numberOfDeferrals: 0,
    ldap: { authenticationEnabled: false, authorizationEnabled: false, authzQueryTemplate: DEFAULT_AUTHZ_QUERY, port: DEFAULT_LDAP_PORT, userToDNMapping: [] },
    customerX509: {},
  };
}

/** FNV-1a of the project id: the window Atlas picks for a project that set none, stable across reads. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Per-project security settings: database auditing (`/auditLog`), the maintenance window
 * (`/maintenanceWindow`) and user security (`/userSecurity`: LDAP and customer-managed
 * X.509). A project that never changed a setting reads the defaults; nothing is stored
 * until it does.
 */
export class ProjectSecuritySettings extends Table<ProjectSecurity> {
  constructor(private readonly world: World) {
    super('projectSecurity', ProjectSecurityRecord, (s) => s.groupId, (s) => ({ groupId: s.groupId }));
  }

  of(groupId: string): ProjectSecurity {
    this.world.projects.get(groupId);
    return this.find(groupId) ?? fresh(groupId);
  }

  #save(next: ProjectSecurity): ProjectSecurity {
    return this.insert(next);
  }

  dropGroup(groupId: string): void {
    this.remove(groupId);
  }

  /**
   * PATCH auditLog: what is sent replaces, the rest stays. The filter is stored verbatim
   * (recorded) and must be a JSON object (decision: 400 INVALID_ATTRIBUTE otherwise);
   * setting one through the API makes the configuration FILTER_JSON.
   */
  updateAudit(groupId: string, input: AuditInput): ProjectSecurity['audit'] {
    const s = this.of(groupId);
    if (input.auditFilter !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(input.auditFilter);
      } catch {
        throw new AtlasError('INVALID_ATTRIBUTE', ['auditFilter']);
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new AtlasError('INVALID_ATTRIBUTE', ['auditFilter']);
    }
    const audit: ProjectSecurity['audit'] = {
      enabled: input.enabled ?? s.audit.enabled,
      auditAuthorizationSuccess: input.auditAuthorizationSuccess ?? s.audit.auditAuthorizationSuccess,
      ...((input.auditFilter ?? s.audit.auditFilter) !== undefined && { auditFilter: input.auditFilter ?? s.audit.auditFilter }),
      configurationType: input.auditFilter !== undefined ? 'FILTER_JSON' : s.audit.configurationType,
    };
    return this.#save({ ...s, audit }).audit;
  }

  /**
   * The window: the project's own, or the one Atlas picked (decision, the facts have
   * none: a day and hour derived from the project id, so that it stays put).
   */
  maintenanceOf(groupId: string): MaintenanceWindow {
    const s = this.of(groupId);
    const h = hashOf(groupId);
    const own = s.maintenance ?? { dayOfWeek: (h % 7) + 1, hourOfDay: (h >>> 8) % 24, startASAP: false, autoDeferOnceEnabled: false };
    return { ...own, numberOfDeferrals: s.numberOfDeferrals, timeZoneId: 'UTC' };
  }

  updateMaintenance(groupId: string, input: MaintenanceInput): void {
    const s = this.of(groupId);
    const current = this.maintenanceOf(groupId);
    if (input.dayOfWeek < 1 || input.dayOfWeek > 7) throw new AtlasError('ATLAS_INVALID_MAINTENANCE_WINDOW_DAY_OF_WEEK', []);
    const hourOfDay = input.hourOfDay ?? current.hourOfDay;
    if (hourOfDay < 0 || hourOfDay > 23) throw new AtlasError('ATLAS_INVALID_MAINTENANCE_WINDOW_HOUR_OF_DAY', []);
    let protectedHours = current.protectedHours;
    if (input.protectedHours) {
      const start = input.protectedHours.startHourOfDay ?? 0;
      const end = input.protectedHours.endHourOfDay ?? 0;
      if (start < 0 || start > 23 || end < 0 || end > 23) throw new AtlasError('ATLAS_INVALID_MAINTENANCE_WINDOW_HOUR_OF_DAY', []);
      protectedHours = { startHourOfDay: start, endHourOfDay: end };
    }
    this.#save({
      ...s,
      maintenance: {
        dayOfWeek: input.dayOfWeek,
        hourOfDay,
        startASAP: input.startASAP ?? false,
        autoDeferOnceEnabled: input.autoDeferOnceEnabled ?? current.autoDeferOnceEnabled,
        ...(protectedHours && { protectedHours }),
      },
    });
  }

  /** DELETE: back to the window Atlas picks, deferrals forgotten. */
  resetMaintenance(groupId: string): void {
    const s = this.of(groupId);
    const { maintenance: _m, ...rest } = s;
    this.#save({ ...rest, numberOfDeferrals: 0 });
  }

  /**
   * Defers the scheduled maintenance by a week. Decision: maintenance is scheduled when
   * the project has a cluster to maintain (400 ATLAS_MAINTENANCE_NOT_SCHEDULED
   * otherwise); at most twice (400 ATLAS_NUM_MAINTENANCE_DEFERRALS_EXCEEDED).
   */
  deferMaintenance(groupId: string): void {
    const s = this.of(groupId);
    if (this.world.clusters.countIn(groupId) === 0) throw new AtlasError('ATLAS_MAINTENANCE_NOT_SCHEDULED', []);
    if (s.numberOfDeferrals >= MAX_DEFERRALS) throw new AtlasError('ATLAS_NUM_MAINTENANCE_DEFERRALS_EXCEEDED', []);
    this.#save({ ...s, numberOfDeferrals: s.numberOfDeferrals + 1 });
  }

  /** Flips "automatically defer the next maintenance once". */
  toggleAutoDefer(groupId: string): void {
    const s = this.of(groupId);
    const current = this.maintenanceOf(groupId);
    const { numberOfDeferrals: _n, timeZoneId: _t, ...window } = current;
    this.#save({ ...s, maintenance: { ...window, autoDeferOnceEnabled: !current.autoDeferOnceEnabled } });
  }

  /**
   * PATCH userSecurity: LDAP settings and customer-managed X.509, each replacing what it
   * names. Enabling LDAP authentication or authorization needs a host, a bind user and a
   * bind password (400 MISSING_ATTRIBUTE); the bind user must be an LDAP DN and the CA
   * certificates PEM (400 INVALID_ATTRIBUTE).
   */
  updateUserSecurity(groupId: string, input: UserSecurityInput): ProjectSecurity {
    const s = this.of(groupId);
    let ldap = s.ldap;
    if (input.ldap) {
      const { userToDNMapping, ...rest } = input.ldap;
      const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      ldap = { ...s.ldap, ...defined, ...(userToDNMapping && { userToDNMapping: userToDNMapping.map((m) => ({ match: m.match, ...(m.substitution !== undefined && { substitution: m.substitution }), ...(m.ldapQuery !== undefined && { ldapQuery: m.ldapQuery }) })) }) };
      if (ldap.bindUsername !== undefined && !BIND_DN.test(ldap.bindUsername)) throw new AtlasError('INVALID_ATTRIBUTE', ['ldap.bindUsername']);
      if (ldap.hostname !== undefined && !LDAP_HOST.test(ldap.hostname)) throw new AtlasError('INVALID_ATTRIBUTE', ['ldap.hostname']);
      if (ldap.port < 1 || ldap.port > 65535) throw new AtlasError('INVALID_ATTRIBUTE', ['ldap.port']);
      if (ldap.caCertificate !== undefined && !PEM_CERT.test(ldap.caCertificate)) throw new AtlasError('INVALID_ATTRIBUTE', ['ldap.caCertificate']);
      if (ldap.authenticationEnabled || ldap.authorizationEnabled) {
        for (const f of ['hostname', 'bindUsername', 'bindPassword'] as const) if (!ldap[f]) throw new AtlasError('MISSING_ATTRIBUTE', [`ldap.${f}`]);
      }
    }
    let customerX509 = s.customerX509;
    if (input.customerX509) {
      const cas = input.customerX509.cas;
      if (cas !== undefined && !PEM_CERT.test(cas)) throw new AtlasError('INVALID_ATTRIBUTE', ['customerX509.cas']);
      customerX509 = cas === undefined ? {} : { cas };
    }
    return this.#save({ ...s, ldap, customerX509 });
  }

  disableCustomerX509(groupId: string): ProjectSecurity {
    return this.#save({ ...this.of(groupId), customerX509: {} });
  }

  /** Removes the user-to-DN mapping (`DELETE /userSecurity/ldap/userToDNMapping`). */
  clearUserToDnMapping(groupId: string): ProjectSecurity {
    const s = this.of(groupId);
    return this.#save({ ...s, ldap: { ...s.ldap, userToDNMapping: [] } });
  }
}

export const LdapVerificationRecord = z.object({
  groupId: z.string(),
  requestId: z.string(),
  created: z.number(),
  /** When the checks finish, on the clock. */
  doneAt: z.number(),
  request: z.object({ hostname: z.string(), port: z.number().int(), bindUsername: z.string(), caCertificate: z.string().optional(), authzQueryTemplate: z.string() }),
  /** The outcome each check reaches at `doneAt`. */
  outcome: z.array(z.object({ validationType: z.enum(LDAP_VALIDATION_TYPES), status: z.enum(['OK', 'FAIL']) })),
});
export type LdapVerification = z.infer<typeof LdapVerificationRecord>;

export interface LdapVerifyInput {
  hostname: string;
  port: number;
  bindUsername: string;
  bindPassword: string;
  caCertificate?: string | undefined;
  authzQueryTemplate?: string | undefined;
}

/** Seconds an LDAP verification takes on the simulation clock. */
export const LDAP_VERIFY_SECONDS = 30;

/**
 * LDAP connectivity verifications (`/userSecurity/ldap/verify`): PENDING when asked,
 * SUCCESS or FAIL once the checks finish on the clock. There is no LDAP server to
 * reach, so the outcome is decided from the request (decision): a host under
 * `.invalid` (RFC 2606) fails to CONNECT, and a bind user whose name is `CN=invalid`
 * fails to AUTHENTICATE; everything else passes. Atlas needs a cluster to run the
 * checks from (400 LDAP_VERIFY_CONNECTIVITY_NO_AVAILABLE_CLUSTERS).
 */
export class LdapVerifications extends ProjectScopedTable<LdapVerification> {
  constructor(private readonly world: World) {
    super('ldapVerifications', LdapVerificationRecord, (v) => v.requestId, world.clock);
  }

  start(groupId: string, input: LdapVerifyInput): LdapVerification {
    this.world.projects.get(groupId);
    if (!BIND_DN.test(input.bindUsername)) throw new AtlasError('INVALID_ATTRIBUTE', ['bindUsername']);
    if (!LDAP_HOST.test(input.hostname)) throw new AtlasError('INVALID_ATTRIBUTE', ['hostname']);
    if (this.world.clusters.countIn(groupId) === 0) throw new AtlasError('LDAP_VERIFY_CONNECTIVITY_NO_AVAILABLE_CLUSTERS', [groupId]);
    const now = this.world.clock.now();
    const connects = !input.hostname.endsWith('.invalid');
    const binds = connects && !/^CN=invalid,/i.test(input.bindUsername);
    const authz = input.authzQueryTemplate ?? DEFAULT_AUTHZ_QUERY;
    const outcome: LdapVerification['outcome'] = [
      { validationType: 'SERVER_SPECIFIED', status: 'OK' },
      { validationType: 'CONNECT', status: connects ? 'OK' : 'FAIL' },
      { validationType: 'AUTHENTICATE', status: binds ? 'OK' : 'FAIL' },
      { validationType: 'AUTHORIZATION_ENABLED', status: 'OK' },
      { validationType: 'PARSE_AUTHZ_QUERY', status: authz.includes('{USER}') ? 'OK' : 'FAIL' },
      { validationType: 'QUERY_SERVER', status: binds ? 'OK' : 'FAIL' },
    ];
    return this.insert({
      groupId,
      requestId: this.world.ids.next(),
      created: now,
      doneAt: now + LDAP_VERIFY_SECONDS * 1000,
      request: { hostname: input.hostname, port: input.port, bindUsername: input.bindUsername, ...(input.caCertificate !== undefined && { caCertificate: input.caCertificate }), authzQueryTemplate: authz },
      outcome,
    });
  }

  get(groupId: string, requestId: string): LdapVerification {
    const v = this.find(requestId);
    if (!v || v.groupId !== groupId) throw new AtlasError('LDAP_VERIFY_CONNECTIVITY_REQUEST_NOT_FOUND', [requestId, groupId]);
    return v;
  }

  /** PENDING until the checks finish, then SUCCESS when every one passed, else FAIL. */
  statusOf(v: LdapVerification): 'PENDING' | 'SUCCESS' | 'FAIL' {
    if (this.world.clock.now() < v.doneAt) return 'PENDING';
    return v.outcome.every((o) => o.status === 'OK') ? 'SUCCESS' : 'FAIL';
  }

  validationsOf(v: LdapVerification): LdapVerification['outcome'] {
    return this.statusOf(v) === 'PENDING' ? [] : v.outcome;
  }
}
