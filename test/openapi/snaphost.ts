/** The recorded-response reader moved to contracts/recorded.ts; tests written against this path keep working. */
export * from '../../contracts/recorded.js';
