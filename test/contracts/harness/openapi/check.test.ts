/** checkResponse / checkRequest rules on a small Atlas-shaped document. */
import { describe, expect, it } from 'vitest';
import { checkRequest, checkResponse, mediaTypeOf } from '../../../../contracts/harness/openapi/check.js';
import { formatViolation, formatViolations } from '../../../../contracts/harness/openapi/formatViolations.js';
import { miniAtlas } from './fixtures.js';

const document = miniAtlas();
const id = '5f1234567890abcdef123456';
const V1 = 'application/vnd.atlas.2023-01-01+json;charset=utf-8';
const group = { id, name: 'p', orgId: 'o', links: [{ href: 'http://x', rel: 'self' }] };
/** "path rule" strings, sorted: the order of schema errors carries no meaning. */
const rules = (vs: { jsonPath: string; rule: string }[]): string[] => vs.map((v) => `${v.jsonPath} ${v.rule}`).sort();

describe('checkResponse', () => {
  it('accepts a conforming response, raw text or parsed body, charset ignored', () => {
    expect(checkResponse({ method: 'GET', path: `/api/atlas/v2/groups/${id}`, status: 200, contentType: V1, body: JSON.stringify(group) }, { document })).toEqual([]);
    expect(checkResponse({ method: 'get', path: `/api/atlas/v2/groups/${id}`, status: 200, contentType: V1, body: group }, { document })).toEqual([]);
    expect(mediaTypeOf(V1)).toBe('application/vnd.atlas.2023-01-01+json');
  });

  it('reports body problems with operation, template, status and JSON path', () => {
    const vs = checkResponse(
      { method: 'GET', path: '/api/atlas/v2/groups', status: 200, contentType: V1, body: { results: [group, { ...group, links: [{}, { href: 3 }] }], totalCount: -1 } },
      { document },
    );
    expect(vs).toEqual([
      { operationId: 'listProjects', method: 'GET', pathTemplate: '/api/atlas/v2/groups', status: 200, jsonPath: '$.results[1].links[1].href', rule: 'type', message: 'must be string, got integer 3' },
      expect.objectContaining({ jsonPath: '$.totalCount', rule: 'minimum' }),
    ]);
  });

  it('flags an undocumented 2xx with rule "status" and still checks the body against the documented success schema', () => {
    const vs = checkResponse({ method: 'POST', path: '/api/atlas/v2/groups', status: 201, contentType: V1, body: { ...group, withDefaultAlertsSettings: true } }, { document });
    expect(rules(vs)).toEqual(['$ status', '$.withDefaultAlertsSettings writeOnly']);
    expect(vs.find((v) => v.rule === 'status')?.message).toContain('201');
  });

  it('reports a media type version the document does not describe instead of validating it', () => {
    const vs = checkResponse(
      { method: 'GET', path: `/api/atlas/v2/groups/${id}/clusters/c1`, status: 200, contentType: 'application/vnd.atlas.2023-02-01+json;charset=utf-8', body: { name: 42 } },
      { document },
    );
    expect(rules(vs)).toEqual(['$ version-not-in-document']);
    expect(vs[0]?.message).toContain('2024-08-05');
    const ok = checkResponse(
      { method: 'GET', path: `/api/atlas/v2/groups/${id}/clusters/c1`, status: 200, contentType: 'application/vnd.atlas.2024-08-05+json;charset=utf-8', body: { name: 42 } },
      { document },
    );
    expect(rules(ok)).toEqual(['$.name type']);
  });

  it('validates application/json error bodies against ApiError, listed status, default, or not listed', () => {
    const err = { detail: 'x', error: 404, errorCode: 'GROUP_NOT_FOUND', parameters: [], reason: 'Not Found' };
    const path = `/api/atlas/v2/groups/${id}`;
    expect(checkResponse({ method: 'GET', path, status: 404, contentType: 'application/json', body: err }, { document })).toEqual([]);
    expect(rules(checkResponse({ method: 'GET', path, status: 404, contentType: 'application/json', body: { error: '404' } }, { document }))).toEqual([
      '$.error type',
      '$.errorCode required',
    ]);
    // 429 is not listed for getProject: still an ApiError, and no status violation for errors.
    expect(rules(checkResponse({ method: 'GET', path, status: 429, contentType: 'application/json', body: { error: 429 } }, { document }))).toEqual(['$.errorCode required']);
    // getCluster has a `default` response.
    expect(rules(checkResponse({ method: 'GET', path: `${path}/clusters/c`, status: 400, contentType: 'application/json', body: {} }, { document }))).toEqual([
      '$.error required',
      '$.errorCode required',
    ]);
  });

  it('accepts an empty 204 and schema-less content; flags a missing body where a schema is documented', () => {
    expect(checkResponse({ method: 'DELETE', path: `/api/atlas/v2/groups/${id}`, status: 204, contentType: V1, body: '' }, { document })).toEqual([]);
    expect(rules(checkResponse({ method: 'GET', path: `/api/atlas/v2/groups/${id}`, status: 200, contentType: V1 }, { document }))).toEqual(['$ body']);
    expect(rules(checkResponse({ method: 'GET', path: `/api/atlas/v2/groups/${id}`, status: 200, contentType: V1, body: '{oops' }, { document }))).toEqual(['$ json']);
  });

  it('reports unknown paths and undocumented methods', () => {
    expect(checkResponse({ method: 'GET', path: '/api/atlas/v2/nope', status: 200, contentType: V1, body: {} }, { document })).toEqual([
      { operationId: '', method: 'GET', pathTemplate: '/api/atlas/v2/nope', status: 200, jsonPath: '$', rule: 'path', message: expect.any(String) },
    ]);
    expect(rules(checkResponse({ method: 'PUT', path: `/api/atlas/v2/groups/${id}`, status: 200, contentType: V1, body: {} }, { document }))).toEqual(['$ method']);
  });
});

describe('checkRequest', () => {
  it('forbids readOnly properties and does not require them; plain application/json uses the documented version', () => {
    const path = '/api/atlas/v2/groups';
    expect(checkRequest({ method: 'POST', path, contentType: 'application/vnd.atlas.2023-01-01+json', body: { name: 'p', orgId: 'o', withDefaultAlertsSettings: true } }, { document })).toEqual([]);
    const vs = checkRequest({ method: 'POST', path, contentType: 'application/json', body: { id, name: 'p' } }, { document });
    expect(rules(vs)).toEqual(['$.id readOnly', '$.orgId required']);
    expect(vs[0]?.status).toBeNull();
  });
  it('reports a missing required body and unknown versions', () => {
    expect(rules(checkRequest({ method: 'POST', path: '/api/atlas/v2/groups' }, { document }))).toEqual(['$ body']);
    expect(rules(checkRequest({ method: 'POST', path: '/api/atlas/v2/groups', contentType: 'application/vnd.atlas.2099-01-01+json', body: {} }, { document }))).toEqual([
      '$ version-not-in-document',
    ]);
  });
});

describe('formatViolations', () => {
  it('prints one line per violation naming operation, JSON path and rule', () => {
    const vs = checkResponse({ method: 'GET', path: `/api/atlas/v2/groups/${id}`, status: 200, contentType: V1, body: { ...group, name: 1 } }, { document });
    expect(formatViolation(vs[0]!)).toBe('getProject GET /api/atlas/v2/groups/{groupId} 200 $.name [type] must be string, got integer 1');
    expect(formatViolations([])).toBe('no violations');
    expect(formatViolations([...vs, ...vs]).split('\n')).toHaveLength(2);
  });
});
