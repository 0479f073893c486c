import { isoSeconds } from '../src/sim/clock.js';
import type { AtlasEvent, EventFilter } from '../src/sim/events.js';
import { eventOperations } from '../contracts/api/operations/events.js';
import { defineHandlers, type HandlerContext } from '../src/wire/context.js';
import { alphabetical } from '../src/wire/json.js';
import { EVENT_TYPES } from '../src/sim/eventTypes.js';

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
function eventView(ctx: HandlerContext, e: AtlasEvent, feed: 'org' | 'group') {
  return alphabetical({
    ...e.fields,
    apiKeyId: e.apiKeyId,
    created: isoSeconds(e.created),
    eventTypeName: e.eventTypeName,
    groupId: e.groupId,
    id: e.id,
    isGlobalAdmin: false as const,
    links: ctx.selfLink(`/groups/${e.groupId ?? 'null'}/events/${e.id}`),
    orgId: feed === 'org' ? e.orgId : undefined,
    publicKey: e.publicKey,
    remoteAddress: e.remoteAddress,
  });
}

/** The feed filters a query may carry (the organization feed has no cluster or exclusion filter). */
interface FeedQuery {
  readonly eventType?: string[];
  readonly excludedEventType?: string[];
  readonly clusterNames?: string[];
  readonly minDate?: string;
  readonly maxDate?: string;
}

function filterOf(q: FeedQuery): EventFilter {
  const f: EventFilter = {};
  if (q.eventType) f.eventTypes = q.eventType;
  if (q.excludedEventType) f.excludedEventTypes = q.excludedEventType;
  if (q.clusterNames) f.clusterNames = q.clusterNames;
  if (q.minDate !== undefined) f.minDate = q.minDate;
  if (q.maxDate !== undefined) f.maxDate = q.maxDate;
  return f;
}

export const eventHandlers = defineHandlers(eventOperations, {
  listOrganizationEvents(ctx) {
    const events = ctx.world.events.listForOrg(ctx.params.orgId, filterOf(ctx.query));
    return ctx.list(events, events.length, (e) => eventView(ctx, e, 'org'));
  },

  getOrganizationEvent(ctx) {
    return eventView(ctx, ctx.world.events.getForOrg(ctx.params.orgId, ctx.params.eventId), 'org');
  },

  listProjectEvents(ctx) {
    const events = ctx.world.events.listForProject(ctx.params.groupId, filterOf(ctx.query));
    return ctx.list(events, events.length, (e) => eventView(ctx, e, 'group'));
  },

  listEventTypes(ctx) {
    const types = Object.entries(EVENT_TYPES);
    return ctx.list(types, types.length, ([eventType, description]) => ({ alertable: true, description, eventType }));
  },

  getProjectEvent(ctx) {
    return eventView(ctx, ctx.world.events.getForProject(ctx.params.groupId, ctx.params.eventId), 'group');
  },
});
