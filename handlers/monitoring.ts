import { monitoringOperations } from '../contracts/api/operations/monitoring.js';
import { isoSeconds } from '../src/sim/clock.js';
import { accessLogLine, type AccessEntry } from '../src/sim/dbAccess.js';
import { hostLog } from '../src/sim/hostLogs.js';
import type { Series } from '../src/sim/measurements.js';
import type { Measurements, Process } from '../src/sim/processes.js';
import { defineHandlers, Download, type HandlerContext } from '../src/wire/context.js';
import { alphabetical } from '../src/wire/json.js';

/** Views of processes, their disks, databases and measurements, and of the access history (keys alphabetical, as recorded). */
const processPath = (p: Process): string => `/groups/${p.groupId}/processes/${p.id}`;

function processView(ctx: HandlerContext, p: Process) {
  return alphabetical({
    created: isoSeconds(p.created),
    groupId: p.groupId,
    hostname: p.hostname,
    id: p.id,
    // The agent pings every few seconds: the last ping is "now" on the simulation clock.
    lastPing: isoSeconds(ctx.world.clock.now()),
    links: ctx.selfLink(processPath(p)),
    port: p.port,
    replicaSetName: p.replicaSetName,
    shardName: p.shardName,
    typeName: p.typeName,
    userAlias: p.userAlias,
    version: p.version,
  });
}

function seriesView(s: Series) {
  return { dataPoints: s.dataPoints.map((d) => ({ timestamp: isoSeconds(d.timestamp), value: d.value })), name: s.name, units: s.units };
}

/** The window part every measurements answer shares. */
function windowView(ctx: HandlerContext, m: Measurements, path: string) {
  return {
    end: isoSeconds(m.window.end),
    granularity: m.window.granularity,
    groupId: m.process.groupId,
    links: ctx.selfLink(path),
    processId: m.process.id,
    start: isoSeconds(m.window.start),
  };
}

function measurementsView(ctx: HandlerContext, m: Measurements, path: string, extra: { databaseName?: string; partitionName?: string } = {}) {
  return alphabetical({ ...windowView(ctx, m, path), ...extra, hostId: m.process.id, measurements: m.series.map(seriesView) });
}

function indexMeasurementsView(ctx: HandlerContext, m: Measurements & { indexIds: string[] }, databaseName: string, collectionName: string, rest: string) {
  const path = `/groups/${m.process.groupId}/hosts/${m.process.id}/fts/metrics/indexes/${databaseName}/${collectionName}/${rest}`;
  return alphabetical({ ...windowView(ctx, m, path), collectionName, databaseName, indexIds: m.indexIds, indexStatsMeasurements: m.series.map(seriesView) });
}

function accessView(e: AccessEntry) {
  return alphabetical({
    authResult: e.authResult,
    authSource: e.authSource,
    failureReason: e.failureReason,
    groupId: e.groupId,
    hostname: e.hostname,
    ipAddress: e.ipAddress,
    logLine: accessLogLine(e),
    timestamp: new Date(e.timestamp).toISOString(),
    username: e.username,
  });
}

export const monitoringHandlers = defineHandlers(monitoringOperations, {
  listAtlasProcesses(ctx) {
    const all = ctx.world.processes.listIn(ctx.params.groupId);
    return ctx.list(all, all.length, (p) => processView(ctx, p));
  },

  getAtlasProcess(ctx) {
    return processView(ctx, ctx.world.processes.get(ctx.params.groupId, ctx.params.processId));
  },

  getHostMeasurements(ctx) {
    const { groupId, processId } = ctx.params;
    const m = ctx.world.processes.hostMeasurements(groupId, processId, ctx.query);
    return measurementsView(ctx, m, `${processPath(m.process)}/measurements`);
  },

  listDiskPartitions(ctx) {
    const p = ctx.world.processes.get(ctx.params.groupId, ctx.params.processId);
    const parts = ctx.world.processes.partitionsOf(p);
    return ctx.list(parts, parts.length, (partitionName) => ({ links: ctx.selfLink(`${processPath(p)}/disks/${partitionName}`), partitionName }));
  },

  listDiskMeasurements(ctx) {
    const p = ctx.world.processes.get(ctx.params.groupId, ctx.params.processId);
    const partitionName = ctx.world.processes.partition(p, ctx.params.partitionName);
    return { links: ctx.selfLink(`${processPath(p)}/disks/${partitionName}`), partitionName };
  },

  getDiskMeasurements(ctx) {
    const { groupId, processId, partitionName } = ctx.params;
    const m = ctx.world.processes.diskMeasurements(groupId, processId, partitionName, ctx.query);
    return measurementsView(ctx, m, `${processPath(m.process)}/disks/${partitionName}/measurements`, { partitionName });
  },

  listDatabases(ctx) {
    const p = ctx.world.processes.get(ctx.params.groupId, ctx.params.processId);
    const names = ctx.world.processes.databasesOf(p);
    return ctx.list(names, names.length, (databaseName) => ({ databaseName, links: ctx.selfLink(`${processPath(p)}/databases/${databaseName}`) }));
  },

  getDatabase(ctx) {
    const p = ctx.world.processes.get(ctx.params.groupId, ctx.params.processId);
    const databaseName = ctx.world.processes.database(p, ctx.params.databaseName);
    return { databaseName, links: ctx.selfLink(`${processPath(p)}/databases/${databaseName}`) };
  },

  getDatabaseMeasurements(ctx) {
    const { groupId, processId, databaseName } = ctx.params;
    const m = ctx.world.processes.databaseMeasurements(groupId, processId, databaseName, ctx.query);
    return measurementsView(ctx, m, `${processPath(m.process)}/databases/${databaseName}/measurements`, { databaseName });
  },

  listMetricTypes(ctx) {
    const t = ctx.world.processes.searchMetricTypes(ctx.params.groupId, ctx.params.processId);
    return {
      groupId: t.process.groupId,
      hardwareMetrics: t.hardware,
      indexMetrics: t.index,
      links: ctx.selfLink(`/groups/${t.process.groupId}/hosts/${t.process.id}/fts/metrics`),
      processId: t.process.id,
      statusMetrics: t.status,
    };
  },

  getMeasurements(ctx) {
    const m = ctx.world.processes.searchMeasurements(ctx.params.groupId, ctx.params.processId, ctx.query);
    return alphabetical({
      ...windowView(ctx, m, `/groups/${m.process.groupId}/hosts/${m.process.id}/fts/metrics/measurements`),
      hardwareMeasurements: m.series.map(seriesView),
      statusMeasurements: m.status.map(seriesView),
    });
  },

  listIndexMetrics(ctx) {
    const { groupId, processId, databaseName, collectionName } = ctx.params;
    const m = ctx.world.processes.searchIndexMeasurements(groupId, processId, databaseName, collectionName, undefined, ctx.query);
    return indexMeasurementsView(ctx, m, databaseName, collectionName, 'measurements');
  },

  getIndexMetrics(ctx) {
    const { groupId, processId, databaseName, collectionName, indexName } = ctx.params;
    const m = ctx.world.processes.searchIndexMeasurements(groupId, processId, databaseName, collectionName, indexName, ctx.query);
    return indexMeasurementsView(ctx, m, databaseName, collectionName, `${indexName}/measurements`);
  },

  getHostLogs(ctx) {
    const { groupId, hostName, logName } = ctx.params;
    const log = hostLog(ctx.world, groupId, hostName, logName, ctx.query.startDate, ctx.query.endDate);
    return new Download(log.fileName, log.data);
  },

  listAccessLogsByClusterName(ctx) {
    const entries = ctx.world.dbAccessHistory.listForCluster(ctx.params.groupId, ctx.params.clusterName, ctx.query);
    return { accessLogs: entries.map(accessView) };
  },

  listAccessLogsByHostname(ctx) {
    const entries = ctx.world.dbAccessHistory.listForHost(ctx.params.groupId, ctx.params.hostname, ctx.query);
    return { accessLogs: entries.map(accessView) };
  },
});
