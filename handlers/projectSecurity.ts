import { projectSecurityOperations } from '../contracts/api/operations/projectSecurity.js';
import { isoSeconds } from '../src/sim/clock.js';
import type { LdapVerification, ProjectSecurity } from '../src/sim/projectSecurity.js';
import type { UserCert } from '../src/sim/userCerts.js';
import { defineHandlers, NO_HEADER, RawText, Reply, type HandlerContext } from '../src/wire/context.js';
import { pathSegment } from './pathSegment.js';

const V = '2023-01-01';
/** Recorded: the maintenance window answers without a body or Content-Type, naming the version in X-Content-Type. */
const NO_BODY_HEADERS = { 'Content-Type': NO_HEADER, 'X-Content-Type': `application/vnd.atlas.${V}+json` };

function auditView(a: ProjectSecurity['audit']) {
  return { auditAuthorizationSuccess: a.auditAuthorizationSuccess, ...(a.auditFilter !== undefined && { auditFilter: a.auditFilter }), configurationType: a.configurationType, enabled: a.enabled };
}

/** UserSecurity: LDAP settings without the bind password, and the customer CAs. */
function userSecurityView(ctx: HandlerContext, s: ProjectSecurity) {
  const l = s.ldap;
  return {
    customerX509: { ...(s.customerX509.cas !== undefined && { cas: s.customerX509.cas }) },
    ldap: {
      authenticationEnabled: l.authenticationEnabled,
      authorizationEnabled: l.authorizationEnabled,
      authzQueryTemplate: l.authzQueryTemplate,
      ...(l.bindUsername !== undefined && { bindUsername: l.bindUsername }),
      ...(l.caCertificate !== undefined && { caCertificate: l.caCertificate }),
      ...(l.hostname !== undefined && { hostname: l.hostname }),
      port: l.port,
      userToDNMapping: l.userToDNMapping.map((m) => ({ ...(m.ldapQuery !== undefined && { ldapQuery: m.ldapQuery }), match: m.match, ...(m.substitution !== undefined && { substitution: m.substitution }) })),
    },
    links: ctx.selfLink(`/groups/${s.groupId}/userSecurity`),
  };
}

function verificationView(ctx: HandlerContext, v: LdapVerification) {
  const path = `/groups/${v.groupId}/userSecurity/ldap/verify/${v.requestId}`;
  return {
    groupId: v.groupId,
    links: ctx.selfLink(path),
    request: {
      bindUsername: v.request.bindUsername,
      ...(v.request.caCertificate !== undefined && { caCertificate: v.request.caCertificate }),
      hostname: v.request.hostname,
      links: ctx.selfLink(path),
      port: v.request.port,
    },
    requestId: v.requestId,
    status: ctx.world.ldapVerifications.statusOf(v),
    validations: ctx.world.ldapVerifications.validationsOf(v),
  };
}

function certView(ctx: HandlerContext, c: UserCert) {
  return {
    _id: c.id,
    createdAt: isoSeconds(c.createdAt),
    groupId: c.groupId,
    links: ctx.selfLink(`/groups/${c.groupId}/databaseUsers/${pathSegment(c.username)}/certs`),
    notAfter: isoSeconds(c.notAfter),
    subject: c.subject,
  };
}

export const projectSecurityHandlers = defineHandlers(projectSecurityOperations, {
  getAuditingConfiguration(ctx) {
    return auditView(ctx.world.projectSecurity.of(ctx.params.groupId).audit);
  },

  updateAuditingConfiguration(ctx) {
    const { auditAuthorizationSuccess, auditFilter, enabled } = ctx.body;
    return auditView(ctx.world.projectSecurity.updateAudit(ctx.params.groupId, { auditAuthorizationSuccess, auditFilter, enabled }));
  },

  getMaintenanceWindow(ctx) {
    const w = ctx.world.projectSecurity.maintenanceOf(ctx.params.groupId);
    return {
      autoDeferOnceEnabled: w.autoDeferOnceEnabled,
      dayOfWeek: w.dayOfWeek,
      hourOfDay: w.hourOfDay,
      numberOfDeferrals: w.numberOfDeferrals,
      ...(w.protectedHours && { protectedHours: { endHourOfDay: w.protectedHours.endHourOfDay, startHourOfDay: w.protectedHours.startHourOfDay } }),
      startASAP: w.startASAP,
      timeZoneId: w.timeZoneId,
    };
  },

  updateMaintenanceWindow(ctx) {
    const { numberOfDeferrals: _n, timeZoneId: _t, ...input } = ctx.body;
    ctx.world.projectSecurity.updateMaintenance(ctx.params.groupId, input);
    return new Reply(200, undefined, NO_BODY_HEADERS);
  },

  resetMaintenanceWindow(ctx) {
    ctx.world.projectSecurity.resetMaintenance(ctx.params.groupId);
    return new Reply(204, undefined, { 'Content-Type': NO_HEADER });
  },

  deferMaintenanceWindow(ctx) {
    ctx.world.projectSecurity.deferMaintenance(ctx.params.groupId);
    return new Reply(200, undefined, NO_BODY_HEADERS);
  },

  toggleMaintenanceAutoDefer(ctx) {
    ctx.world.projectSecurity.toggleAutoDefer(ctx.params.groupId);
    return new Reply(200, undefined, NO_BODY_HEADERS);
  },

  getLdapConfiguration(ctx) {
    return userSecurityView(ctx, ctx.world.projectSecurity.of(ctx.params.groupId));
  },

  saveLdapConfiguration(ctx) {
    const { ldap, customerX509 } = ctx.body;
    const input = {
      ...(ldap && { ldap: (({ links: _l, ...rest }) => rest)(ldap) }),
      ...(customerX509 && { customerX509: { cas: customerX509.cas } }),
    };
    return userSecurityView(ctx, ctx.world.projectSecurity.updateUserSecurity(ctx.params.groupId, input));
  },

  disableCustomerManagedX509(ctx) {
    return userSecurityView(ctx, ctx.world.projectSecurity.disableCustomerX509(ctx.params.groupId));
  },

  deleteLdapConfiguration(ctx) {
    return userSecurityView(ctx, ctx.world.projectSecurity.clearUserToDnMapping(ctx.params.groupId));
  },

  verifyLdapConfiguration(ctx) {
    const { links: _l, ...input } = ctx.body;
    return verificationView(ctx, ctx.world.ldapVerifications.start(ctx.params.groupId, input));
  },

  getLdapConfigurationStatus(ctx) {
    return verificationView(ctx, ctx.world.ldapVerifications.get(ctx.params.groupId, ctx.params.requestId));
  },

  listDatabaseUserCertificates(ctx) {
    const certs = ctx.world.userCerts.list(ctx.params.groupId, ctx.params.username);
    return ctx.list(certs, certs.length, (c) => certView(ctx, c));
  },

  async createDatabaseUserCertificate(ctx) {
    const { pem } = await ctx.world.userCerts.create(ctx.params.groupId, ctx.params.username, ctx.body.monthsUntilExpiration);
    return new Reply(201, new RawText(pem));
  },
});
