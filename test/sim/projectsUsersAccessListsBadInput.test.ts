import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationSpec } from '../../contracts/api/operation.js';
import { databaseUserOperations } from '../../contracts/api/operations/databaseUsers.js';
import { ipAccessListOperations } from '../../contracts/api/operations/ipAccessList.js';
import { projectOperations } from '../../contracts/api/operations/projects.js';
import { startAtlas, type ApiResponse, type TestAtlas } from '../support/harness.js';

/**
 * Bad input on every route of projects, database users and the IP access list, driven by
 * the operation catalog so that a new operation is covered without a new test: each
 * kind of bad request gets its Atlas error, none gets a 5xx, and the state afterwards is
 * what it was before.
 */
const OPERATIONS: readonly OperationSpec[] = [...projectOperations, ...databaseUserOperations, ...ipAccessListOperations];

let atlas: TestAtlas;
let orgId: string;
let groupId: string;
beforeAll(async () => {
  atlas = await startAtlas();
  orgId = atlas.tenant.orgId;
  groupId = (await atlas.call('POST', '/groups', { body: { name: 'target', orgId } })).json.id;
  const user = await atlas.call('POST', `/groups/${groupId}/databaseUsers`, {
    body: { databaseName: 'admin', groupId, username: 'u1', password: 'Long-enough-1', roles: [{ databaseName: 'admin', roleName: 'read' }] },
  });
  expect(user.status).toBe(201);
  expect((await atlas.call('POST', `/groups/${groupId}/accessList`, { body: [{ ipAddress: '192.0.2.1' }] })).status).toBe(201);
});
afterAll(() => atlas.close());

/** A concrete path of the operation, its parameters replaced (defaults name existing resources). */
function pathOf(op: OperationSpec, overrides: Record<string, string> = {}): string {
  const values: Record<string, string> = { groupId, orgId, groupName: 'target', databaseName: 'admin', username: 'u1', entryValue: '192.0.2.1%2F32', ...overrides };
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name]!);
}

const hasBody = (op: OperationSpec) => op.versions.some((v) => v.request !== undefined);
const isArrayBody = (op: OperationSpec) => op.operationId === 'createProjectIpAccessList';

interface Case {
  name: string;
  applies(op: OperationSpec): boolean;
  send(op: OperationSpec): Promise<ApiResponse>;
  expect: [number, string];
}

const CASES: Case[] = [
  {
    name: 'no version in Accept',
    applies: () => true,
    send: (op) => atlas.call(op.method, pathOf(op), { version: null, ...(hasBody(op) && { body: isArrayBody(op) ? [] : {} }) }),
    expect: [406, 'INVALID_VERSION_DATE'],
  },
  {
    name: 'malformed project id',
    applies: (op) => op.path.includes('{groupId}'),
    send: (op) => atlas.call(op.method, pathOf(op, { groupId: 'xyz' }), hasBody(op) ? { body: {} } : {}),
    expect: [404, 'INVALID_GROUP_ID'],
  },
  {
    name: 'unknown project id',
    applies: (op) => op.path.includes('{groupId}'),
    send: (op) => atlas.call(op.method, pathOf(op, { groupId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }), hasBody(op) ? { body: {} } : {}),
    expect: [404, 'GROUP_NOT_FOUND'],
  },
  {
    name: 'malformed organization id',
    applies: (op) => op.path.includes('{orgId}'),
    send: (op) => atlas.call(op.method, pathOf(op, { orgId: 'org' })),
    expect: [404, 'INVALID_ORG_ID'],
  },
  {
    name: 'malformed JSON',
    applies: hasBody,
    send: (op) => atlas.call(op.method, pathOf(op), { rawBody: '{"a": [1, 2' }),
    expect: [400, 'MALFORMED_JSON'],
  },
  {
    name: 'JSON of the wrong kind',
    applies: hasBody,
    send: (op) => atlas.call(op.method, pathOf(op), { rawBody: '42' }),
    expect: [400, 'INVALID_JSON'],
  },
  {
    name: 'unknown attribute',
    applies: hasBody,
    send: (op) => atlas.call(op.method, pathOf(op), { body: isArrayBody(op) ? [{ zzUnknown: 1 }] : { zzUnknown: 1 } }),
    expect: [400, 'INVALID_ATTRIBUTE'],
  },
  {
    name: 'huge body',
    applies: hasBody,
    send: (op) => atlas.call(op.method, pathOf(op), { rawBody: `{"pad":"${'x'.repeat(1_100_000)}"}` }),
    expect: [413, 'REQUEST_ENTITY_TOO_LARGE'],
  },
  {
    name: 'bad paging parameter',
    applies: (op) => op.paged === true,
    send: (op) => atlas.call(op.method, `${pathOf(op)}?itemsPerPage=0`, hasBody(op) ? { body: [] } : {}),
    expect: [400, 'INVALID_QUERY_PARAMETER'],
  },
];

describe('bad input on every project, database user and access list route', () => {
  for (const op of OPERATIONS) {
    const applicable = CASES.filter((c) => c.applies(op));
    it(`${op.operationId}: ${applicable.map((c) => c.name).join(', ')}`, async () => {
      const before = atlas.sim.exportState().slices;
      for (const c of applicable) {
        const res = await c.send(op);
        expect([res.status, res.json?.errorCode], `${op.method} ${op.path}: ${c.name}`).toEqual(c.expect);
        expect(res.headers['x-error-code']).toBe(c.expect[1]);
      }
      const after = atlas.sim.exportState().slices;
      // Tokens are the harness's own; everything Atlas-visible must be untouched.
      expect({ ...after, tokens: undefined }).toEqual({ ...before, tokens: undefined });
    });
  }
});
