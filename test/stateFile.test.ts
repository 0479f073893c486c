import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../src/simulation.js';
import { body20240805 } from './support/clusters.js';
import { startAtlas, type ApiResponse } from './support/harness.js';

/**
 * What a state file holds after a run is exactly what the simulator had in memory: a
 * mixed run over every kind of record (projects, clusters through their lifecycle,
 * database users, access lists, keys, service accounts, tokens, events, settings),
 * then a fresh simulation from the file. Run with the default compaction and with one
 * that folds the log into a snapshot every few writes.
 */
const quiet = { error() {}, warn() {}, info() {}, debug() {} };

const ok = (res: ApiResponse): ApiResponse => {
  expect(res.status, res.text).toBeLessThan(300);
  return res;
};

describe('the state file after a mixed run', () => {
  for (const compactBytes of [undefined, 4096]) {
    it(`equals memory after a restart (compaction at ${compactBytes ?? 'the default'})`, { timeout: 60_000 }, async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'atlas-gov-mock-durable-')), 'state.json');
      const atlas = await startAtlas({ stateFile: file, ...(compactBytes && { compactBytes }) });
      const org = atlas.tenant.orgId;
      try {
        const g = ok(await atlas.call('POST', '/groups', { body: { name: 'durable', orgId: org } })).json.id as string;
        ok(await atlas.call('PATCH', `/groups/${g}`, { body: { name: 'durable-renamed' } }));
        ok(await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('c1') }));
        ok(await atlas.call('POST', `/groups/${g}/clusters`, { version: '2024-10-23', body: body20240805('c2') }));
        ok(await atlas.call('POST', '/_mock/clock/advance', { auth: 'none', body: { seconds: 3600 } }));
        atlas.forgetTokens();
        ok(await atlas.call('GET', `/groups/${g}/clusters/c1`, { version: '2024-08-05' }));
        ok(await atlas.call('PATCH', `/groups/${g}/clusters/c1`, { version: '2024-10-23', body: { paused: true } }));
        ok(await atlas.call('DELETE', `/groups/${g}/clusters/c2`, { version: '2024-10-23' }));
        for (let i = 0; i < 20; i++) {
          ok(await atlas.call('POST', `/groups/${g}/databaseUsers`, {
            body: { databaseName: 'admin', groupId: g, username: `user-${i}`, password: 'Corr3ct-Horse-Battery', roles: [{ databaseName: 'admin', roleName: 'readAnyDatabase' }] },
          }));
        }
        ok(await atlas.call('DELETE', `/groups/${g}/databaseUsers/admin/user-3`));
        ok(await atlas.call('POST', `/groups/${g}/accessList`, { body: [{ ipAddress: '10.1.2.3' }, { cidrBlock: '10.9.0.0/16' }] }));
        ok(await atlas.call('DELETE', `/groups/${g}/accessList/10.1.2.3`));
        const key = ok(await atlas.call('POST', `/orgs/${org}/apiKeys`, { body: { desc: 'ci', roles: ['ORG_READ_ONLY'] } })).json;
        ok(await atlas.call('PATCH', `/orgs/${org}/apiKeys/${key.id}`, { body: { desc: 'ci-renamed', roles: ['ORG_MEMBER'] } }));
        ok(await atlas.call('POST', `/groups/${g}/apiKeys/${key.id}`, { body: [{ roles: ['GROUP_READ_ONLY'] }] }));
        const sa = ok(await atlas.call('POST', `/orgs/${org}/serviceAccounts`, { body: { name: 'robot', description: 'd', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 24 } })).json;
        ok(await atlas.call('POST', `/orgs/${org}/serviceAccounts/${sa.clientId}/secrets`, { body: { secretExpiresAfterHours: 48 } }));
        ok(await atlas.call('POST', '/_mock/tenants', { auth: 'none', body: { name: 'Second' } }));
        ok(await atlas.call('PUT', '/_mock/lifecycle', { auth: 'none', body: { clusterCreate: 42 } }));
        ok(await atlas.call('PUT', '/_mock/clock', { auth: 'none', body: { now: '2026-06-01T00:00:00Z' } }));
        atlas.forgetTokens();
        await atlas.token();
        const memory = atlas.sim.exportState();
        if (compactBytes) expect(statSync(`${file}.wal`).size).toBeLessThan(64 * 1024);
        // Half the runs stop in the middle of a background snapshot: the logs cover it.
        if (compactBytes) await atlas.sim.flush();
        await atlas.close();
        await atlas.sim.flush();
        atlas.sim.close();
        const reopened = new Simulation({ clock: 'manual', logger: quiet, stateFile: file });
        const { random: _r, ...restored } = reopened.exportState();
        const { random: _m, ...expected } = memory;
        expect(restored).toEqual(JSON.parse(JSON.stringify(expected)));
        reopened.close();
      } finally {
        await atlas.close().catch(() => undefined);
      }
    });
  }
});
