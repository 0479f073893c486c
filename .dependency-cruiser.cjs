/**
 * The layering of the project, checked on every `npm test` (`npm run lint:layers`).
 * Imports point downward: faces -> composition (src/simulation.ts, src/control) ->
 * handlers -> wire -> auth -> sim -> the API catalog (contracts/api). The harness
 * (contracts/harness) sits beside the product and may use all of it; nothing in the
 * product uses the harness.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle makes two modules one; break it by moving the shared piece down a layer. Type-only back references ' +
        '(a table naming the World type that holds it) are allowed: they vanish at run time and keep the registry simple.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'catalog-is-a-leaf',
      severity: 'error',
      comment: 'The API catalog (contracts/api) describes the wire; it knows nothing of the simulator or the harness.',
      from: { path: '^contracts/api/' },
      to: { path: '^(src|handlers|contracts/harness|test|bench)/' },
    },
    {
      name: 'one-composition-root',
      severity: 'error',
      comment: 'Only src/simulation.ts wires the handlers in; the rest of src/ never sees them.',
      from: { path: '^src/', pathNot: '^src/simulation\\.ts$' },
      to: { path: '^handlers/' },
    },
    {
      name: 'product-without-harness',
      severity: 'error',
      comment: 'The server runs on the catalog only; the harness is a tool beside it.',
      from: { path: '^(src|handlers|contracts/api)/' },
      to: { path: '^(contracts/harness|test|bench)/' },
    },
    {
      name: 'sim-is-the-bottom',
      severity: 'error',
      comment: 'Rules and state know no HTTP, authentication or faces.',
      from: { path: '^src/sim/' },
      to: { path: '^(src/(wire|auth|control|faces)|handlers)/|^src/[^/]+\\.ts$' },
    },
    {
      name: 'auth-below-wire',
      severity: 'error',
      from: { path: '^src/auth/' },
      to: { path: '^(src/(wire|control|faces)|handlers)/|^src/[^/]+\\.ts$' },
    },
    {
      name: 'wire-below-composition',
      severity: 'error',
      comment: 'The protocol layer serves whatever handlers it is given.',
      from: { path: '^src/wire/' },
      to: { path: '^(src/(control|faces)|handlers)/|^src/simulation\\.ts$' },
    },
    {
      name: 'handlers-below-composition',
      severity: 'error',
      from: { path: '^handlers/' },
      to: { path: '^src/(control|faces)/|^src/(simulation|cli|index)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    // Type-only imports count too: a layer that names another's types depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
