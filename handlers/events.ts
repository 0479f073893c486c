import { isoSeconds } from '../src/sim/clock.js';
import type { AtlasEvent, EventFilter } from '../src/sim/events.js';
import type { Handler, HandlerTable, RequestContext } from '../src/wire/context.js';

/**
 * One event as the feeds show it: the common keys and the type's own fields, sorted
 * alphabetically as recorded. Events of the organization feed without a project link to
 * `/groups/null/events/{id}` (a recorded quirk). Events caused by a service account show
 * only `remoteAddress` of the caller (decision: the document has no field for a
 * service-account actor; `apiKeyId`/`publicKey` are for API keys, `userId`/`username`
 * for console users). For the same reason the SERVICE_ACCOUNT_* events name no target
 * account: the document lists no such field, unlike `targetPublicKey` of API key events.
 * `includeRaw` is accepted and echoed in links, but no `raw` document is rendered
 * (decision: its contents are Atlas-internal and unrecorded).
 */
function eventView(ctx: RequestContext, e: AtlasEvent, feed: 'org' | 'group') {
  const view: Record<string, unknown> = {
    ...e.fields,
    apiKeyId: e.apiKeyId,
    created: isoSeconds(e.created),
    eventTypeName: e.eventTypeName,
    groupId: e.groupId,
    id: e.id,
    isGlobalAdmin: false,
    links: ctx.selfLink(`/groups/${e.groupId ?? 'null'}/events/${e.id}`),
    orgId: feed === 'org' ? e.orgId : undefined,
    publicKey: e.publicKey,
    remoteAddress: e.remoteAddress,
  };
  return Object.fromEntries(Object.keys(view).sort().map((k) => [k, view[k]]));
}

const multi = (v: unknown): string[] | undefined => (Array.isArray(v) ? (v as string[]) : undefined);

function filterOf(ctx: RequestContext): EventFilter {
  const q = ctx.query;
  const f: EventFilter = {};
  const types = multi(q.eventType);
  const excluded = multi(q.excludedEventType);
  const clusters = multi(q.clusterNames);
  if (types) f.eventTypes = types;
  if (excluded) f.excludedEventTypes = excluded;
  if (clusters) f.clusterNames = clusters;
  if (typeof q.minDate === 'string') f.minDate = q.minDate;
  if (typeof q.maxDate === 'string') f.maxDate = q.maxDate;
  return f;
}

const listOrganizationEvents: Handler = (ctx) => {
  const events = ctx.world.events.listForOrg(ctx.params.orgId!, filterOf(ctx));
  return ctx.list(events, events.length, (e) => eventView(ctx, e, 'org'));
};

const getOrganizationEvent: Handler = (ctx) => eventView(ctx, ctx.world.events.getForOrg(ctx.params.orgId!, ctx.params.eventId!), 'org');

const listProjectEvents: Handler = (ctx) => {
  const events = ctx.world.events.listForProject(ctx.params.groupId!, filterOf(ctx));
  return ctx.list(events, events.length, (e) => eventView(ctx, e, 'group'));
};

const getProjectEvent: Handler = (ctx) => eventView(ctx, ctx.world.events.getForProject(ctx.params.groupId!, ctx.params.eventId!), 'group');

export const eventHandlers = { listOrganizationEvents, getOrganizationEvent, listProjectEvents, getProjectEvent } satisfies HandlerTable;
