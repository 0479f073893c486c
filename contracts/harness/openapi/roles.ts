/**
 * Reading the roles the OpenAPI document states in prose ("the requesting Service Account
 * or API Key must have the Project Read Only role"), for the role test of the catalog and
 * for generating catalog entries.
 */

/** "A, B, or C" / "A or higher" -> ['A', 'B', 'C'] / ['A']. */
export function roleNames(statement: string): string[] {
  return statement
    .replace(/\s+or higher\b/gi, '')
    .split(/\s*,\s*(?:or\s+)?|\s+or\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The role names of every "must have ... role" sentence of a description, in the forms the
 * document uses: "the X role", "the X or Y roles", "the X role, the Y role, or the Z role",
 * "at least the X role for the project ...", "the X role to successfully call ...".
 */
export function statementRoles(description: string): string[] {
  const out: string[] = [];
  for (const m of description.matchAll(/must have (.*?)(?:\.\s|\.$|$)/g)) {
    if (!/\broles?\b/.test(m[1]!)) continue;
    const phrase = m[1]!
      .replace(/\s+roles?\s+(?:to|for|in)\s.*$/, '')
      .replace(/\b(?:at least|any|the)\s+/g, '')
      .replace(/\s+roles?\b/g, '');
    out.push(...roleNames(phrase));
  }
  return out;
}

/**
 * Roles the document names that Atlas for Government cannot grant: left out of a
 * statement, which must still name another role.
 */
export const ABSENT_IN_GOV: Readonly<Record<string, string>> = {
  'Project Charts Admin': 'Charts is unavailable in Atlas for Government (wire-facts E)',
};
