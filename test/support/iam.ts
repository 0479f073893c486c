import { expect } from 'vitest';
import { OPERATIONS } from '../../contracts/catalog.js';
import { checkResponse, formatViolations } from '../../contracts/openapi/check.js';
import type { OperationSpec } from '../../contracts/operation.js';
import type { TenantCredentials } from '../../src/sim/tenants.js';
import { SYSTEM_ACTOR } from '../../src/sim/world.js';
import { buildOperationRouter } from '../../src/wire/router.js';
import type { ApiResponse, TestAtlas } from './harness.js';

/**
 * Helpers for identity and access tests: projects to assign principals to, credentials
 * of principals made through the API, and checks of responses against both the catalog's
 * contract and the official OpenAPI document.
 */

/**
 * A project of the organization. Projects have their own operations on another branch;
 * here they are only a place to assign principals, so they are seeded in the world.
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
 * Checks a success response against the catalog's strict response contract for its
 * version and against the official OpenAPI document. `allowed` lists document
 * violations known to be Atlas's own (each with the reason at the call site).
 */
export function expectConforms(method: string, path: string, res: ApiResponse, allowed: readonly string[] = []): void {
  const op = operationOf(method, path);
  const date = /vnd\.atlas\.(\d{4}-\d{2}-\d{2})/.exec(res.headers['content-type'] ?? '')?.[1];
  const version = op.versions.find((v) => v.date === date);
  expect(version, `version ${date} of ${op.operationId}`).toBeDefined();
  if (version?.response && res.status !== 204) {
    const parsed = version.response.safeParse(res.json);
    expect(parsed.success ? [] : parsed.error.issues, `${op.operationId} contract`).toEqual([]);
  }
  const violations = checkResponse({ method, path: `/api/atlas/v2${path}`, status: res.status, contentType: res.headers['content-type'] ?? null, body: res.text });
  const unexpected = violations.filter((v) => !allowed.includes(`${v.jsonPath.replace(/\[\d+\]/g, '[*]')} ${v.rule}`));
  expect(unexpected, formatViolations(unexpected)).toEqual([]);
}
