import { rollingIndexOperations } from '../contracts/api/operations/rollingIndex.js';
import { defineHandlers } from '../src/wire/context.js';

export const rollingIndexHandlers = defineHandlers(rollingIndexOperations, {
  createRollingIndex(ctx) {
    ctx.world.rollingIndexes.create(ctx.params.groupId, ctx.params.clusterName, ctx.body);
    return undefined;
  },
});
