/**
 * Catalog operations the scenarios do not yet cover, and what they lack: a call that
 * succeeds, a documented error, or both. test/contracts/harness/scenarios.test.ts fails for any
 * other uncovered operation, and for an entry here that is covered by now, so this list
 * only ever shrinks. Add an entry only with the operation, never to silence a gap for good.
 */
export type Gap = 'success' | 'error';

export const UNCOVERED: Readonly<Record<string, readonly Gap[]>> = {
  // Atlas for Government never creates users through the API: the refusal is the contract.
  createUser: ['success'],
};
