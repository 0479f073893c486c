import type { z } from 'zod';
import type { CloudDatabaseUserCreate, CloudDatabaseUserUpdate } from '../contracts/api/operations/databaseUsers.js';
import { isoSeconds } from '../src/sim/clock.js';
import type { DatabaseUser, DatabaseUserInput } from '../src/sim/databaseUsers.js';
import { type Handler, type HandlerTable, type RequestContext } from '../src/wire/context.js';
import { pathSegment } from './pathSegment.js';

/** A database user on the wire (CloudDatabaseUser): alphabetical keys, never the password. */
function userView(ctx: RequestContext, u: DatabaseUser) {
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

const listDatabaseUsers: Handler = (ctx) => {
  const users = ctx.world.databaseUsers.listIn(ctx.params.groupId!);
  return ctx.list(users, users.length, (u) => userView(ctx, u));
};

const createDatabaseUser: Handler = (ctx) => {
  const body = ctx.body as z.output<typeof CloudDatabaseUserCreate>;
  return userView(ctx, ctx.world.databaseUsers.create(ctx.params.groupId!, input(body), ctx.actor));
};

const getDatabaseUser: Handler = (ctx) => {
  const { groupId, databaseName, username } = ctx.params;
  return userView(ctx, ctx.world.databaseUsers.get(groupId!, databaseName!, username!));
};

const updateDatabaseUser: Handler = (ctx) => {
  const { groupId, databaseName, username } = ctx.params;
  const body = ctx.body as z.output<typeof CloudDatabaseUserUpdate>;
  return userView(ctx, ctx.world.databaseUsers.update(groupId!, databaseName!, username!, input(body), ctx.actor));
};

const deleteDatabaseUser: Handler = (ctx) => {
  const { groupId, databaseName, username } = ctx.params;
  ctx.world.databaseUsers.delete(groupId!, databaseName!, username!, ctx.actor);
  return undefined;
};

export const databaseUserHandlers = {
  listDatabaseUsers,
  createDatabaseUser,
  getDatabaseUser,
  updateDatabaseUser,
  deleteDatabaseUser,
} satisfies HandlerTable;
