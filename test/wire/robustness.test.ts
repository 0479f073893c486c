import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAtlas, type TestAtlas } from '../support/harness.js';

let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas({ maxBodyBytes: 64 * 1024 });
});
afterAll(() => atlas.close());

describe('errors every route shares', () => {
  it('answers an unknown path with RESOURCE_NOT_FOUND naming the path', async () => {
    const res = await atlas.call('GET', '/nothing/here');
    expect(res.status).toBe(404);
    expect(res.text).toBe(
      '{"detail":"Cannot find resource /api/atlas/v2/nothing/here.","error":404,"errorCode":"RESOURCE_NOT_FOUND","parameters":["/api/atlas/v2/nothing/here"],"reason":"Not Found"}',
    );
  });

  it('answers an unknown path outside the API the same way, without authentication', async () => {
    const res = await fetch(`${atlas.url}/some/where`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).errorCode).toBe('RESOURCE_NOT_FOUND');
  });

  it('answers a wrong method on a known path with 405 METHOD_NOT_ALLOWED', async () => {
    const res = await atlas.call('DELETE', '/orgs');
    expect(res.status).toBe(405);
    expect(res.json).toMatchObject({ errorCode: 'METHOD_NOT_ALLOWED', error: 405, reason: 'Method Not Allowed', parameters: ['DELETE', '/api/atlas/v2/orgs'] });
  });

  it('answers unparseable JSON with MALFORMED_JSON and unknown fields with INVALID_ATTRIBUTE', async () => {
    const bad = await atlas.call('POST', '/_mock/tenants', { rawBody: '{"name": ', auth: 'none' });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ detail: 'Received JSON is malformed.', error: 400, errorCode: 'MALFORMED_JSON', parameters: [], reason: 'Bad Request' });
    const unknown = await atlas.call('POST', '/_mock/tenants', { body: { name: 'x', colour: 'red' }, auth: 'none' });
    expect(unknown.json).toMatchObject({ errorCode: 'INVALID_ATTRIBUTE', parameters: ['colour'] });
    const wrongType = await atlas.call('POST', '/_mock/tenants', { body: { name: 12 }, auth: 'none' });
    expect(wrongType.json).toMatchObject({ errorCode: 'INVALID_JSON_ATTRIBUTE', parameters: ['name'] });
  });
});

describe('oversized bodies', () => {
  it('refuses a body over the limit with 413 before reading it all, and keeps serving', async () => {
    const big = 'x'.repeat(200 * 1024);
    const res = await atlas.call('POST', '/orgs', { rawBody: big, socket: true });
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ errorCode: 'REQUEST_ENTITY_TOO_LARGE', parameters: [65536] });
    expect((await atlas.call('GET', '/orgs')).status).toBe(200);
  });

  it('stops a chunked upload that has no Content-Length at the limit', async () => {
    const token = await atlas.token();
    const chunk = new Uint8Array(16 * 1024).fill(120);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 100 MiB if the server kept reading: it must not.
        if (sent >= 100 * 1024 * 1024) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${atlas.url}/api/atlas/v2/orgs`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.atlas.2025-03-12+json', 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(100 * 1024 * 1024);
    expect((await atlas.call('GET', '/orgs')).status).toBe(200);
  });

  it('refuses an oversized body on the control plane too, with the same error', async () => {
    const res = await atlas.call('POST', '/_mock/tenants', { rawBody: JSON.stringify({ name: 'y'.repeat(100 * 1024) }), auth: 'none', socket: true });
    expect(res.status).toBe(413);
  });
});

describe('never a 500, never a crash', () => {
  it('answers garbage requests with 4xx and keeps the state', async () => {
    const before = (await atlas.call('GET', '/_mock/state', { auth: 'none' })).text;
    const token = await atlas.token();
    const paths = [
      '/api/atlas/v2/orgs/%E0%A4%A',
      '/api/atlas/v2/orgs/%00',
      '/api/atlas/v2//orgs',
      '/api/atlas/v2/orgs/' + 'a'.repeat(5000),
      '/api/atlas/v2/orgs?itemsPerPage=1e3&pageNum=-1',
      '/api/atlas/v2/orgs?includeCount=maybe',
      '/_mock/tenants/%ZZ',
      '/_mock/faults/abc',
      '/api/oauth/token?x=%',
    ];
    for (const path of paths) {
      for (const method of ['GET', 'POST', 'PATCH', 'DELETE', 'PUT']) {
        const res = await fetch(`${atlas.url}${path}`, {
          method,
          headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.atlas.2025-03-12+json', 'Content-Type': 'application/json' },
          ...(method !== 'GET' && { body: '{"a":' }),
        });
        expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
      }
    }
    expect((await atlas.call('GET', '/_mock/state', { auth: 'none' })).text).toBe(before);
  });

  it('survives malformed HTTP on the socket', async () => {
    const reply = await new Promise<string>((resolve) => {
      const s = connect(atlas.server.port, '127.0.0.1', () => s.write('GARBAGE / HTTP/9.9\r\n\r\n'));
      let data = '';
      s.on('data', (d) => (data += d));
      s.on('close', () => resolve(data));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await atlas.call('GET', '/orgs')).status).toBe(200);
  });
});

describe('private endpoints the Atlas CLI calls', () => {
  it('answers the default MongoDB major version as text without credentials', async () => {
    const v = await fetch(`${atlas.url}/api/private/unauth/nds/defaultMongoDBMajorVersion`);
    expect(v.headers.get('content-type')).toBe('text/plain;charset=iso-8859-1');
    expect(await v.text()).toBe('8.0');
  });

  it('answers the caller’s IP as JSON, behind the Digest challenge as recorded', async () => {
    const anonymous = await fetch(`${atlas.url}/api/private/ipinfo`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Digest realm="MMS Public API"/);
    const ip = await atlas.call('GET', '/api/private/ipinfo', { auth: 'digest', version: null });
    expect(ip.status).toBe(200);
    expect(ip.json).toEqual({ currentIpv4Address: '127.0.0.1' });
  });
});
