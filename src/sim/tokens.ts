import { z } from 'zod';
import { Table } from './table.js';
import type { World } from './world.js';

/** Access tokens live one hour and cannot be refreshed (wire-facts A.2). */
export const TOKEN_LIFETIME_SECONDS = 3600;

export const TokenRecord = z.object({
  jti: z.string(),
  clientId: z.string(),
  secretId: z.string(),
  orgId: z.string(),
  issuedAt: z.number(),
  expiresAt: z.number(),
  revoked: z.boolean(),
});
export type TokenGrant = z.infer<typeof TokenRecord>;

/**
 * Issued OAuth access tokens, by JWT id. The JWT itself is signed in the auth layer;
 * this table is what makes revocation, and deletion of the secret or the account that
 * minted a token, take effect immediately.
 */
export class Tokens extends Table<TokenGrant> {
  /** Grants kept at most; past it the oldest live ones are forgotten (their tokens are then refused). */
  limit = 10_000;

  constructor(private readonly world: World) {
    super('tokens', TokenRecord, (t) => t.jti, (t) => ({ orgId: t.orgId }));
  }

  issue(grant: Omit<TokenGrant, 'jti' | 'issuedAt' | 'expiresAt' | 'revoked'>): TokenGrant {
    this.#prune();
    const issuedAt = this.world.clock.nowSeconds() * 1000;
    // A token id names one grant for good: never reuse one still on record.
    let jti = this.world.random.uuid();
    while (this.rows.has(jti)) jti = this.world.random.uuid();
    return this.insert({
      ...grant,
      jti,
      issuedAt,
      expiresAt: issuedAt + TOKEN_LIFETIME_SECONDS * 1000,
      revoked: false,
    });
  }

  /** Marks the token revoked. Returns false when it is unknown or already expired. */
  revoke(jti: string): boolean {
    const t = this.rows.get(jti);
    if (!t) return false;
    t.revoked = true;
    return true;
  }

  /**
   * Expired grants can never be accepted again, so forgetting them is safe; past the
   * limit the oldest live ones go too. Rows are in issue order, so both come first.
   */
  #prune(): void {
    const now = this.world.clock.now();
    for (const t of this.rows.values()) {
      if (t.expiresAt > now && this.rows.size < this.limit) break;
      this.remove(t.jti);
    }
  }
}
