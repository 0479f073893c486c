import type { z } from 'zod';
import type { NetworkPermissionEntries } from '../contracts/api/operations/ipAccessList.js';
import { isoSeconds } from '../src/sim/clock.js';
import { entryAddresses, type NetworkPermissionEntry } from '../src/sim/ipAccessList.js';
import type { Handler, HandlerTable, RequestContext } from '../src/wire/context.js';
import { pathSegment } from './pathSegment.js';

/** An entry on the wire (NetworkPermissionEntry), keys alphabetical as recorded. */
function entryView(ctx: RequestContext, e: NetworkPermissionEntry) {
  const a = entryAddresses(e);
  return {
    ...(a.awsSecurityGroup !== undefined && { awsSecurityGroup: a.awsSecurityGroup }),
    ...(a.cidrBlock !== undefined && { cidrBlock: a.cidrBlock }),
    ...(e.comment !== undefined && { comment: e.comment }),
    ...(e.deleteAfter !== undefined && { deleteAfterDate: isoSeconds(e.deleteAfter) }),
    groupId: e.groupId,
    ...(a.ipAddress !== undefined && { ipAddress: a.ipAddress }),
    links: ctx.selfLink(`/groups/${e.groupId}/accessList/${pathSegment(e.entry)}`),
  };
}

function listView(ctx: RequestContext) {
  const entries = ctx.world.ipAccessList.listIn(ctx.params.groupId!);
  return ctx.list(entries, entries.length, (e) => entryView(ctx, e));
}

const listProjectIpAccessLists: Handler = (ctx) => listView(ctx);

/** Adds the posted entries and answers the whole list (recorded: 201 with the list envelope). */
const createProjectIpAccessList: Handler = (ctx) => {
  const body = ctx.body as z.output<typeof NetworkPermissionEntries>;
  ctx.world.ipAccessList.add(
    ctx.params.groupId!,
    body.map((e) => ({ ipAddress: e.ipAddress, cidrBlock: e.cidrBlock, awsSecurityGroup: e.awsSecurityGroup, comment: e.comment, deleteAfter: e.deleteAfterDate })),
    ctx.actor,
  );
  return listView(ctx);
};

const getProjectIpList: Handler = (ctx) => entryView(ctx, ctx.world.ipAccessList.get(ctx.params.groupId!, ctx.params.entryValue!));

const getProjectIpAccessListStatus: Handler = (ctx) => ({ STATUS: ctx.world.ipAccessList.status(ctx.params.groupId!, ctx.params.entryValue!) });

const deleteProjectIpAccessList: Handler = (ctx) => {
  ctx.world.ipAccessList.delete(ctx.params.groupId!, ctx.params.entryValue!, ctx.actor);
  return undefined;
};

export const ipAccessListHandlers = {
  listProjectIpAccessLists,
  createProjectIpAccessList,
  getProjectIpList,
  getProjectIpAccessListStatus,
  deleteProjectIpAccessList,
} satisfies HandlerTable;
