import { teamOperations } from '../contracts/api/operations/teams.js';
import type { Team } from '../src/sim/teams.js';
import { defineHandlers, Reply, type HandlerContext } from '../src/wire/context.js';
import { cloudAppUserView } from './cloudUsers.js';

function teamView(ctx: HandlerContext, t: Team) {
  return { id: t.id, links: ctx.selfLink(`/orgs/${t.orgId}/teams/${t.id}`), name: t.name };
}

/** A team as assigned to a project (TeamRole). */
function teamRoleView(ctx: HandlerContext, groupId: string, t: Team) {
  return { links: ctx.selfLink(`/groups/${groupId}/teams/${t.id}`), roleNames: [...(t.groupRoles[groupId] ?? [])], teamId: t.id };
}

/** Active members by username; pending ones by the username of their invitation. */
function usernames(ctx: HandlerContext, t: Team): string[] {
  return t.userIds.flatMap((id) => {
    const user = ctx.world.cloudUsers.find(id);
    if (user) return [user.username];
    const pending = ctx.world.invitations.pendingUser(t.orgId, id);
    return pending ? [pending.username] : [];
  });
}

export const teamHandlers = defineHandlers(teamOperations, {
  listOrganizationTeams(ctx) {
    const teams = ctx.world.teams.listForOrg(ctx.params.orgId);
    return ctx.list(teams, teams.length, (t) => teamView(ctx, t));
  },

  /** 201 with a `Location` outside `/api/atlas/v2` (recorded). */
  createTeam(ctx) {
    const { orgId } = ctx.params;
    const team = ctx.world.teams.create(orgId, ctx.body, ctx.actor);
    return new Reply(201, { ...teamView(ctx, team), usernames: usernames(ctx, team) }, { Location: `${ctx.baseUrl}/orgs/${orgId}/teams/${team.id}` });
  },

  getTeamById(ctx) {
    return teamView(ctx, ctx.world.teams.get(ctx.params.orgId, ctx.params.teamId));
  },

  getTeamByName(ctx) {
    return teamView(ctx, ctx.world.teams.getByName(ctx.params.orgId, ctx.params.teamName));
  },

  renameTeam(ctx) {
    const { orgId, teamId } = ctx.params;
    return teamView(ctx, ctx.world.teams.rename(orgId, teamId, ctx.body.name, ctx.actor));
  },

  deleteTeam(ctx) {
    ctx.world.teams.delete(ctx.params.orgId, ctx.params.teamId, ctx.actor);
    return undefined;
  },

  /** The deprecated pair: answers the team's active users in the older CloudAppUser view. */
  addTeamUser(ctx) {
    const { orgId, teamId } = ctx.params;
    const team = ctx.world.teams.addUsers(orgId, teamId, ctx.body.map((u) => u.id), ctx.actor);
    const users = team.userIds.flatMap((id) => {
      const u = ctx.world.cloudUsers.find(id);
      return u ? [u] : [];
    });
    return ctx.list(users, users.length, (u) => cloudAppUserView(ctx, u));
  },

  removeTeamUser(ctx) {
    const { orgId, teamId, userId } = ctx.params;
    ctx.world.teams.removeUser(orgId, teamId, userId, ctx.actor);
    return undefined;
  },

  listProjectTeams(ctx) {
    const { groupId } = ctx.params;
    const teams = ctx.world.teams.listForProject(groupId);
    return ctx.list(teams, teams.length, (t) => teamRoleView(ctx, groupId, t));
  },

  /** 200 with every team of the project (recorded). */
  addAllTeamsToProject(ctx) {
    const { groupId } = ctx.params;
    ctx.world.teams.assign(groupId, ctx.body, ctx.actor);
    const teams = ctx.world.teams.listForProject(groupId);
    return ctx.list(teams, teams.length, (t) => teamRoleView(ctx, groupId, t));
  },

  getProjectTeam(ctx) {
    const { groupId, teamId } = ctx.params;
    return teamRoleView(ctx, groupId, ctx.world.teams.inProject(groupId, teamId));
  },

  /** 200 with a list envelope of that one team (recorded). */
  updateTeamRoles(ctx) {
    const { groupId, teamId } = ctx.params;
    const team = ctx.world.teams.updateRoles(groupId, teamId, ctx.body.roleNames, ctx.actor);
    return ctx.list([team], 1, (t) => teamRoleView(ctx, groupId, t));
  },

  removeProjectTeam(ctx) {
    ctx.world.teams.unassign(ctx.params.groupId, ctx.params.teamId, ctx.actor);
    return undefined;
  },
});
