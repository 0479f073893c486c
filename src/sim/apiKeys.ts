import { z } from 'zod';
import { AtlasError } from './errors.js';
import { AccessListEntryRecord, RoleAssignmentRecord, type Principal } from './principals.js';
import { LOWER } from './random.js';
import { isOrgRole, type GroupRole, type OrgRole } from './roles.js';
import { Table } from './table.js';
import type { World } from './world.js';

export const ApiKeyRecord = z.object({
  id: z.string(),
  orgId: z.string(),
  /** 8 lowercase letters: the Digest username. */
  publicKey: z.string(),
  /** UUID v4: the Digest password. Kept in clear because Digest needs it to verify. */
  privateKey: z.string(),
  desc: z.string(),
  created: z.number(),
  ...RoleAssignmentRecord,
  accessList: z.array(AccessListEntryRecord),
});
export type ApiKey = z.infer<typeof ApiKeyRecord>;

/** Programmatic API keys (HTTP Digest credentials) of organizations. */
export class ApiKeys extends Table<ApiKey> {
  readonly #byPublicKey = new Map<string, string>();

  constructor(private readonly world: World) {
    super('apiKeys', ApiKeyRecord, (k) => k.id, (k) => ({ orgId: k.orgId }));
  }

  protected override onInsert(k: ApiKey): void {
    this.#byPublicKey.set(k.publicKey, k.id);
  }

  protected override onRemove(k: ApiKey): void {
    this.#byPublicKey.delete(k.publicKey);
  }

  findByPublicKey(publicKey: string): ApiKey | undefined {
    const id = this.#byPublicKey.get(publicKey);
    return id === undefined ? undefined : this.rows.get(id);
  }

  create(orgId: string, input: { desc: string; orgRoles: OrgRole[]; groupRoles?: Record<string, GroupRole[]> }): ApiKey {
    this.world.orgs.get(orgId);
    if (!input.desc || input.desc.length > 250) throw new AtlasError('INVALID_API_KEY_DESC');
    if (!input.orgRoles.length) throw new AtlasError('MISSING_API_KEY_ROLES');
    for (const r of input.orgRoles) if (!isOrgRole(r)) throw new AtlasError('INVALID_ENUM_VALUE', [r]);
    let publicKey: string;
    do publicKey = this.world.random.chars(8, LOWER);
    while (this.#byPublicKey.has(publicKey));
    return this.insert({
      id: this.world.ids.next(),
      orgId,
      publicKey,
      privateKey: this.world.random.uuid(),
      desc: input.desc,
      created: this.world.clock.now(),
      orgRoles: [...new Set(input.orgRoles)],
      groupRoles: input.groupRoles ?? {},
      accessList: [],
    });
  }

  delete(id: string): ApiKey | undefined {
    return this.remove(id);
  }

  listByOrg(orgId: string): ApiKey[] {
    return [...this.rows.values()].filter((k) => k.orgId === orgId);
  }

  static principal(k: ApiKey): Principal {
    return {
      kind: 'API_KEY',
      id: k.id,
      name: k.publicKey,
      orgId: k.orgId,
      orgRoles: k.orgRoles,
      groupRoles: k.groupRoles,
      accessList: k.accessList,
    };
  }
}
