import { projectOperations } from '../contracts/api/operations/projects.js';
import { isoSeconds } from '../src/sim/clock.js';
import type { Project } from '../src/sim/projects.js';
import { defineHandlers, Reply, type HandlerContext } from '../src/wire/context.js';
import { REL } from './organizations.js';

/** Related resources a single project links to, in the recorded order (after `self`). */
const RELATED = ['containers', 'clusters', 'databaseUsers', 'peers', 'processes', 'whitelist'] as const;

/**
 * A project on the wire (Group). Single-project answers carry the 7 recorded links, list
 * entries only `self`. `tags` is left out only where the recorded create answer leaves it
 * out: a project created without tags.
 */
function projectView(ctx: HandlerContext, p: Project, shape: { detailed: boolean; tags: boolean }) {
  const self = `/groups/${p.id}`;
  return {
    clusterCount: ctx.world.clusters.countIn(p.id),
    created: isoSeconds(p.created),
    id: p.id,
    links: shape.detailed
      ? [{ href: ctx.href(self), rel: 'self' }, ...RELATED.map((r) => ({ href: ctx.href(`${self}/${r}`), rel: `${REL}${r}` }))]
      : ctx.selfLink(self),
    name: p.name,
    orgId: p.orgId,
    regionUsageRestrictions: p.regionUsageRestrictions,
    ...(shape.tags && { tags: p.tags.map((t) => ({ key: t.key, value: t.value })) }),
    withDefaultAlertsSettings: p.withDefaultAlertsSettings,
  };
}

const listed = (ctx: HandlerContext) => (id: string) => projectView(ctx, ctx.world.projects.get(id), { detailed: false, tags: true });

export const projectHandlers = defineHandlers(projectOperations, {
  /** Projects the caller can see, by name; the id list is the sim's index, so a page costs O(page). */
  listProjects(ctx) {
    const ids = ctx.world.projects.visibleTo(ctx.principal);
    return ctx.list(ids, ids.length, listed(ctx));
  },

  listOrganizationProjects(ctx) {
    const name = ctx.query.name;
    const ids = ctx.world.projects.visibleTo(ctx.principal, { orgId: ctx.params.orgId, ...(name && { namePrefix: name }) });
    return ctx.list(ids, ids.length, listed(ctx));
  },

  /**
   * 201 with Atlas's `Location` quirk: the v1.0 API root behind a double slash (recorded
   * 46 times). The organization comes from the body: once it is known, the catalog's
   * declared requirement is applied to it.
   */
  createProject(ctx) {
    const body = ctx.body;
    const orgId = ctx.world.projects.orgForNewProject(body.orgId);
    ctx.authorize({ orgId });
    const project = ctx.world.projects.create(
      orgId,
      {
        name: body.name,
        regionUsageRestrictions: body.regionUsageRestrictions,
        withDefaultAlertsSettings: body.withDefaultAlertsSettings,
        tags: body.tags,
        projectOwnerId: ctx.query.projectOwnerId,
      },
      ctx.actor,
      ctx.principal,
    );
    return new Reply(201, projectView(ctx, project, { detailed: true, tags: body.tags !== undefined }), {
      Location: `${ctx.baseUrl}//api/atlas/v1.0`,
    });
  },

  getProject(ctx) {
    return projectView(ctx, ctx.world.projects.get(ctx.params.groupId), { detailed: true, tags: true });
  },

  /** Names are unique per organization: the caller's organization is searched, then its role on the project checked. */
  getProjectByName(ctx) {
    const project = ctx.world.projects.getByName(ctx.principal.orgId, ctx.params.groupName);
    ctx.authorize({ groupId: project.id, groupOrgId: project.orgId });
    return projectView(ctx, project, { detailed: true, tags: true });
  },

  updateProject(ctx) {
    const project = ctx.world.projects.update(ctx.params.groupId, { name: ctx.body.name, tags: ctx.body.tags }, ctx.actor);
    return projectView(ctx, project, { detailed: true, tags: true });
  },

  migrateProjectToAnotherOrg(ctx) {
    const b = ctx.body;
    const input = { destinationOrgId: b.destinationOrgId, publicKey: b.destinationOrgPublicApiKey, privateKey: b.destinationOrgPrivateApiKey };
    return projectView(ctx, ctx.world.projects.migrate(ctx.params.groupId, input, ctx.principal, ctx.actor), { detailed: true, tags: true });
  },

  deleteProject(ctx) {
    ctx.world.projects.delete(ctx.params.groupId, ctx.actor);
    return {};
  },
});
