import { z } from 'zod';
import { AtlasError } from './errors.js';
import { Table } from './table.js';
import type { Actor, World } from './world.js';

export const EventRecord = z.object({
  id: z.string(),
  created: z.number(),
  eventTypeName: z.string(),
  orgId: z.string().optional(),
  groupId: z.string().optional(),
  /** Who caused it: `apiKeyId`/`publicKey` for API keys, `remoteAddress` always when known. */
  apiKeyId: z.string().optional(),
  publicKey: z.string().optional(),
  serviceAccountClientId: z.string().optional(),
  remoteAddress: z.string().optional(),
  /** Type-specific fields as Atlas names them (`targetPublicKey`, `clusterName`, ...). */
  fields: z.record(z.string(), z.unknown()),
});
export type AtlasEvent = z.infer<typeof EventRecord>;

/** Filters of the events feeds (query parameters of listOrganizationEvents / listProjectEvents). */
export interface EventFilter {
  eventTypes?: readonly string[];
  excludedEventTypes?: readonly string[];
  clusterNames?: readonly string[];
  /** ISO-8601 date-times as the client sent them. */
  minDate?: string;
  maxDate?: string;
}

/** Event type names are upper-case identifiers (EventTypeForOrg / EventTypeForNdsGroup). */
const EVENT_TYPE = /^[A-Z][A-Z0-9_]*$/;
/** ISO-8601 date or date-time, as the `minDate`/`maxDate` parameters take. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function parseDate(value: string): number {
  const ms = ISO_DATE.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw new AtlasError('INVALID_DATE_FORMAT', [value]);
  return ms;
}

/**
 * The activity feed behind `GET /orgs/{orgId}/events` and `GET /groups/{groupId}/events`.
 * Domain modules call `record` when Atlas would emit an event of that type. An event
 * recorded with `orgId` is in the organization feed; one with `groupId` is in that
 * project's feed (project-level events such as API_KEY_ADDED_TO_GROUP carry no `orgId`
 * and are only there, as recorded).
 */
export class Events extends Table<AtlasEvent> {
  /** Ids per organization and per project, oldest first: feeds never scan other tenants. */
  readonly #byOrg = new Map<string, Set<string>>();
  readonly #byGroup = new Map<string, Set<string>>();
  /** Events kept at most, all organizations together; the oldest are dropped first. */
  limit = 10_000;

  constructor(private readonly world: World) {
    super('events', EventRecord, (e) => e.id, (e) => ({ orgId: e.orgId, groupId: e.groupId }));
  }

  protected override onInsert(e: AtlasEvent): void {
    if (e.orgId !== undefined) add(this.#byOrg, e.orgId, e.id);
    if (e.groupId !== undefined) add(this.#byGroup, e.groupId, e.id);
  }

  protected override onRemove(e: AtlasEvent): void {
    if (e.orgId !== undefined) drop(this.#byOrg, e.orgId, e.id);
    if (e.groupId !== undefined) drop(this.#byGroup, e.groupId, e.id);
  }

  record(
    eventTypeName: string,
    scope: { orgId?: string; groupId?: string },
    actor: Actor,
    fields: Record<string, unknown> = {},
  ): AtlasEvent {
    const event: AtlasEvent = {
      id: this.world.ids.next(),
      created: this.world.clock.now(),
      eventTypeName,
      ...(scope.orgId !== undefined && { orgId: scope.orgId }),
      ...(scope.groupId !== undefined && { groupId: scope.groupId }),
      ...(actor.kind === 'API_KEY' && { apiKeyId: actor.id, ...(actor.publicKey && { publicKey: actor.publicKey }) }),
      ...(actor.kind === 'SERVICE_ACCOUNT' && { serviceAccountClientId: actor.id }),
      ...(actor.remoteAddress !== undefined && { remoteAddress: actor.remoteAddress }),
      fields,
    };
    // Rows are in time order: the oldest are at the head.
    for (const old of this.rows.keys()) {
      if (this.rows.size < this.limit) break;
      this.remove(old);
    }
    this.insert(event);
    this.world.alerts.onEvent(event);
    return event;
  }

  /** Every event that passes `filter`, newest first (for code that inspects the world directly). */
  list(filter: (e: AtlasEvent) => boolean): AtlasEvent[] {
    const out: AtlasEvent[] = [];
    for (const e of this.rows.values()) if (filter(e)) out.push(e);
    return out.reverse();
  }

  /** The organization feed, newest first. Unknown organizations are 404 ORG_NOT_FOUND. */
  listForOrg(orgId: string, filter: EventFilter = {}): AtlasEvent[] {
    this.world.orgs.get(orgId);
    return this.#feed(this.#byOrg.get(orgId), filter);
  }

  /** A project's feed, newest first. */
  listForProject(groupId: string, filter: EventFilter = {}): AtlasEvent[] {
    this.world.projects.get(groupId);
    return this.#feed(this.#byGroup.get(groupId), filter);
  }

  /**
   * One event of the organization feed. Decision: a malformed id is answered like an
   * unknown one (404 ORG_EVENT_NOT_FOUND); Atlas's table has no INVALID_EVENT_ID.
   */
  getForOrg(orgId: string, eventId: string): AtlasEvent {
    this.world.orgs.get(orgId);
    const e = this.#byOrg.get(orgId)?.has(eventId) ? this.rows.get(eventId) : undefined;
    if (!e) throw new AtlasError('ORG_EVENT_NOT_FOUND', [eventId, orgId]);
    return e;
  }

  /** One event of a project's feed, or 404 EVENT_NOT_FOUND. */
  getForProject(groupId: string, eventId: string): AtlasEvent {
    this.world.projects.get(groupId);
    const e = this.#byGroup.get(groupId)?.has(eventId) ? this.rows.get(eventId) : undefined;
    if (!e) throw new AtlasError('EVENT_NOT_FOUND', [eventId, groupId]);
    return e;
  }

  /**
   * Applies the feed filters. Bad values are refused before anything is read: an event
   * type that is not an identifier is 400 INVALID_ENUM_VALUE (decision: any well-formed
   * name is accepted and simply matches nothing if unknown, since the simulator does not
   * carry Atlas's full list of several hundred types), a date that is not ISO-8601 is
   * 400 INVALID_DATE_FORMAT, and `maxDate` before `minDate` is 400 INVALID_DATE_RANGE.
   */
  #feed(ids: ReadonlySet<string> | undefined, f: EventFilter): AtlasEvent[] {
    for (const t of [...(f.eventTypes ?? []), ...(f.excludedEventTypes ?? [])]) if (!EVENT_TYPE.test(t)) throw new AtlasError('INVALID_ENUM_VALUE', [t]);
    const min = f.minDate === undefined ? undefined : parseDate(f.minDate);
    const max = f.maxDate === undefined ? undefined : parseDate(f.maxDate);
    if (min !== undefined && max !== undefined && max < min) throw new AtlasError('INVALID_DATE_RANGE', [f.minDate, f.maxDate]);
    const types = f.eventTypes?.length ? new Set(f.eventTypes) : undefined;
    const excluded = new Set(f.excludedEventTypes ?? []);
    const clusters = f.clusterNames?.length ? new Set(f.clusterNames) : undefined;
    const out: AtlasEvent[] = [];
    for (const id of ids ?? []) {
      const e = this.rows.get(id)!;
      if (types && !types.has(e.eventTypeName)) continue;
      if (excluded.has(e.eventTypeName)) continue;
      if (clusters && !clusters.has(String(e.fields.clusterName))) continue;
      if (min !== undefined && e.created < min) continue;
      if (max !== undefined && e.created > max) continue;
      out.push(e);
    }
    return out.reverse();
  }
}

/** Removes an id, and its key once empty: projects come and go, their index entries with them. */
function drop(index: Map<string, Set<string>>, key: string, id: string): void {
  const ids = index.get(key);
  if (!ids) return;
  ids.delete(id);
  if (ids.size === 0) index.delete(key);
}

function add(index: Map<string, Set<string>>, key: string, id: string): void {
  let ids = index.get(key);
  if (!ids) index.set(key, (ids = new Set()));
  ids.add(id);
}
