/** `npm run fetch:reference`: downloads kept only with the pinned SHA-256, tested offline with file URLs. */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchReference } from '../../../contracts/harness/fetchReference.js';
import { resolveOpenApiFile } from '../../../contracts/harness/openapi/document.js';
import { REFERENCE_DOWNLOADS } from '../../../contracts/harness/reference.js';
import { describeWithReference } from '../../support/reference.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'fetch-reference-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const source = path.join(tmp, 'published.yaml');
const bytes = 'openapi: 3.0.1\ninfo: {title: t, version: "2.0"}\npaths: {}\n';
writeFileSync(source, bytes);
const sha = createHash('sha256').update(bytes).digest('hex');

describe('fetchReference', () => {
  it('saves a download whose SHA-256 is the pinned one, then leaves it alone', async () => {
    const dir = path.join(tmp, 'ok');
    const download = { url: pathToFileURL(source).href, sha256: sha, file: 'openapi/doc.yaml' };
    expect(await fetchReference([download], dir)).toEqual([{ file: path.join(dir, 'openapi/doc.yaml'), outcome: 'downloaded' }]);
    expect(readFileSync(path.join(dir, 'openapi/doc.yaml'), 'utf8')).toBe(bytes);
    expect((await fetchReference([download], dir))[0]!.outcome).toBe('present');
  });

  it('refuses other bytes and writes nothing', async () => {
    const dir = path.join(tmp, 'bad');
    const download = { url: pathToFileURL(source).href, sha256: '0'.repeat(64), file: 'openapi/doc.yaml' };
    await expect(fetchReference([download], dir)).rejects.toThrow(`SHA-256 is ${sha}, expected ${'0'.repeat(64)}; not saved`);
    expect(existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.yaml')) : []).toEqual([]);
  });

  it('replaces a file whose bytes changed', async () => {
    const dir = path.join(tmp, 'stale');
    const download = { url: pathToFileURL(source).href, sha256: sha, file: 'doc.yaml' };
    await fetchReference([download], dir);
    writeFileSync(path.join(dir, 'doc.yaml'), 'edited');
    expect((await fetchReference([download], dir))[0]!.outcome).toBe('downloaded');
    expect(readFileSync(path.join(dir, 'doc.yaml'), 'utf8')).toBe(bytes);
  });

  it('pins every published document to a commit and a hash', () => {
    for (const d of REFERENCE_DOWNLOADS) {
      expect(d.url).toMatch(/^https:\/\/raw\.githubusercontent\.com\/mongodb\/[\w-]+\/[0-9a-f]{8,40}\//);
      expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});

describeWithReference('the pinned hashes', ['openapi', 'openapi-2026'], () => {
  it('are those of the documents this run compares with', () => {
    for (const d of REFERENCE_DOWNLOADS) {
      const file = path.join(path.dirname(resolveOpenApiFile()), path.basename(d.file));
      expect(createHash('sha256').update(readFileSync(file)).digest('hex'), file).toBe(d.sha256);
    }
  });
});
