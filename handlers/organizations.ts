import type { Organization } from '../src/sim/organizations.js';
import { organizationOperations } from '../contracts/api/operations/organizations.js';
import { AtlasError } from '../src/sim/errors.js';
import { defineHandlers, Reply, type HandlerContext } from '../src/wire/context.js';
import { apiKeyView } from './apiKeys.js';

/** `rel` values keep the commercial host on every Atlas deployment (wire-facts C.5). */
export const REL = 'https://cloud.mongodb.com/';

function organizationView(ctx: HandlerContext, org: Organization, detailed: boolean) {
  const self = `/orgs/${org.id}`;
  return {
    id: org.id,
    isDeleted: false,
    links: detailed
      ? [
          { href: ctx.href(self), rel: 'self' },
          { href: ctx.href(`${self}/groups`), rel: `${REL}groups` },
          { href: ctx.href(`${self}/teams`), rel: `${REL}teams` },
          { href: ctx.href(`${self}/users`), rel: `${REL}users` },
        ]
      : ctx.selfLink(self),
    name: org.name,
    skipDefaultAlertsSettings: org.skipDefaultAlertsSettings,
  };
}

export const organizationHandlers = defineHandlers(organizationOperations, {
  /** Organizations the caller belongs to; `name` filters by case-insensitive prefix as documented. */
  listOrganizations(ctx) {
    const name = (ctx.query.name ?? '').toLowerCase();
    const org = ctx.world.orgs.get(ctx.principal.orgId);
    const visible = org.name.toLowerCase().startsWith(name) ? [org] : [];
    return ctx.list(visible, visible.length, (o) => organizationView(ctx, o, false));
  },

  getOrganization(ctx) {
    return organizationView(ctx, ctx.world.orgs.get(ctx.params.orgId), true);
  },

  /**
   * 201. The caller must be Organization Owner of its own organization, which the new one
   * is linked to. Decision: federations are not simulated, so a `federationSettingsId`
   * names none that exists (404 RESOURCE_NOT_FOUND).
   */
  createOrganization(ctx) {
    ctx.authorize({ orgId: ctx.principal.orgId });
    const b = ctx.body;
    if (b.federationSettingsId !== undefined) throw new AtlasError('RESOURCE_NOT_FOUND', [b.federationSettingsId]);
    const made = ctx.world.orgs.createLinked(ctx.principal, { name: b.name, orgOwnerId: b.orgOwnerId, skipDefaultAlertsSettings: b.skipDefaultAlertsSettings, apiKey: b.apiKey }, ctx.actor);
    return new Reply(201, {
      ...(made.apiKey && { apiKey: apiKeyView(ctx, made.apiKey, { created: true }) }),
      ...(made.ownerId !== undefined && { orgOwnerId: made.ownerId }),
      organization: organizationView(ctx, made.org, true),
      skipDefaultAlertsSettings: made.org.skipDefaultAlertsSettings,
    });
  },

  updateOrganization(ctx) {
    return organizationView(ctx, ctx.world.orgs.rename(ctx.params.orgId, ctx.body.name, ctx.actor), true);
  },

  deleteOrganization(ctx) {
    ctx.world.orgs.deleteEmpty(ctx.params.orgId);
    return undefined;
  },
});
