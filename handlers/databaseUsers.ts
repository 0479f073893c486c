import type { z } from 'zod';
import { databaseUserOperations, type CloudDatabaseUserUpdate } from '../contracts/api/operations/databaseUsers.js';
import { isoSeconds } from '../src/sim/clock.js';
import type { DatabaseUser, DatabaseUserInput } from '../src/sim/databaseUsers.js';
import { defineHandlers, type HandlerContext } from '../src/wire/context.js';
import { pathSegment } from './pathSegment.js';

/** A database user on the wire (CloudDatabaseUser): alphabetical keys, never the password. */
function userView(ctx: HandlerContext, u: DatabaseUser) {
  return {
    awsIAMType: u.awsIAMType,
    databaseName: u.databaseName,
    ...(u.deleteAfter !== undefined && { deleteAfterDate: isoSeconds(u.deleteAfter) }),
    ...(u.description !== undefined && { description: u.description }),
    groupId: u.groupId,
    labels: u.labels.map((l) => ({ ...(l.key !== undefined && { key: l.key }), ...(l.value !== undefined && { value: l.value }) })),
    ldapAuthType: u.ldapAuthType,
    links: ctx.selfLink(`/groups/${u.groupId}/databaseUsers/${pathSegment(u.databaseName)}/${pathSegment(u.username)}`),
    oidcAuthType: u.oidcAuthType,
    roles: u.roles.map((r) => ({ ...(r.collectionName !== undefined && { collectionName: r.collectionName }), databaseName: r.databaseName, roleName: r.roleName })),
    scopes: u.scopes.map((s) => ({ name: s.name, type: s.type })),
    username: u.username,
    x509Type: u.x509Type,
  };
}

/** The request body as the sim takes it (`deleteAfterDate` already parsed to epoch ms). */
function input(body: z.output<typeof CloudDatabaseUserUpdate>): DatabaseUserInput {
  const { deleteAfterDate, links: _links, ...rest } = body;
  return { ...rest, deleteAfter: deleteAfterDate };
}

export const databaseUserHandlers = defineHandlers(databaseUserOperations, {
  listDatabaseUsers(ctx) {
    const users = ctx.world.databaseUsers.listIn(ctx.params.groupId);
    return ctx.list(users, users.length, (u) => userView(ctx, u));
  },

  createDatabaseUser(ctx) {
    return userView(ctx, ctx.world.databaseUsers.create(ctx.params.groupId, input(ctx.body), ctx.actor));
  },

  getDatabaseUser(ctx) {
    const { groupId, databaseName, username } = ctx.params;
    return userView(ctx, ctx.world.databaseUsers.get(groupId, databaseName, username));
  },

  updateDatabaseUser(ctx) {
    const { groupId, databaseName, username } = ctx.params;
    return userView(ctx, ctx.world.databaseUsers.update(groupId, databaseName, username, input(ctx.body), ctx.actor));
  },

  deleteDatabaseUser(ctx) {
    const { groupId, databaseName, username } = ctx.params;
    ctx.world.databaseUsers.delete(groupId, databaseName, username, ctx.actor);
    return undefined;
  },
});
