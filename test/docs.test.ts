/**
 * The docs a contributor needs are in the repository: every "wire-facts X.n" citation in
 * the code names a section of docs/wire-facts.md, relative links in the Markdown files
 * lead somewhere, and nothing points outside the repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const SKIP = new Set(['node_modules', 'dist', 'reference', '.git', 'coverage']);

function files(dir = ROOT, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) files(p, out);
    else if (/\.(ts|md|mjs|json|py)$|^Dockerfile$|^run$/.test(e.name)) out.push(p);
  }
  return out;
}

const all = files();
const rel = (p: string) => path.relative(ROOT, p);
const wireFacts = readFileSync(path.join(ROOT, 'docs/wire-facts.md'), 'utf8');
const headings = new Set([...wireFacts.matchAll(/^#{2,3} ([A-G](?:\.\d+)?|\d+)[. ]/gm)].map((m) => m[1]));

describe('docs', () => {
  it('every wire-facts section the code cites exists in docs/wire-facts.md', () => {
    const missing: string[] = [];
    let citations = 0;
    for (const f of all) {
      if (f.endsWith('wire-facts.md')) continue;
      for (const m of readFileSync(f, 'utf8').matchAll(/wire-facts,? §?([A-G](?:\.\d+)?)\b/g)) {
        citations++;
        if (!headings.has(m[1]!)) missing.push(`${rel(f)}: ${m[0]}`);
      }
    }
    expect(citations).toBeGreaterThan(50);
    expect(missing).toEqual([]);
    expect(wireFacts).toContain('### Recording caveats');
  });

  it('no file points outside the repository for its docs or data', () => {
    const outside = all.filter((f) => !f.endsWith('docs.test.ts') && /\.\.\/shared|DESIGN\.md/.test(readFileSync(f, 'utf8'))).map(rel);
    expect(outside).toEqual([]);
  });

  it('relative links of the Markdown files lead to files that exist', () => {
    const broken: string[] = [];
    for (const f of all.filter((p) => p.endsWith('.md'))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/i.test(target)) continue;
        if (!existsSync(path.resolve(path.dirname(f), target))) broken.push(`${rel(f)}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
