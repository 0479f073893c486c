import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationSpec } from '../../contracts/api/operation.js';
import { deprecationHeaders, negotiateVersion, requestedVersions } from '../../src/wire/versions.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';

const op: OperationSpec = {
  operationId: 'example',
  method: 'GET',
  path: '/api/atlas/v2/example',
  versions: [{ date: '2023-01-01', sunset: '2027-07-01' }, { date: '2023-02-01', sunset: '2027-07-01' }, { date: '2024-08-05' }],
  status: 200,
  rateLimit: null,
  access: { scope: 'principal' },
};
const NOW = Date.UTC(2026, 10, 28);
const v = (accept: string | undefined, def?: string) => negotiateVersion(op, accept, NOW, def).date;

describe('version negotiation', () => {
  it('serves the newest version dated on or before the requested date', () => {
    expect(v('application/vnd.atlas.2025-03-12+json')).toBe('2024-08-05');
    expect(v('application/vnd.atlas.2024-08-04+json')).toBe('2023-02-01');
    expect(v('application/vnd.atlas.2023-02-01+json')).toBe('2023-02-01');
    expect(v('application/vnd.atlas.2023-01-15+json')).toBe('2023-01-01');
  });

  it('reads every media type in Accept, comma-joined duplicates and quality included', () => {
    expect(requestedVersions('application/json, application/vnd.atlas.2023-01-01+json, application/vnd.atlas.2023-01-01+json').map((r) => r.date)).toEqual(['2023-01-01']);
    expect(v('application/vnd.atlas.2023-01-01+json;q=0.5, application/vnd.atlas.2024-08-05+json')).toBe('2024-08-05');
    expect(v('application/vnd.atlas.2022-01-01+json, application/vnd.atlas.2023-02-01+json')).toBe('2023-02-01');
  });

  it('answers 406 INVALID_VERSION_DATE for a missing, unknown, malformed or too-early version', () => {
    for (const accept of [undefined, 'application/json', '*/*', 'application/vnd.atlas.2022-12-31+json', 'application/vnd.atlas.2023-02-30+json', 'application/vnd.atlas.latest+json']) {
      expect(() => v(accept)).toThrow(expect.objectContaining({ code: 'INVALID_VERSION_DATE' }));
    }
  });

  it('answers 410 VERSION_GONE once a version is past its sunset', () => {
    expect(() => negotiateVersion(op, 'application/vnd.atlas.2023-01-01+json', Date.UTC(2027, 6, 1), undefined)).toThrow(
      expect.objectContaining({ code: 'VERSION_GONE' }),
    );
  });

  it('in lenient mode falls back to the configured version only when Accept names none', () => {
    expect(v('application/json', 'latest')).toBe('2024-08-05');
    expect(v(undefined, '2023-01-15')).toBe('2023-01-01');
    expect(v('application/vnd.atlas.2023-02-01+json', 'latest')).toBe('2023-02-01');
  });

  it('puts Deprecation (the superseding release, day not zero-padded) and Sunset on deprecated versions only', () => {
    expect(deprecationHeaders(op, op.versions[0]!)).toEqual({ Deprecation: 'Wed, 1 Feb 2023 00:00:00 GMT', Sunset: 'Thu, 1 Jul 2027 00:00:00 GMT' });
    expect(deprecationHeaders(op, op.versions[1]!)).toEqual({ Deprecation: 'Mon, 5 Aug 2024 00:00:00 GMT', Sunset: 'Thu, 1 Jul 2027 00:00:00 GMT' });
    expect(deprecationHeaders(op, op.versions[2]!)).toEqual({});
  });
});

describe('versions on the wire', () => {
  let atlas: TestAtlas;
  beforeAll(async () => {
    atlas = await startAtlas();
  });
  afterAll(() => atlas.close());

  it('reports the resolved version in Content-Type', async () => {
    const res = await atlas.call('GET', '/orgs', { version: '2026-11-28' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
  });

  it('answers 406 with the observed body when Accept has no version', async () => {
    const res = await atlas.call('GET', '/orgs', { version: null, headers: { Accept: 'application/json' } });
    expect(res.status).toBe(406);
    expect(res.text).toBe('{"detail":"Invalid accept header or version date.","error":406,"errorCode":"INVALID_VERSION_DATE","parameters":[],"reason":"Not Acceptable"}');
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-error-code']).toBe('INVALID_VERSION_DATE');
  });

  it('lets application/json through with --default-version', async () => {
    const lenient = await startAtlas({ defaultVersion: 'latest' });
    try {
      const res = await lenient.call('GET', '/orgs', { version: null, headers: { Accept: 'application/json' } });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    } finally {
      await lenient.close();
    }
  });
});
