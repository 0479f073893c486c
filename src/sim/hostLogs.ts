import { gzipSync } from 'node:zlib';
import { HOST_LOG_NAMES } from '../../contracts/api/vocabulary.js';
import { accessLogLine, type AccessEntry } from './dbAccess.js';
import { AtlasError } from './errors.js';
import { MONGOD_PORT, MONGOS_PORT, type Process } from './processes.js';
import type { World } from './world.js';

/**
 * Host log downloads (`/clusters/{hostName}/logs/{logName}.gz`): a gzip file of the log
 * lines a process wrote in a window. mongod and mongos logs are structured JSON lines
 * (MongoDB 4.4+): the process's start, then every authentication it received (from the
 * database access history, failures and lockouts included, so the Government rule's
 * usernames and IP addresses are in the log too). Audit logs, when the project audits,
 * carry the same authentications as `authenticate` audit events.
 *
 * Window (the document): `startDate`/`endDate` in epoch seconds; an absent end is 24
 * hours after the start, or now when the start is absent too; an absent start is 24
 * hours before the end. Decision: a start after the end is 400 INVALID_DATE_RANGE.
 */
export type HostLogName = (typeof HOST_LOG_NAMES)[number];

const DAY_S = 86_400;

export interface HostLog {
  fileName: string;
  data: Buffer;
}

const date = (ms: number) => ({ $date: new Date(ms).toISOString().replace('Z', '+00:00') });

export function hostLog(world: World, groupId: string, hostName: string, logName: string, startDate: number | undefined, endDate: number | undefined): HostLog {
  const name = HOST_LOG_NAMES.find((n) => n === logName);
  if (!name) throw new AtlasError('INVALID_ENUM_VALUE', [logName]);
  const nowS = Math.floor(world.clock.now() / 1000);
  const end = endDate ?? (startDate !== undefined ? startDate + DAY_S : nowS);
  const start = startDate ?? end - DAY_S;
  if (start > end) throw new AtlasError('INVALID_DATE_RANGE', [String(start), String(end)]);
  const port = name.startsWith('mongos') ? MONGOS_PORT : MONGOD_PORT;
  const hosts = world.processes.byHostname(groupId, hostName);
  if (hosts.length === 0) throw new AtlasError('HOST_NOT_FOUND', [hostName, groupId]);
  const process = hosts.find((p) => p.port === port);
  // A replica set member runs no mongos: the host has no such log.
  if (!process) throw new AtlasError('HOST_NOT_FOUND', [`${hostName}:${port}`, groupId]);
  const from = start * 1000;
  const to = end * 1000;
  const entries = world.dbAccessHistory.forProcesses([process], from, to);
  // Audit logs exist only where database auditing is on (the document: "To return audit
  // logs, enable Database Auditing"). Decision: auditing off gives an empty file, not an
  // error, and the current setting applies to the whole window (its history is not kept).
  const audit = name.endsWith('audit-log');
  const lines = audit ? (world.projectSecurity.of(groupId).audit.enabled ? entries.map((e) => auditLine(process, e)) : []) : processLines(process, entries, from, to);
  return { fileName: `${name}.gz`, data: gzipSync(lines.map((l) => `${l}\n`).join('')) };
}

function processLines(p: Process, entries: readonly AccessEntry[], from: number, to: number): string[] {
  const out: string[] = [];
  if (p.created >= from && p.created <= to) {
    const t = date(p.created);
    out.push(JSON.stringify({ t, s: 'I', c: 'CONTROL', id: 20698, ctx: '-', msg: '***** SERVER RESTARTED *****' }));
    out.push(
      JSON.stringify({
        t,
        s: 'I',
        c: 'CONTROL',
        id: 4615611,
        ctx: 'initandlisten',
        msg: 'MongoDB starting',
        attr: { pid: 1000 + (p.port % 1000), port: p.port, dbPath: '/srv/mongodb/data', architecture: '64-bit', host: p.hostname },
      }),
    );
    out.push(JSON.stringify({ t, s: 'I', c: 'NETWORK', id: 23016, ctx: 'listener', msg: 'Waiting for connections', attr: { port: p.port, ssl: 'on' } }));
  }
  for (const e of entries) out.push(accessLogLine(e));
  return out;
}

/** A MongoDB audit event (JSON format) for an authentication. */
function auditLine(p: Process, e: AccessEntry): string {
  return JSON.stringify({
    atype: 'authenticate',
    ts: date(e.timestamp),
    local: { ip: p.hostname, port: p.port },
    remote: { ip: e.ipAddress, port: 50_000 + (e.connection % 15_000) },
    users: e.authResult ? [{ user: e.username, db: e.authSource }] : [],
    roles: [],
    param: { user: e.username, db: e.authSource, mechanism: e.mechanism },
    result: e.authResult ? 0 : (e.errorCode ?? 18),
  });
}
