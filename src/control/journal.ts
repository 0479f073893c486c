import { z } from 'zod';
import { AtlasError } from '../sim/errors.js';
import type { JournalEntry } from '../wire/journal.js';
import { Answer, CONTROL_PREFIX as P, type RouteGroup } from './route.js';

function timeParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const ms = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(ms)) throw new AtlasError('INVALID_QUERY_PARAMETER', [name]);
  return ms;
}

/** What happened: the request journal, the authentication audit log and lockouts. */
export const journalRoutes: RouteGroup = (sim) => [
  {
    method: 'GET',
    path: `${P}/requests`,
    summary:
      'The request journal, oldest first: each exchange with its request and response (headers and bodies, credentials redacted). Query: limit, after (seq), operationId, principal, status (200, or 4xx), method, since, until (ISO or epoch ms).',
    handle: ({ query }) => {
      let entries: readonly JournalEntry[] = sim.journal.list();
      const f = (k: string) => query.get(k);
      const after = f('after');
      if (after !== null) {
        if (!/^\d+$/.test(after)) throw new AtlasError('INVALID_QUERY_PARAMETER', ['after']);
        entries = entries.filter((e) => e.seq > Number(after));
      }
      if (f('operationId')) entries = entries.filter((e) => e.operationId === f('operationId'));
      if (f('principal')) entries = entries.filter((e) => e.principal === f('principal'));
      if (f('method')) entries = entries.filter((e) => e.method === f('method')!.toUpperCase());
      const status = f('status');
      if (status) {
        // A class such as 4xx matches every status of that hundred: what a person filtering by failure means.
        const m = /^([1-5])xx$/i.exec(status);
        if (!m && !/^\d{3}$/.test(status)) throw new AtlasError('INVALID_QUERY_PARAMETER', ['status']);
        entries = m ? entries.filter((e) => Math.floor(e.status / 100) === Number(m[1])) : entries.filter((e) => String(e.status) === status);
      }
      const since = timeParam(query, 'since');
      const until = timeParam(query, 'until');
      if (since !== undefined) entries = entries.filter((e) => Date.parse(e.time) >= since);
      if (until !== undefined) entries = entries.filter((e) => Date.parse(e.time) <= until);
      const limit = f('limit');
      if (limit !== null) {
        if (!/^\d+$/.test(limit)) throw new AtlasError('INVALID_QUERY_PARAMETER', ['limit']);
        entries = entries.slice(-Number(limit) || entries.length);
      }
      return { requests: entries };
    },
  },
  {
    method: 'DELETE',
    path: `${P}/requests`,
    summary: 'Empties the request journal.',
    status: 204,
    handle: () => sim.journal.clear(),
  },
  {
    method: 'GET',
    path: `${P}/audit`,
    summary: 'Failed authentications and lockouts. Query: since, until (ISO or epoch ms), principal, ip, format=jsonl.',
    handle: ({ query }) => {
      const filter: Parameters<typeof sim.auth.audit.list>[0] = {};
      const since = timeParam(query, 'since');
      const until = timeParam(query, 'until');
      if (since !== undefined) filter.sinceMs = since;
      if (until !== undefined) filter.untilMs = until;
      if (query.get('principal') !== null) filter.principal = query.get('principal')!;
      if (query.get('ip') !== null) filter.ip = query.get('ip')!;
      const entries = sim.auth.audit.list(filter).map(({ timeMs: _t, ...e }) => e);
      const format = query.get('format') ?? 'json';
      if (format === 'jsonl') return new Answer(200, entries.map((e) => JSON.stringify(e) + '\n').join(''), 'application/x-ndjson');
      if (format !== 'json') throw new AtlasError('INVALID_QUERY_PARAMETER', ['format']);
      return { entries };
    },
  },
  {
    method: 'DELETE',
    path: `${P}/audit`,
    summary: 'Empties the audit log.',
    status: 204,
    handle: () => sim.auth.audit.clear(),
  },
  {
    method: 'GET',
    path: `${P}/lockout`,
    summary: 'Temporary lockout after failed authentication: settings and the principals locked out now.',
    handle: () => ({
      ...sim.auth.lockouts.settings,
      lockedOut: sim.auth.lockouts.active().map((l) => ({ principal: l.principal, lockedUntil: new Date(l.lockedUntil).toISOString() })),
    }),
  },
  {
    method: 'PUT',
    path: `${P}/lockout`,
    summary: 'Changes lockout settings: {maxFailures? (0 disables), windowSeconds?, lockoutSeconds?}.',
    body: z.strictObject({
      maxFailures: z.number().int().nonnegative().max(1_000_000).optional(),
      windowSeconds: z.number().int().positive().max(86400 * 365).optional(),
      lockoutSeconds: z.number().int().nonnegative().max(86400 * 365).optional(),
    }),
    handle: ({ body }) => sim.auth.lockouts.configure(Object.fromEntries(Object.entries(body as object).filter(([, v]) => v !== undefined))),
  },
  {
    method: 'DELETE',
    path: `${P}/lockout`,
    summary: 'Lifts every lockout and forgets failure counts.',
    status: 204,
    handle: () => sim.auth.lockouts.clear(),
  },
];
