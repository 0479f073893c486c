/**
 * Organizations (`listOrganizations`, `getOrganization`), and the wire behaviour every
 * versioned operation shares, exercised through them: version negotiation and the
 * authentication filter. Only high- or medium-confidence facts of wire-facts are
 * asserted; where the real answer is unknown, the assertion stops at what is known.
 */
import { m } from './match.js';
import type { Scenario, ScenarioContext } from './types.js';

const RATE_LIMITED = { 'ratelimit-limit': m.string(/^\d+$/), 'ratelimit-remaining': m.string(/^\d+$/) };

/** An organization as lists show it: one self link. */
function listedOrg(id: unknown) {
  return {
    id,
    isDeleted: false,
    links: [{ href: m.urlEndingWith(`/api/atlas/v2/orgs/${typeof id === 'string' ? id : ''}`), rel: 'self' }],
    name: m.string(),
    skipDefaultAlertsSettings: m.boolean(),
  };
}

async function ownOrg(t: ScenarioContext): Promise<{ name: string }> {
  const res = await t.api.call('GET', `/orgs/${t.orgId}`, { version: '2023-01-01' });
  t.expectResponse(res, { status: 200 }, 'reading the organization first');
  return res.json as { name: string };
}

export const organizationScenarios: readonly Scenario[] = [
  {
    id: 'organizations/list',
    title: 'lists the caller’s organizations in the list envelope, with the self link echoing the defaults',
    operations: ['listOrganizations'],
    async run(t) {
      const res = await t.api.call('GET', '/orgs', { version: '2023-01-01' });
      t.expectResponse(res, {
        status: 200,
        contentType: { version: '2023-01-01' },
        headers: { ...RATE_LIMITED, deprecation: m.absent(), sunset: m.absent() },
        body: {
          links: m.allOf(m.some({ href: m.urlEndingWith('/api/atlas/v2/orgs?includeCount=true&name=&pageNum=1&itemsPerPage=100'), rel: 'self' }), m.arrayOf(m.partial({ rel: m.oneOf('self', 'next') }), { min: 1, max: 2 })),
          results: m.allOf(m.arrayOf(m.partial({ id: m.objectId(), name: m.string() }), { min: 1 }), m.some(listedOrg(t.orgId))),
          totalCount: m.integer(1),
        },
        contract: 'listOrganizations',
      });
    },
  },
  {
    id: 'organizations/list-paging',
    title: 'pages with itemsPerPage and pageNum, linking to the next page while there is one',
    operations: ['listOrganizations'],
    async run(t) {
      const first = await t.api.call('GET', '/orgs?itemsPerPage=1&pageNum=1', { version: '2023-01-01' });
      t.expectResponse(first, {
        status: 200,
        body: m.partial({ links: m.some({ href: m.urlEndingWith('/api/atlas/v2/orgs?includeCount=true&name=&pageNum=1&itemsPerPage=1'), rel: 'self' }), results: m.arrayOf(m.any(), { min: 1, max: 1 }), totalCount: m.integer(1) }),
      });
      const total = (first.json as { totalCount: number }).totalCount;
      const rels = (first.json as { links: Array<{ rel: string }> }).links.map((l) => l.rel);
      t.expectMatch(rels.includes('next'), total > 1, `a next link exactly when more than one organization is listed (totalCount ${total})`);
      const beyond = await t.api.call('GET', `/orgs?itemsPerPage=1&pageNum=${total + 1}`, { version: '2023-01-01' });
      t.expectResponse(beyond, { status: 200, body: m.partial({ results: [], totalCount: total }) }, 'the page after the last one');
    },
  },
  {
    id: 'organizations/list-by-name',
    title: 'filters by name, and an unknown name gives an empty page',
    operations: ['listOrganizations'],
    async run(t) {
      const { name } = await ownOrg(t);
      const hit = await t.api.call('GET', `/orgs?name=${encodeURIComponent(name)}`, { version: '2023-01-01' });
      t.expectResponse(hit, { status: 200, body: m.partial({ results: m.some(listedOrg(t.orgId)) }) }, 'listing by the organization’s own name');
      const miss = await t.api.call('GET', `/orgs?name=${encodeURIComponent(t.name('no-such-org'))}`, { version: '2023-01-01' });
      t.expectResponse(miss, { status: 200, body: m.partial({ results: [], totalCount: 0 }) }, 'listing by a name nobody has');
    },
  },
  {
    id: 'organizations/list-bad-paging',
    title: 'refuses an itemsPerPage outside 1..500 with 400',
    operations: ['listOrganizations'],
    async run(t) {
      // The real error code for bad paging was never recorded: only the status and the ApiError shape are asserted.
      for (const bad of ['0', '501', 'ten']) {
        const res = await t.api.call('GET', `/orgs?itemsPerPage=${bad}`, { version: '2023-01-01' });
        t.expectResponse(res, { status: 400, contentType: 'json', body: m.partial({ error: 400, errorCode: m.string(), detail: m.string() }) }, `itemsPerPage=${bad}`);
      }
    },
  },
  {
    id: 'organizations/get',
    title: 'gets the organization with its self, groups, teams and users links',
    operations: ['getOrganization'],
    async run(t) {
      const res = await t.api.call('GET', `/orgs/${t.orgId}`, { version: '2023-01-01' });
      t.expectResponse(res, {
        status: 200,
        contentType: { version: '2023-01-01' },
        headers: RATE_LIMITED,
        body: {
          id: t.orgId,
          isDeleted: false,
          links: [
            { href: m.urlEndingWith(`/api/atlas/v2/orgs/${t.orgId}`), rel: 'self' },
            { href: m.urlEndingWith(`/api/atlas/v2/orgs/${t.orgId}/groups`), rel: 'https://cloud.mongodb.com/groups' },
            { href: m.urlEndingWith(`/api/atlas/v2/orgs/${t.orgId}/teams`), rel: 'https://cloud.mongodb.com/teams' },
            { href: m.urlEndingWith(`/api/atlas/v2/orgs/${t.orgId}/users`), rel: 'https://cloud.mongodb.com/users' },
          ],
          name: m.string(),
          skipDefaultAlertsSettings: m.boolean(),
        },
        contract: 'getOrganization',
      });
    },
  },
  {
    id: 'organizations/get-with-digest',
    title: 'answers an API key over HTTP Digest the same as a service account',
    operations: ['getOrganization'],
    needs: ['digest'],
    async run(t) {
      const res = await t.digest!.call('GET', `/orgs/${t.orgId}`, { version: '2023-01-01' });
      t.expectResponse(res, { status: 200, contentType: { version: '2023-01-01' }, body: m.partial({ id: t.orgId }), contract: 'getOrganization' });
    },
  },
  {
    id: 'organizations/get-malformed-id',
    title: 'answers 404 INVALID_ORG_ID for an id that is not 24 hex digits',
    operations: ['getOrganization'],
    async run(t) {
      const res = await t.api.call('GET', '/orgs/not-an-org-id', { version: '2023-01-01' });
      t.expectResponse(res, { status: 404, errorCode: 'INVALID_ORG_ID', body: m.partial({ parameters: ['not-an-org-id'] }) });
    },
  },
  {
    id: 'organizations/get-unknown',
    title: 'answers 404 ORG_NOT_FOUND for a well-formed id of no organization',
    operations: ['getOrganization'],
    async run(t) {
      const id = 'ffffffffffffffffffffffff';
      const res = await t.api.call('GET', `/orgs/${id}`, { version: '2023-01-01' });
      t.expectResponse(res, { status: 404, errorCode: 'ORG_NOT_FOUND', body: m.partial({ parameters: [id] }) });
    },
  },
  {
    id: 'versions/missing-accept',
    title: 'answers 406 INVALID_VERSION_DATE without a versioned Accept header',
    operations: ['getOrganization', 'listOrganizations'],
    async run(t) {
      for (const path of [`/orgs/${t.orgId}`, '/orgs']) {
        const res = await t.api.call('GET', path, { version: null, headers: { Accept: 'application/json' } });
        t.expectResponse(res, { status: 406, errorCode: 'INVALID_VERSION_DATE', body: m.partial({ detail: 'Invalid accept header or version date.', reason: 'Not Acceptable' }) }, `GET ${path} with Accept: application/json`);
      }
    },
  },
  {
    id: 'versions/before-first',
    title: 'answers 406 for a date before the operation’s first version',
    operations: ['getOrganization'],
    async run(t) {
      const res = await t.api.call('GET', `/orgs/${t.orgId}`, { version: '2022-01-01' });
      t.expectResponse(res, { status: 406, errorCode: 'INVALID_VERSION_DATE' });
    },
  },
  {
    id: 'versions/resolution',
    title: 'serves the newest version on or before the requested date and names it in Content-Type',
    operations: ['getOrganization'],
    async run(t) {
      const res = await t.api.call('GET', `/orgs/${t.orgId}`, { version: '2025-03-12' });
      t.expectResponse(res, { status: 200, contentType: { version: t.version('getOrganization') }, headers: { deprecation: m.absent() } });
    },
  },
  {
    id: 'auth/unauthenticated',
    title: 'challenges a request without credentials: 401, Digest challenge, the filter’s pretty body',
    operations: ['getOrganization'],
    async run(t) {
      const res = await t.anonymous.call('GET', `/orgs/${t.orgId}`, { version: '2023-01-01' });
      t.expectResponse(res, {
        status: 401,
        contentType: 'json',
        headers: {
          'www-authenticate': m.string(/^Digest realm="MMS Public API", domain="", nonce="[A-Za-z0-9+/]{32}", algorithm=MD5, qop="auth", stale=false$/),
          'ratelimit-limit': m.absent(),
        },
        body: { error: 401, reason: 'Unauthorized', detail: 'You are not authorized for this resource.', errorCode: 'UNEXPECTED_ERROR' },
      });
      t.expectMatch(res.text.includes('"error" : 401'), true, 'the 401 body is pretty-printed Jackson style');
    },
  },
];
