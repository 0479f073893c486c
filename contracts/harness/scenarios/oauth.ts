/**
 * The service-account OAuth 2.0 endpoints (`/api/oauth/token`, `/api/oauth/revoke`),
 * wire-facts A.2. Only the `invalid_client` description text is documented; other
 * errors are asserted by their `error` code.
 */
import { m } from './match.js';
import type { Scenario } from './types.js';

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export const oauthScenarios: readonly Scenario[] = [
  {
    id: 'oauth/token',
    title: 'issues a one-hour Bearer token for client credentials, usable on the API',
    operations: ['oauthToken', 'listOrganizations'],
    needs: ['oauth'],
    async run(t) {
      const sa = t.serviceAccount!;
      const res = await t.anonymous.requestToken(sa.clientId, sa.clientSecret);
      t.expectResponse(res, { status: 200, contentType: 'json', body: { access_token: m.string(JWT), expires_in: 3600, token_type: 'Bearer' } });
      const token = (res.json as { access_token: string }).access_token;
      const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as unknown;
      t.expectMatch(header, m.partial({ alg: 'ES512', typ: 'JWT' }), 'the token’s JOSE header');
      const use = await t.anonymous.call('GET', '/orgs', { version: '2023-01-01', headers: { Authorization: `Bearer ${token}` } });
      t.expectResponse(use, { status: 200, body: m.partial({ results: m.some(m.partial({ id: t.orgId })) }) }, 'calling the API with the token');
    },
  },
  {
    id: 'oauth/token-invalid-client',
    title: 'refuses a wrong client secret with 401 invalid_client',
    operations: ['oauthToken'],
    needs: ['oauth'],
    async run(t) {
      const res = await t.anonymous.requestToken(t.serviceAccount!.clientId, 'mdb_sa_sk_not-the-secret');
      t.expectResponse(res, { status: 401, contentType: 'json', body: { error_description: 'Invalid credentials provided.', error: 'invalid_client' } });
    },
  },
  {
    id: 'oauth/token-unsupported-grant',
    title: 'refuses a grant type other than client_credentials with 400 unsupported_grant_type',
    operations: ['oauthToken'],
    needs: ['oauth'],
    async run(t) {
      const sa = t.serviceAccount!;
      const res = await t.anonymous.requestToken(sa.clientId, sa.clientSecret, 'grant_type=password');
      t.expectResponse(res, { status: 400, contentType: 'json', body: { error_description: m.string(), error: 'unsupported_grant_type' } });
    },
  },
  {
    id: 'oauth/revoke',
    title: 'revokes a token (200, no body), after which the API refuses it',
    operations: ['oauthToken', 'oauthRevoke', 'getOrganization'],
    needs: ['oauth'],
    async run(t) {
      const sa = t.serviceAccount!;
      const issued = await t.anonymous.requestToken(sa.clientId, sa.clientSecret);
      t.expectResponse(issued, { status: 200 }, 'a token of its own to revoke');
      const token = (issued.json as { access_token: string }).access_token;
      const basic = `Basic ${Buffer.from(`${sa.clientId}:${sa.clientSecret}`).toString('base64')}`;
      const revoked = await t.anonymous.raw('POST', '/api/oauth/revoke', { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded' }, `token=${encodeURIComponent(token)}&token_type_hint=access_token`);
      t.expectResponse(revoked, { status: 200, body: undefined });
      const use = await t.anonymous.call('GET', `/orgs/${t.orgId}`, { version: '2023-01-01', headers: { Authorization: `Bearer ${token}` } });
      t.expectResponse(use, { status: 401 }, 'calling the API with the revoked token');
    },
  },
];
