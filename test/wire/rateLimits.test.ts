import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAtlas, type TestAtlas } from '../support/harness.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

const org = () => `/orgs/${atlas.tenant.orgId}`;

describe('token-bucket rate limits', () => {
  it('carries the real capacity of the endpoint set and counts down', async () => {
    const a = await atlas.call('GET', org());
    const b = await atlas.call('GET', org());
    expect(a.headers['ratelimit-limit']).toBe('500');
    expect(Number(b.headers['ratelimit-remaining'])).toBe(Number(a.headers['ratelimit-remaining']) - 1);
    expect((await atlas.call('GET', '/orgs')).headers['ratelimit-limit']).toBe('300');
  });

  it('answers an empty bucket with 429 RATE_LIMITED_TOKEN_BUCKET and Retry-After, and refills on the simulation clock', async () => {
    const put = await atlas.call('PUT', '/_mock/rateLimits', { auth: 'none', body: { overrides: { orgs: { capacity: 3, refill: 1 } } } });
    expect(put.status).toBe(204);
    const remaining = [];
    for (let i = 0; i < 3; i++) remaining.push((await atlas.call('GET', org())).headers['ratelimit-remaining']);
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await atlas.call('GET', org());
    expect(limited.status).toBe(429);
    expect(limited.text).toBe(
      '{"detail":"Rate limit exceeded for api/atlas/v2/orgs. Please retry after 60 seconds. Request capacity: 3. Refill rate: 1 per 60 seconds.","error":429,"errorCode":"RATE_LIMITED_TOKEN_BUCKET","parameters":["api/atlas/v2/orgs",60,3,1,60],"reason":"Too Many Requests"}',
    );
    expect(limited.headers['retry-after']).toBe('60');
    expect(limited.headers['x-error-code']).toBe('RATE_LIMITED_TOKEN_BUCKET');
    atlas.sim.advance(30);
    expect((await atlas.call('GET', org())).headers['retry-after']).toBe('30');
    atlas.sim.advance(30);
    expect((await atlas.call('GET', org())).status).toBe(200);
  });

  it('keeps separate buckets per organization', async () => {
    const other = (await atlas.call('POST', '/_mock/tenants', { auth: 'none', body: {} })).json;
    const res = await atlas.call('GET', `/orgs/${other.orgId}`, { tenant: other });
    expect(res.status).toBe(200);
    expect(res.headers['ratelimit-remaining']).toBe('2');
  });

  it('can be switched off: no headers, no 429', async () => {
    await atlas.call('PUT', '/_mock/rateLimits', { auth: 'none', body: { enabled: false } });
    for (let i = 0; i < 5; i++) {
      const res = await atlas.call('GET', org());
      expect(res.status).toBe(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
  });

  it('refuses bad settings with the Atlas error format', async () => {
    const res = await atlas.call('PUT', '/_mock/rateLimits', { auth: 'none', body: { overrides: { nonsense: { capacity: 1 } } } });
    expect(res.status).toBe(400);
    expect(res.json.errorCode).toMatch(/^INVALID_/);
    const neg = await atlas.call('PUT', '/_mock/rateLimits', { auth: 'none', body: { overrides: { orgs: { capacity: -1 } } } });
    expect(neg.status).toBe(400);
  });
});
