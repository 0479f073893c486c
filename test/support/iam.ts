import { expect } from 'vitest';
import { OPERATIONS } from '../../contracts/api/catalog.js';
import type { OperationSpec } from '../../contracts/api/operation.js';
import type { TenantCredentials } from '../../src/sim/tenants.js';
import { SYSTEM_ACTOR } from '../../src/sim/world.js';
import { buildOperationRouter } from '../../src/wire/router.js';
import { openApiDifferences } from './conformance.js';
import type { ApiResponse, TestAtlas } from './harness.js';

/**
 * Helpers for identity and access tests: projects to assign principals to, credentials
 * of principals made through the API, and checks of responses against both the catalog's
 * contract and the official OpenAPI document.
 */

/**
 * A project of an organization, as a place to assign principals to. Seeded in the world
 * (by the system, without a caller) so that tests can put one in any organization without
 * holding its credentials; project creation itself is tested with the projects.
 */
export function seedProject(atlas: TestAtlas, name: string, orgId = atlas.tenant.orgId): string {
  return atlas.sim.world.projects.create(orgId, { name }, SYSTEM_ACTOR).id;
}

/** Call options that authenticate with this API key (Digest, through urllib). */
export function withKey(tenant: TenantCredentials, key: { id: string; publicKey: string; privateKey: string }): { tenant: TenantCredentials; auth: 'digest' } {
  return { tenant: { ...tenant, apiKey: { id: key.id, publicKey: key.publicKey, privateKey: key.privateKey } }, auth: 'digest' };
}

/** Gets a token for client credentials over the socket; null with the status when refused. */
export async function requestToken(atlas: TestAtlas, clientId: string, secret: string): Promise<{ status: number; token: string | null; body: any }> {
  const res = await fetch(`${atlas.url}/api/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    },
    body: 'grant_type=client_credentials',
  });
  const body = (await res.json()) as any;
  return { status: res.status, token: res.status === 200 ? body.access_token : null, body };
}

/** Call options that authenticate with this Bearer token. */
export const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

/** The Atlas error body for a code, checked field by field. */
export function expectError(res: ApiResponse, status: number, errorCode: string, parameters?: unknown[]): void {
  expect({ status: res.status, errorCode: res.json?.errorCode }, res.text).toEqual({ status, errorCode });
  expect(res.headers['x-error-code']).toBe(errorCode);
  expect(Object.keys(res.json)).toEqual(['detail', 'error', 'errorCode', 'parameters', 'reason']);
  if (parameters !== undefined) expect(res.json.parameters).toEqual(parameters);
}

const router = buildOperationRouter(OPERATIONS);

/** The catalog operation a concrete path and method reach. */
export function operationOf(method: string, path: string): OperationSpec {
  const m = router.match(method, `/api/atlas/v2${path.split('?')[0]}`);
  if (m.kind !== 'found') throw new Error(`no catalog operation for ${method} ${path}`);
  return m.value;
}

/**
 * Checks a response against the official OpenAPI document and, for successes, the
 * catalog's strict response contract for its version. `allowed` lists document
 * differences known to be Atlas's own (each with the reason at the call site).
 */
export function expectConforms(method: string, path: string, res: ApiResponse, allowed: readonly string[] = []): void {
  const found = openApiDifferences(method, path, res);
  const unexpected = found.filter((k) => !allowed.includes(k));
  expect(unexpected, (found as { report?: string }).report).toEqual([]);
}
