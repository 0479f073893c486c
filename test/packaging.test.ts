/** What `npm pack` ships: the built server and its faces, nothing of the tests or the harness. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  exports: Record<string, string>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

describe('the npm package', () => {
  it('ships only the build of src, handlers and the API catalog, with every export inside', () => {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as [{ files: { path: string }[] }];
    const paths = packed.files.map((f) => f.path);
    const outside = paths.filter((p) => !/^dist\/(src|handlers|contracts\/api)\//.test(p) && !['package.json', 'README.md'].includes(p));
    expect(outside).toEqual([]);
    expect(paths.filter((p) => p.endsWith('.map') || p.includes('.test.'))).toEqual([]);
    for (const target of Object.values(pkg.exports)) expect(paths, target).toContain(target.replace(/^\.\//, ''));
    // The browser console's files, beside the module that serves them (npm run build copies them).
    for (const asset of readdirSync('src/control/console')) expect(paths, asset).toContain(`dist/src/control/console/${asset}`);
  });

  it('needs express, msw and undici only for their faces', () => {
    for (const peer of ['express', 'msw', 'undici']) {
      expect(pkg.dependencies[peer], peer).toBeUndefined();
      expect(pkg.peerDependenciesMeta[peer]?.optional, peer).toBe(true);
    }
    // Only the msw and undici faces load them (the express face uses express's types only).
    const importers = (readdirSync('dist', { recursive: true }) as string[])
      .filter((f) => f.endsWith('.js') && /^(src|handlers|contracts\/api)\//.test(f))
      .filter((f) => /(from |import\()['"](express|msw|undici)['"]/.test(readFileSync(`dist/${f}`, 'utf8')));
    expect(importers.sort()).toEqual(['src/faces/msw.js', 'src/faces/undici.js']);
  });
});
