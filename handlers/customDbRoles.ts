import { customDbRoleOperations } from '../contracts/api/operations/customDbRoles.js';
import type { CustomDbRole } from '../src/sim/customDbRoles.js';
import { defineHandlers } from '../src/wire/context.js';

/** As recorded: `actions`, `inheritedRoles`, `roleName`; resources in the form they were given. */
function roleView(r: CustomDbRole) {
  return {
    actions: r.actions.map((a) => ({
      action: a.action,
      resources: a.resources.map((x) => (x.cluster ? { cluster: true } : { ...(x.collection !== undefined && { collection: x.collection }), db: x.db })),
    })),
    inheritedRoles: r.inheritedRoles.map((i) => ({ db: i.db, role: i.role })),
    roleName: r.roleName,
  };
}

export const customDbRoleHandlers = defineHandlers(customDbRoleOperations, {
  listCustomDatabaseRoles(ctx) {
    return ctx.world.customDbRoles.list(ctx.params.groupId).map(roleView);
  },

  createCustomDatabaseRole(ctx) {
    const { roleName, ...input } = ctx.body;
    return roleView(ctx.world.customDbRoles.create(ctx.params.groupId, roleName, input));
  },

  getCustomDatabaseRole(ctx) {
    return roleView(ctx.world.customDbRoles.get(ctx.params.groupId, ctx.params.roleName));
  },

  updateCustomDatabaseRole(ctx) {
    return roleView(ctx.world.customDbRoles.update(ctx.params.groupId, ctx.params.roleName, ctx.body));
  },

  deleteCustomDatabaseRole(ctx) {
    ctx.world.customDbRoles.delete(ctx.params.groupId, ctx.params.roleName);
    return undefined;
  },
});
