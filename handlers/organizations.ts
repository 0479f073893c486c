import type { Organization } from '../src/sim/organizations.js';
import { organizationOperations } from '../contracts/api/operations/organizations.js';
import { defineHandlers, type HandlerContext } from '../src/wire/context.js';

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
});
