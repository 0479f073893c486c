import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/simulation.js';
import type { WireRequest } from '../../src/wire/message.js';
import { authorization, parseChallenge } from '../support/digest.js';

/** Digest never accepts an nc twice on a nonce (finding 8 of the hostile campaign). */
const quietLogger = { error() {}, warn() {}, info() {}, debug() {} };

function request(method: string, url: string, headers: Record<string, string> = {}, body?: string): WireRequest {
  return { method, url, headers, body: body === undefined ? null : Buffer.from(body), remoteAddress: '127.0.0.1', origin: 'http://127.0.0.1:8080' };
}

describe('finding 8: Digest never accepts an nc twice', () => {
  it('refuses nc=00000001 after 1,100 later requests on the same nonce', async () => {
    const sim = new Simulation({ clock: 'manual', logger: quietLogger, rateLimits: false });
    const key = sim.defaultTenant!.apiKey;
    const uri = '/api/atlas/v2/orgs';
    const challenge = await sim.handle(request('GET', uri, { accept: 'application/vnd.atlas.2023-01-01+json' }));
    const { nonce } = parseChallenge(challenge.headers['Www-Authenticate']!);
    const call = (nc: number) =>
      sim.handle(request('GET', uri, { accept: 'application/vnd.atlas.2023-01-01+json', authorization: authorization({ username: key.publicKey, password: key.privateKey, method: 'GET', uri, nonce: nonce!, nc }) }));
    expect((await call(1)).status).toBe(200);
    for (let nc = 2; nc <= 1101; nc++) expect((await call(nc)).status).toBe(200);
    expect((await call(1)).status).toBe(401);
    expect((await call(1101)).status).toBe(401);
    // Out of order within the window is still fine.
    expect((await call(1105)).status).toBe(200);
    expect((await call(1103)).status).toBe(200);
  });
});

