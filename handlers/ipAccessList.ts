import { ipAccessListOperations } from '../contracts/api/operations/ipAccessList.js';
import { isoSeconds } from '../src/sim/clock.js';
import { entryAddresses, type NetworkPermissionEntry } from '../src/sim/ipAccessList.js';
import { defineHandlers, type HandlerContext } from '../src/wire/context.js';
import { pathSegment } from './pathSegment.js';

/** An entry on the wire (NetworkPermissionEntry), keys alphabetical as recorded. */
function entryView(ctx: HandlerContext, e: NetworkPermissionEntry) {
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

function listView(ctx: HandlerContext, groupId: string) {
  const entries = ctx.world.ipAccessList.listIn(groupId);
  return ctx.list(entries, entries.length, (e) => entryView(ctx, e));
}

export const ipAccessListHandlers = defineHandlers(ipAccessListOperations, {
  listProjectIpAccessLists(ctx) {
    return listView(ctx, ctx.params.groupId);
  },

  /** Adds the posted entries and answers the whole list (recorded: 201 with the list envelope). */
  createProjectIpAccessList(ctx) {
    ctx.world.ipAccessList.add(
      ctx.params.groupId,
      ctx.body.map((e) => ({ ipAddress: e.ipAddress, cidrBlock: e.cidrBlock, awsSecurityGroup: e.awsSecurityGroup, comment: e.comment, deleteAfter: e.deleteAfterDate })),
      ctx.actor,
    );
    return listView(ctx, ctx.params.groupId);
  },

  getProjectIpList(ctx) {
    return entryView(ctx, ctx.world.ipAccessList.get(ctx.params.groupId, ctx.params.entryValue));
  },

  getProjectIpAccessListStatus(ctx) {
    return { STATUS: ctx.world.ipAccessList.status(ctx.params.groupId, ctx.params.entryValue) };
  },

  deleteProjectIpAccessList(ctx) {
    ctx.world.ipAccessList.delete(ctx.params.groupId, ctx.params.entryValue, ctx.actor);
    return undefined;
  },
});
