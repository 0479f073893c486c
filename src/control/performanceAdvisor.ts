import { z } from 'zod';
import type { SlowQuery, SlowQueryInput } from '../sim/performanceAdvisor.js';
import { CONTROL_PREFIX as P, groupIdParam, outOfRange, type RouteGroup } from './route.js';

const Document = z.record(z.string(), z.unknown());
const Count = z.number().int().nonnegative();

/** One slow operation, as a test states it. */
const SlowQueryBody = z.strictObject({
  namespace: z.string(),
  opType: z.enum(['query', 'getmore', 'update', 'remove', 'insert', 'command', 'aggregate', 'count', 'distinct', 'findAndModify']).optional(),
  filter: Document.optional(),
  sort: Document.optional(),
  pipeline: z.array(Document).optional(),
  millis: Count,
  processId: z.string().optional(),
  at: z.union([z.string(), z.number()]).optional(),
  docsExamined: Count.optional(),
  docsReturned: Count.optional(),
  keysExamined: Count.optional(),
  responseLength: Count.optional(),
  numYields: Count.optional(),
});
type SlowQueryBody = z.infer<typeof SlowQueryBody>;

const PATH = `${P}/groups/{groupId}/clusters/{clusterName}/slowQueries`;

function view(q: SlowQuery) {
  return {
    id: q.id,
    processId: q.processId,
    replicaState: q.replicaState,
    namespace: q.namespace,
    opType: q.opType,
    filter: q.filter,
    ...(q.sort && { sort: q.sort }),
    ...(q.pipeline && { pipeline: q.pipeline }),
    millis: q.millis,
    at: new Date(q.ts).toISOString(),
    docsExamined: q.docsExamined,
    docsReturned: q.docsReturned,
    keysExamined: q.keysExamined,
    indexUsed: q.indexUsed ?? null,
  };
}

/**
 * Slow operations of a cluster, which drive every Performance Advisor answer: a simulated
 * cluster runs no queries, so a test says which operations were slow, and the advisor's
 * suggested indexes, drop suggestions, schema advice and slow query logs follow from them.
 */
export const performanceAdvisorRoutes: RouteGroup = (sim) => [
  {
    method: 'POST',
    path: PATH,
    summary:
      'Records slow operations of a cluster for the Performance Advisor. Body: {queries: [{namespace "db.coll", millis, filter?, sort?, pipeline?, opType?, processId?, at?, docsExamined?, docsReturned?, keysExamined?, responseLength?, numYields?}]}. Answers the recorded operations with the process that logged each and the index it used.',
    body: z.strictObject({ queries: z.array(SlowQueryBody).min(1) }),
    status: 201,
    handle: ({ params, body }) => {
      const groupId = groupIdParam(params.groupId);
      const { queries } = body as { queries: SlowQueryBody[] };
      const inputs: SlowQueryInput[] = queries.map((q, i) => {
        const at = q.at === undefined ? undefined : typeof q.at === 'number' ? q.at : Date.parse(q.at);
        if (at !== undefined && !Number.isFinite(at)) throw outOfRange(`queries[${i}].at`, 'expected an ISO-8601 instant or epoch milliseconds');
        return { ...q, at };
      });
      return sim.world.atomically(() => ({ slowQueries: sim.world.slowQueries.record(groupId, params.clusterName!, inputs).map(view) }));
    },
  },
  {
    method: 'GET',
    path: PATH,
    summary: 'The slow operations recorded for a cluster, oldest first, whatever the threshold.',
    handle: ({ params }) => {
      const groupId = groupIdParam(params.groupId);
      const c = sim.world.clusters.get(groupId, params.clusterName!);
      return { slowQueries: sim.world.slowQueries.listIn(groupId).filter((q) => q.clusterName === c.name && q.clusterId === c.id).map(view) };
    },
  },
  {
    method: 'DELETE',
    path: PATH,
    summary: "Forgets a cluster's slow operations. Answers {removed}.",
    handle: ({ params }) => {
      const groupId = groupIdParam(params.groupId);
      sim.world.clusters.get(groupId, params.clusterName!);
      return sim.world.atomically(() => ({ removed: sim.world.slowQueries.forget(groupId, params.clusterName!) }));
    },
  },
];
