import { describe, expect, it } from 'vitest';
import { Simulation } from '../src/simulation.js';
import type { WireRequest } from '../src/wire/message.js';

/** Drives a simulation in-process with a fixed request script and returns every response body. */
async function script(seed: string | number): Promise<string[]> {
  const sim = new Simulation({ seed, clock: 'manual' });
  const t = sim.defaultTenant!;
  const req = (method: string, url: string, headers: Record<string, string> = {}, body?: string): WireRequest => ({
    method,
    url,
    headers: { accept: 'application/vnd.atlas.2025-03-12+json', ...headers },
    body: body === undefined ? null : Buffer.from(body),
    remoteAddress: '127.0.0.1',
    origin: 'http://127.0.0.1:8080',
  });
  const out: string[] = [];
  const basic = `Basic ${Buffer.from(`${t.serviceAccount.clientId}:${t.serviceAccount.clientSecret}`).toString('base64')}`;
  const token = await sim.handle(req('POST', '/api/oauth/token', { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, 'grant_type=client_credentials'));
  out.push(token.body!);
  const bearer = { authorization: `Bearer ${JSON.parse(token.body!).access_token}` };
  out.push((await sim.handle(req('GET', '/api/atlas/v2/orgs', bearer))).body!);
  out.push((await sim.handle(req('GET', '/api/atlas/v2/orgs'))).headers['Www-Authenticate']!);
  sim.advance(3600);
  out.push((await sim.handle(req('POST', '/_mock/tenants', { 'content-type': 'application/json' }, '{}'))).body!);
  out.push((await sim.handle(req('GET', '/_mock/state'))).body!);
  return out;
}

describe('determinism', () => {
  it('gives byte-identical responses for the same seed and requests, tokens and nonces included', async () => {
    const [a, b] = await Promise.all([script(42), script(42)]);
    expect(a).toEqual(b);
  });

  it('gives different ids and credentials for another seed', async () => {
    const [a, b] = await Promise.all([script(42), script(43)]);
    expect(a[0]).not.toBe(b[0]);
    expect(a[3]).not.toBe(b[3]);
  });

  it('seeds the same default tenant whatever the clock mode or start', () => {
    const manual = new Simulation({ seed: 7, clock: 'manual', clockStart: '2030-05-05T00:00:00Z' }).defaultTenant;
    const real = new Simulation({ seed: 7, clock: 'real' }).defaultTenant;
    expect(real).toEqual(manual);
  });
});
