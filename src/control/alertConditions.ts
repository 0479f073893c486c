import { z } from 'zod';
import type { AlertCondition } from '../sim/alerts.js';
import { CONTROL_PREFIX as prefix, groupIdParam, type RouteGroup } from './route.js';

const ConditionInput = z.strictObject({
  eventTypeName: z.string().min(1).max(100),
  clusterName: z.string().max(64).optional(),
  hostnameAndPort: z.string().max(300).optional(),
  replicaSetName: z.string().max(300).optional(),
  typeName: z.enum(['STANDALONE', 'PRIMARY', 'SECONDARY', 'ARBITER', 'MONGOS', 'CONFIG']).optional(),
  metricName: z.string().max(100).optional(),
  currentValue: z.strictObject({ number: z.number().finite(), units: z.string().max(30) }).optional(),
  durationSeconds: z.number().finite().positive().optional(),
});

/**
 * Alert conditions (`/_mock/groups/{groupId}/alertConditions`): start a condition that
 * alert configurations watch (a host down, a metric over its threshold, no primary, ...)
 * so that a client's alert handling can be tested, and end it to close its alerts.
 */
export const alertConditionRoutes: RouteGroup = (sim) => {
  const view = (c: AlertCondition) => {
    const now = sim.clock.now();
    return {
      id: c.id,
      groupId: c.groupId,
      eventTypeName: c.eventTypeName,
      ...c.subject,
      started: new Date(c.started).toISOString(),
      endsAt: c.endsAt === undefined ? null : new Date(c.endsAt).toISOString(),
      active: c.endsAt === undefined || c.endsAt > now,
      alertIds: sim.world.alerts.listIn(c.groupId).filter((a) => a.conditionId === c.id).map((a) => a.id),
    };
  };
  const path = `${prefix}/groups/{groupId}/alertConditions`;
  return [
    {
      method: 'GET',
      path,
      summary: 'Alert conditions of a project, with the alerts each raised.',
      handle: ({ params }) => {
        const groupId = groupIdParam(params.groupId);
        sim.world.projects.get(groupId);
        return sim.world.alertConditions.listIn(groupId).map(view);
      },
    },
    {
      method: 'POST',
      path,
      summary:
        'Starts a condition alerts watch, raising the alerts of the enabled configurations it meets. Body: {eventTypeName, clusterName?, hostnameAndPort?, replicaSetName?, typeName?, metricName?, currentValue?: {number, units}, durationSeconds?}.',
      body: ConditionInput,
      status: 201,
      handle: ({ params, body }) => {
        const { eventTypeName, durationSeconds, ...subject } = body as z.infer<typeof ConditionInput>;
        const condition = sim.world.alertConditions.start(groupIdParam(params.groupId), { eventTypeName, subject, durationSeconds });
        return view(condition);
      },
    },
    {
      method: 'DELETE',
      path: `${path}/{conditionId}`,
      summary: 'Ends a condition now: its alerts close (or are cancelled while still tracking).',
      handle: ({ params }) => {
        const condition = sim.world.alertConditions.end(groupIdParam(params.groupId), params.conditionId ?? '');
        return view(condition);
      },
    },
  ];
};
