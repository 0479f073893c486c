import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAtlas, type TestAtlas } from '../support/harness.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

describe('organizations', () => {
  it('lists the caller’s organization in the list envelope with Atlas links', async () => {
    const res = await atlas.call('GET', '/orgs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    expect(Object.keys(res.json)).toEqual(['links', 'results', 'totalCount']);
    expect(res.json.links).toEqual([{ href: `${atlas.url}/api/atlas/v2/orgs?includeCount=true&name=&pageNum=1&itemsPerPage=100`, rel: 'self' }]);
    expect(res.json.results).toEqual([
      {
        id: atlas.tenant.orgId,
        isDeleted: false,
        links: [{ href: `${atlas.url}/api/atlas/v2/orgs/${atlas.tenant.orgId}`, rel: 'self' }],
        name: atlas.tenant.orgName,
        skipDefaultAlertsSettings: false,
      },
    ]);
    expect(res.json.totalCount).toBe(1);
  });

  it('gets one organization with its four links, by Digest too', async () => {
    const res = await atlas.call('GET', `/orgs/${atlas.tenant.orgId}`, { auth: 'digest' });
    expect(res.status).toBe(200);
    expect(res.json.links.map((l: { rel: string }) => l.rel)).toEqual([
      'self',
      'https://cloud.mongodb.com/groups',
      'https://cloud.mongodb.com/teams',
      'https://cloud.mongodb.com/users',
    ]);
  });

  it('refuses a malformed org id with INVALID_ORG_ID and an unknown one with ORG_NOT_FOUND', async () => {
    const bad = await atlas.call('GET', '/orgs/not-an-id');
    expect(bad.status).toBe(404);
    expect(bad.json).toEqual({
      detail: 'An invalid organization ID not-an-id was specified.',
      error: 404,
      errorCode: 'INVALID_ORG_ID',
      parameters: ['not-an-id'],
      reason: 'Not Found',
    });
    const unknown = await atlas.call('GET', '/orgs/0123456789abcdef01234567');
    expect(unknown.status).toBe(404);
    expect(unknown.json.errorCode).toBe('ORG_NOT_FOUND');
    expect(unknown.headers['x-error-code']).toBe('ORG_NOT_FOUND');
  });
});
