import { integrationOperations } from '../contracts/api/operations/integrations.js';
import type { Integration } from '../src/sim/integrations.js';
import { defineHandlers, type HandlerContext } from '../src/wire/context.js';

/** POST and PUT answer the project's whole list (recorded), paged as the request asks. */
function listView(ctx: HandlerContext, groupId: string) {
  const all = ctx.world.integrations.listIn(groupId);
  return ctx.list(all, all.length, (i: Integration) => ctx.world.integrations.view(i));
}

export const integrationHandlers = defineHandlers(integrationOperations, {
  listThirdPartyIntegrations(ctx) {
    return listView(ctx, ctx.params.groupId);
  },

  getThirdPartyIntegration(ctx) {
    const { groupId, integrationType } = ctx.params;
    return ctx.world.integrations.view(ctx.world.integrations.get(groupId, integrationType));
  },

  createThirdPartyIntegration(ctx) {
    const { bodyTemplate: _b, customEndpoint: _c, headersTemplate: _h, ...body } = ctx.body;
    ctx.world.integrations.create(ctx.params.groupId, ctx.params.integrationType, body);
    return listView(ctx, ctx.params.groupId);
  },

  updateThirdPartyIntegration(ctx) {
    const { bodyTemplate: _b, customEndpoint: _c, headersTemplate: _h, ...body } = ctx.body;
    ctx.world.integrations.update(ctx.params.groupId, ctx.params.integrationType, body);
    return listView(ctx, ctx.params.groupId);
  },

  deleteThirdPartyIntegration(ctx) {
    ctx.world.integrations.delete(ctx.params.groupId, ctx.params.integrationType);
    return undefined;
  },
});
