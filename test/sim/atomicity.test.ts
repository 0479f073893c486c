import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Simulation } from '../../src/simulation.js';
import type { WireRequest } from '../../src/wire/message.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';

/** A request that fails changes nothing (finding 3 of the hostile campaign, replayed as found). */
const quietLogger = { error() {}, warn() {}, info() {}, debug() {} };

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

const state = async (a: TestAtlas = atlas) => (await a.call('GET', '/_mock/state', { auth: 'none' })).text;

function request(method: string, url: string, headers: Record<string, string> = {}, body?: string): WireRequest {
  return { method, url, headers, body: body === undefined ? null : Buffer.from(body), remoteAddress: '127.0.0.1', origin: 'http://127.0.0.1:8080' };
}

describe('finding 3: a request that fails changes nothing', () => {
  it('refuses a database username with a lone surrogate with a 400, stores nothing, and the list still answers', async () => {
    const groupId = (await atlas.call('POST', '/groups', { body: { name: 'surrogates', orgId: atlas.tenant.orgId } })).json.id as string;
    const before = await state();
    const res = await atlas.call('POST', `/groups/${groupId}/databaseUsers`, {
      rawBody: '{"databaseName":"admin","username":"a\\ud800b","password":"Corr3ct-Horse-Battery","roles":[{"databaseName":"admin","roleName":"readAnyDatabase"}]}',
    });
    expect(res.status).toBe(400);
    expect(res.json.errorCode).toBe('MALFORMED_JSON');
    expect(await state()).toBe(before);
    expect((await atlas.call('GET', `/groups/${groupId}/databaseUsers`)).status).toBe(200);
  });

  it('rolls back whatever a failing request changed, even on an unexpected error, in memory and in the state file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'atlas-gov-mock-atomic-')), 'state.json');
    const sim = new Simulation({ clock: 'manual', logger: quietLogger, stateFile: file });
    const t = sim.defaultTenant!;
    const basic = `Basic ${Buffer.from(`${t.serviceAccount.clientId}:${t.serviceAccount.clientSecret}`).toString('base64')}`;
    const tok = await sim.handle(request('POST', '/api/oauth/token', { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, 'grant_type=client_credentials'));
    const bearer = `Bearer ${JSON.parse(tok.body!).access_token}`;
    const headers = { authorization: bearer, accept: 'application/vnd.atlas.2023-01-01+json', 'content-type': 'application/json' };
    const before = JSON.stringify(sim.exportState().slices);
    // The project row is stored, then the event that follows it fails: a bug, not an Atlas error.
    const record = sim.world.events.record.bind(sim.world.events);
    sim.world.events.record = () => {
      throw new Error('boom');
    };
    const res = await sim.handle(request('POST', '/api/atlas/v2/groups', headers, JSON.stringify({ name: 'half-made', orgId: t.orgId })));
    sim.world.events.record = record;
    expect(res.status).toBe(500);
    expect(JSON.parse(JSON.stringify(sim.exportState().slices))).toEqual(JSON.parse(before));
    const ok = await sim.handle(request('POST', '/api/atlas/v2/groups', headers, JSON.stringify({ name: 'whole', orgId: t.orgId })));
    expect(ok.status).toBe(201);
    const memory = JSON.stringify(sim.exportState().slices);
    sim.close();
    const reopened = new Simulation({ clock: 'manual', logger: quietLogger, stateFile: file });
    expect(reopened.exportState().slices).toEqual(JSON.parse(memory));
    reopened.close();
  });
});

