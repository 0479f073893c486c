import { performanceAdvisorOperations } from '../contracts/api/operations/performanceAdvisor.js';
import { isoSeconds } from '../src/sim/clock.js';
import { slowQueryLogLine, type Advice, type DropSuggestion, type SlowQuery, type Window } from '../src/sim/performanceAdvisor.js';
import type { IndexKey } from '../src/sim/rollingIndexes.js';
import { defineHandlers } from '../src/wire/context.js';

/** `{"field": 1}` per key, as the advisor writes an index. */
const keysView = (keys: readonly IndexKey[]) => keys.map(([f, d]) => ({ [f]: d === -1 ? (-1 as const) : (1 as const) }));

/** `since` and `duration` (ms) as a window. */
const windowOf = (q: { since?: number | undefined; duration?: number | undefined; namespaces?: string[] | undefined }): Window => ({
  since: q.since,
  until: q.since !== undefined && q.duration !== undefined ? q.since + q.duration : undefined,
  namespaces: q.namespaces,
});

function adviceView(a: Advice) {
  return {
    shapes: a.shapes.map((s) => ({
      avgMs: Math.round(s.queries.reduce((n, q) => n + q.millis, 0) / Math.max(1, s.queries.length)),
      count: s.queries.length,
      id: s.id,
      inefficiencyScore: Math.round(s.queries.reduce((n, q) => n + q.docsExamined / Math.max(1, q.docsReturned), 0) / Math.max(1, s.queries.length)),
      namespace: s.namespace,
      operations: s.queries.map((q) => ({ predicates: [q.filter], stats: { ms: q.millis, nReturned: q.docsReturned, nScanned: q.docsExamined, ts: q.ts } })),
    })),
    suggestedIndexes: a.suggestedIndexes.map((s) => ({ avgObjSize: s.avgObjSize, id: s.id, impact: s.impact, index: keysView(s.index), namespace: s.namespace, weight: s.weight })),
  };
}

function dropView(s: DropSuggestion) {
  return {
    accessCount: s.accessCount,
    index: keysView(s.index.keys),
    name: s.index.name,
    namespace: `${s.index.db}.${s.index.collection}`,
    shards: s.shards,
    since: isoSeconds(s.index.created),
  };
}

/** Reads, writes and commands, as the log's operation type is classed. */
const opClass = (q: SlowQuery): string =>
  q.opType === 'command' ? 'command' : ['update', 'remove', 'insert', 'findAndModify'].includes(q.opType) ? 'write' : 'read';

const ratio = (a: number, b: number): number => (b === 0 ? a : Math.round((a / b) * 100) / 100);

export const performanceAdvisorHandlers = defineHandlers(performanceAdvisorOperations, {
  listSlowQueryNamespaces(ctx) {
    const namespaces = ctx.world.slowQueries.namespacesOf(ctx.params.groupId, ctx.params.processId, windowOf(ctx.query));
    return { namespaces: namespaces.map((namespace) => ({ namespace, type: 'collection' as const })) };
  },

  listSlowQueries(ctx) {
    const { includeMetrics, includeOpType, includeReplicaState, nLogs } = ctx.query;
    const { queries } = ctx.world.slowQueries.ofProcess(ctx.params.groupId, ctx.params.processId, { ...windowOf(ctx.query), nLogs });
    return {
      slowQueries: queries.map((q) => ({
        line: slowQueryLogLine(q, new Date(q.ts).toISOString()),
        ...(includeMetrics && {
          metrics: {
            docsExamined: q.docsExamined,
            docsExaminedReturnedRatio: ratio(q.docsExamined, q.docsReturned),
            docsReturned: q.docsReturned,
            fromUserConnection: true,
            hasIndexCoverage: q.indexUsed !== undefined,
            hasSort: q.sort !== undefined,
            keysExamined: q.keysExamined,
            keysExaminedReturnedRatio: ratio(q.keysExamined, q.docsReturned),
            numYields: q.numYields,
            operationExecutionTime: q.millis,
            responseLength: q.responseLength,
          },
        }),
        namespace: q.namespace,
        ...(includeOpType && { opType: opClass(q) }),
        ...(includeReplicaState && { replicaState: q.replicaState }),
      })),
    };
  },

  listSuggestedIndexes(ctx) {
    const { groupId, processId } = ctx.params;
    const { ref } = ctx.world.slowQueries.ofProcess(groupId, processId, {});
    const w = { ...windowOf(ctx.query), processIds: [`${ref.process.hostname}:${ref.process.port}`] };
    return adviceView(ctx.world.slowQueries.advise(ref.cluster, w, { nIndexes: ctx.query.nIndexes, nExamples: ctx.query.nExamples }));
  },

  listClusterSuggestedIndexes(ctx) {
    const c = ctx.world.clusters.get(ctx.params.groupId, ctx.params.clusterName);
    const { since, until, namespaces, processIds } = ctx.query;
    return { content: adviceView(ctx.world.slowQueries.advise(c, { since, until, namespaces, processIds })) };
  },

  listDropIndexes(ctx) {
    const c = ctx.world.clusters.get(ctx.params.groupId, ctx.params.clusterName);
    const d = ctx.world.slowQueries.dropSuggestions(c);
    return { content: { hiddenIndexes: d.hiddenIndexes.map(dropView), redundantIndexes: d.redundantIndexes.map(dropView), unusedIndexes: d.unusedIndexes.map(dropView) } };
  },

  listSchemaAdvice(ctx) {
    const c = ctx.world.clusters.get(ctx.params.groupId, ctx.params.clusterName);
    return { content: { recommendations: ctx.world.slowQueries.schemaAdvice(c) } };
  },

  getManagedSlowMs(ctx) {
    return ctx.world.managedSlowMs.enabled(ctx.params.groupId);
  },

  enableSlowOperationThresholding(ctx) {
    ctx.world.managedSlowMs.set(ctx.params.groupId, true);
    return undefined;
  },

  disableSlowOperationThresholding(ctx) {
    ctx.world.managedSlowMs.set(ctx.params.groupId, false);
    return undefined;
  },
});
