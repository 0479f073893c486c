import { z } from 'zod';
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

/**
 * The activity feed behind `GET /orgs/{orgId}/events` and `GET /groups/{groupId}/events`.
 * Domain modules call `record` when Atlas would emit an event of that type.
 */
export class Events extends Table<AtlasEvent> {
  constructor(private readonly world: World) {
    super('events', EventRecord, (e) => e.id, (e) => ({ orgId: e.orgId, groupId: e.groupId }));
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
    return this.insert(event);
  }

  /** Newest first, as Atlas lists events. */
  list(filter: (e: AtlasEvent) => boolean): AtlasEvent[] {
    const out: AtlasEvent[] = [];
    for (const e of this.rows.values()) if (filter(e)) out.push(e);
    return out.reverse();
  }
}
