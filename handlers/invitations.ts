import { invitationOperations } from '../contracts/api/operations/invitations.js';
import { isoSeconds } from '../src/sim/clock.js';
import type { Invitation } from '../src/sim/invitations.js';
import { defineHandlers, type HandlerContext } from '../src/wire/context.js';
import { organizationInvitationView } from './cloudUsers.js';

/** GroupInvitation. */
function projectInvitationView(ctx: HandlerContext, i: Invitation) {
  const groupId = i.groupId!;
  return {
    createdAt: isoSeconds(i.createdAt),
    expiresAt: isoSeconds(i.expiresAt),
    groupId,
    groupName: ctx.world.projects.get(groupId).name,
    id: i.id,
    inviterUsername: i.inviterUsername,
    links: ctx.selfLink(`/groups/${groupId}/invites/${i.id}`),
    roles: [...(i.groupRoles[groupId] ?? [])],
    username: i.username,
  };
}

export const invitationHandlers = defineHandlers(invitationOperations, {
  listOrganizationInvitations(ctx) {
    return ctx.world.invitations.listForOrg(ctx.params.orgId, ctx.query.username).map((i) => organizationInvitationView(ctx, i));
  },

  createOrganizationInvitation(ctx) {
    return organizationInvitationView(ctx, ctx.world.invitations.inviteToOrg(ctx.params.orgId, ctx.body, ctx.principal, ctx.actor));
  },

  /** PATCH by the username in the body. */
  updateOrganizationInvitation(ctx) {
    const i = ctx.world.invitations.getForOrgByUsername(ctx.params.orgId, ctx.body.username);
    return organizationInvitationView(ctx, ctx.world.invitations.updateOrgInvitation(i, ctx.body));
  },

  getOrganizationInvitation(ctx) {
    return organizationInvitationView(ctx, ctx.world.invitations.getForOrg(ctx.params.orgId, ctx.params.invitationId));
  },

  updateOrganizationInvitationById(ctx) {
    const i = ctx.world.invitations.getForOrg(ctx.params.orgId, ctx.params.invitationId);
    return organizationInvitationView(ctx, ctx.world.invitations.updateOrgInvitation(i, ctx.body));
  },

  deleteOrganizationInvitation(ctx) {
    ctx.world.invitations.deleteForOrg(ctx.params.orgId, ctx.params.invitationId, ctx.actor);
    return undefined;
  },

  listProjectInvitations(ctx) {
    return ctx.world.invitations.listForProject(ctx.params.groupId, ctx.query.username).map((i) => projectInvitationView(ctx, i));
  },

  createProjectInvitation(ctx) {
    return projectInvitationView(ctx, ctx.world.invitations.inviteToProject(ctx.params.groupId, ctx.body, ctx.principal, ctx.actor));
  },

  updateProjectInvitation(ctx) {
    const i = ctx.world.invitations.getForProjectByUsername(ctx.params.groupId, ctx.body.username);
    return projectInvitationView(ctx, ctx.world.invitations.updateProjectInvitation(i, ctx.body.roles));
  },

  getProjectInvitation(ctx) {
    return projectInvitationView(ctx, ctx.world.invitations.getForProject(ctx.params.groupId, ctx.params.invitationId));
  },

  updateProjectInvitationById(ctx) {
    const i = ctx.world.invitations.getForProject(ctx.params.groupId, ctx.params.invitationId);
    return projectInvitationView(ctx, ctx.world.invitations.updateProjectInvitation(i, ctx.body.roles));
  },

  deleteProjectInvitation(ctx) {
    ctx.world.invitations.deleteForProject(ctx.params.groupId, ctx.params.invitationId, ctx.actor);
    return undefined;
  },
});
