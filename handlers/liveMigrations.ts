import { liveMigrationOperations } from '../contracts/api/operations/liveMigrations.js';
import type { LiveMigration, MigrationValidation } from '../src/sim/liveMigrations.js';
import type { World } from '../src/sim/world.js';
import { defineHandlers } from '../src/wire/context.js';

function migrationView(world: World, m: LiveMigration) {
  const ready = world.liveMigrations.readyForCutover(m);
  return { _id: m.id, lagTimeSeconds: ready ? (m.lagTimeSeconds ?? null) : null, migrationHosts: m.migrationHosts, readyForCutover: ready, status: m.status };
}

function validationView(v: MigrationValidation) {
  return { _id: v.id, errorMessage: v.errorMessage ?? null, groupId: v.groupId, sourceGroupId: v.sourceGroupId, status: v.status };
}

export const liveMigrationHandlers = defineHandlers(liveMigrationOperations, {
  createLinkToken(ctx) {
    return { linkToken: ctx.world.liveMigrationLinks.create(ctx.params.orgId, ctx.body.accessListIps ?? []).linkToken };
  },

  deleteLinkToken(ctx) {
    ctx.world.liveMigrationLinks.delete(ctx.params.orgId);
    return undefined;
  },

  listSourceProjects(ctx) {
    // The linked Cloud Manager organization is outside the simulation: no project of its is known.
    ctx.world.liveMigrationLinks.get(ctx.params.orgId);
    return [];
  },

  createPushMigration(ctx) {
    return migrationView(ctx.world, ctx.world.liveMigrations.create(ctx.params.groupId, ctx.body));
  },

  getPushMigration(ctx) {
    return migrationView(ctx.world, ctx.world.liveMigrations.get(ctx.params.groupId, ctx.params.liveMigrationId));
  },

  cutoverMigration(ctx) {
    ctx.world.liveMigrations.cutover(ctx.params.groupId, ctx.params.liveMigrationId);
    return undefined;
  },

  validateMigration(ctx) {
    return validationView(ctx.world.liveMigrationValidations.create(ctx.params.groupId, ctx.body));
  },

  getValidationStatus(ctx) {
    return validationView(ctx.world.liveMigrationValidations.get(ctx.params.groupId, ctx.params.validationId));
  },
});
