import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAtlas, type TestAtlas } from '../support/harness.js';

/** Oversized bodies and URLs get Atlas errors from the server face (finding 9 of the hostile campaign). */
let atlas: TestAtlas;
beforeAll(async () => {
  atlas = await startAtlas();
});
afterAll(() => atlas.close());

describe('finding 9: limits answer with Atlas errors', () => {
  it('answers a chunked body over the limit with the 413, not a reset', async () => {
    const url = new URL(`${atlas.url}/api/atlas/v2/groups`);
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (r) => {
        let text = '';
        r.on('data', (d) => (text += d));
        r.on('end', () => resolve({ status: r.statusCode!, body: text }));
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      for (let i = 0; i < 40; i++) req.write(chunk);
      req.end();
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).errorCode).toBe('REQUEST_ENTITY_TOO_LARGE');
  });

  it('answers a 60 KB URL with a 400 Atlas error body', async () => {
    const res = await fetch(`${atlas.url}/api/atlas/v2/orgs?x=${'a'.repeat(60 * 1024)}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 400, errorCode: 'INVALID_URL' });
  });
});
