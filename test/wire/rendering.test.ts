import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { double, renderJson } from '../../src/wire/json.js';
import { pageLinks, paginate } from '../../src/wire/paging.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';

describe('Jackson-style JSON', () => {
  const value = {
    detail: 'Cannot find resource /x.',
    error: 404,
    parameters: ['/x', 2],
    empty: [],
    none: {},
    nested: { links: [{ href: 'h', rel: 'self' }, { href: 'i', rel: 'next' }], size: double(30), ratio: double(0.5), gone: undefined, nil: null },
  };

  it('writes compact JSON in the objects’ key order, doubles with a fraction, undefined skipped', () => {
    expect(renderJson(value)).toBe(
      '{"detail":"Cannot find resource /x.","error":404,"parameters":["/x",2],"empty":[],"none":{},"nested":{"links":[{"href":"h","rel":"self"},{"href":"i","rel":"next"}],"size":30.0,"ratio":0.5,"nil":null}}',
    );
  });

  it('pretty-prints like Jackson’s DefaultPrettyPrinter', () => {
    expect(renderJson(value, true)).toBe(
      [
        '{',
        '  "detail" : "Cannot find resource /x.",',
        '  "error" : 404,',
        '  "parameters" : [ "/x", 2 ],',
        '  "empty" : [ ],',
        '  "none" : { },',
        '  "nested" : {',
        '    "links" : [ {',
        '      "href" : "h",',
        '      "rel" : "self"',
        '    }, {',
        '      "href" : "i",',
        '      "rel" : "next"',
        '    } ],',
        '    "size" : 30.0,',
        '    "ratio" : 0.5,',
        '    "nil" : null',
        '  }',
        '}',
      ].join('\n'),
    );
  });

  it('escapes strings as JSON does', () => {
    expect(renderJson({ s: 'a"b\\c\n\u0001é' })).toBe(JSON.stringify({ s: 'a"b\\c\n\u0001é' }));
  });
});

describe('paging', () => {
  const query = { includeCount: true, status: 'OPEN', pageNum: 2, itemsPerPage: 2 };
  it('writes self with pageNum then itemsPerPage, next and previous fully alphabetical', () => {
    expect(pageLinks('http://h/api/atlas/v2/x', query, { pageNum: 2, itemsPerPage: 2, includeCount: true }, 5)).toEqual([
      { href: 'http://h/api/atlas/v2/x?includeCount=true&status=OPEN&pageNum=2&itemsPerPage=2', rel: 'self' },
      { href: 'http://h/api/atlas/v2/x?includeCount=true&itemsPerPage=2&pageNum=3&status=OPEN', rel: 'next' },
      { href: 'http://h/api/atlas/v2/x?includeCount=true&itemsPerPage=2&pageNum=1&status=OPEN', rel: 'previous' },
    ]);
    expect(pageLinks('http://h/x', query, { pageNum: 3, itemsPerPage: 2, includeCount: true }, 5).map((l) => l.rel)).toEqual(['self', 'previous']);
  });

  it('maps only the requested page and reports totalCount 0 when includeCount=false', () => {
    let mapped = 0;
    const items = (function* () {
      for (let i = 0; i < 1_000_000; i++) yield i;
    })();
    const page = paginate(items, 1_000_000, { pageNum: 3, itemsPerPage: 4, includeCount: false }, (i) => (mapped++, i * 10), []);
    expect(page).toEqual({ links: [], results: [80, 90, 100, 110], totalCount: 0 });
    expect(mapped).toBe(4);
  });
});

describe('rendering on the wire', () => {
  let atlas: TestAtlas;
  beforeAll(async () => {
    atlas = await startAtlas();
  });
  afterAll(() => atlas.close());

  it('pretty=true applies to successes and errors', async () => {
    const ok = await atlas.call('GET', `/orgs/${atlas.tenant.orgId}?pretty=true`);
    expect(ok.text.startsWith(`{\n  "id" : "${atlas.tenant.orgId}",\n  "isDeleted" : false,\n  "links" : [ {\n    "href" : `)).toBe(true);
    const err = await atlas.call('GET', '/orgs/123?pretty=true');
    expect(err.text).toBe(
      '{\n  "detail" : "An invalid organization ID 123 was specified.",\n  "error" : 404,\n  "errorCode" : "INVALID_ORG_ID",\n  "parameters" : [ "123" ],\n  "reason" : "Not Found"\n}',
    );
  });

  it('envelope=true wraps a body as {content, status} and adds status to a list', async () => {
    const one = await atlas.call('GET', `/orgs/${atlas.tenant.orgId}?envelope=true`);
    expect(one.status).toBe(200);
    expect(Object.keys(one.json)).toEqual(['content', 'status']);
    expect(one.json.status).toBe(200);
    expect(one.json.content.id).toBe(atlas.tenant.orgId);
    const list = await atlas.call('GET', '/orgs?envelope=true');
    expect(Object.keys(list.json)).toEqual(['links', 'results', 'status', 'totalCount']);
    const err = await atlas.call('GET', '/orgs/123?envelope=true');
    expect(err.status).toBe(404);
    expect(err.json).toMatchObject({ status: 404, content: { errorCode: 'INVALID_ORG_ID' } });
  });

  it('rejects bad paging values with 400 INVALID_QUERY_PARAMETER', async () => {
    for (const [q, name] of [
      ['itemsPerPage=0', 'itemsPerPage'],
      ['itemsPerPage=501', 'itemsPerPage'],
      ['itemsPerPage=ten', 'itemsPerPage'],
      ['pageNum=0', 'pageNum'],
      ['includeCount=yes', 'includeCount'],
    ]) {
      const res = await atlas.call('GET', `/orgs?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.json, q).toMatchObject({ errorCode: 'INVALID_QUERY_PARAMETER', parameters: [name] });
    }
  });

  it('pages past the end as an empty page with a previous link', async () => {
    const res = await atlas.call('GET', '/orgs?pageNum=2&itemsPerPage=1&includeCount=false');
    expect(res.json.results).toEqual([]);
    expect(res.json.totalCount).toBe(0);
    expect(res.json.links.map((l: { rel: string }) => l.rel)).toEqual(['self', 'previous']);
  });

  it('sends the standard Atlas headers', async () => {
    const res = await atlas.call('GET', '/orgs');
    expect(res.headers).toMatchObject({
      server: 'mdbws',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'strict-transport-security': 'max-age=31536000; includeSubdomains;',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'x-permitted-cross-domain-policies': 'none',
    });
    expect(res.headers['x-mongodb-service-version']).toMatch(/^gitHash=[0-9a-f]{40}; versionString=/);
    expect(new Date(res.headers.date!).getTime()).toBe(Math.floor(atlas.sim.clock.now() / 1000) * 1000);
  });

  it('mints ObjectIds whose time part is the simulation clock', async () => {
    atlas.sim.clock.set(Date.UTC(2030, 0, 1));
    const tenant = (await atlas.call('POST', '/_mock/tenants', { body: {}, auth: 'none' })).json;
    expect(parseInt(tenant.orgId.slice(0, 8), 16)).toBe(Date.UTC(2030, 0, 1) / 1000);
    expect(tenant.orgId).toMatch(/^[0-9a-f]{24}$/);
  });
});

describe('compression', () => {
  let atlas: TestAtlas;
  beforeAll(async () => {
    atlas = await startAtlas();
  });
  afterAll(() => atlas.close());

  it('gzips large bodies for clients that accept gzip, with Vary, and leaves small ones plain', async () => {
    const { curl } = await import('../support/tools.js');
    const token = await atlas.token();
    const args = ['-H', `Authorization: Bearer ${token}`, '-H', 'Accept: application/vnd.atlas.2025-03-12+json'];
    // The control-plane index is well over the 1 KiB threshold; compression is the server's, for every route.
    const big = await curl([...args, '--compressed', `${atlas.url}/_mock?pretty=true`]);
    expect(big.headers['content-encoding']).toBe('gzip');
    expect(big.headers.vary).toBe('Accept-Encoding');
    expect(JSON.parse(big.body).routes.length).toBeGreaterThan(5);
    expect(Number(big.headers['content-length'])).toBeLessThan(Buffer.byteLength(big.body));
    const plain = await curl([...args, `${atlas.url}/_mock?pretty=true`]);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const small = await curl([...args, '--compressed', `${atlas.url}/api/atlas/v2/orgs/123`]);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body).errorCode).toBe('INVALID_ORG_ID');
  });
});
