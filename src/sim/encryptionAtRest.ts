import { z } from 'zod';
import { AWS_REGIONS } from '../../contracts/api/schemas/regions.js';
import { Table } from './table.js';
import type { World } from './world.js';

/**
 * A project's encryption at rest with customer key management
 * (`/groups/{groupId}/encryptionAtRest`). A project without a record has every provider
 * disabled, which is what `GET` answers for a new project.
 */
export const AwsKmsRecord = z.object({
  enabled: z.boolean(),
  customerMasterKeyID: z.string().optional(),
  region: z.enum(AWS_REGIONS).optional(),
  roleId: z.string().optional(),
  requirePrivateNetworking: z.boolean().optional(),
});

export const GoogleCloudKmsRecord = z.object({
  enabled: z.boolean(),
  keyVersionResourceID: z.string().optional(),
  roleId: z.string().optional(),
});

export const EncryptionAtRestRecord = z.object({
  groupId: z.string(),
  awsKms: AwsKmsRecord,
  googleCloudKms: GoogleCloudKmsRecord,
  enabledForSearchNodes: z.boolean(),
});
export type EncryptionAtRestConfig = z.infer<typeof EncryptionAtRestRecord>;

const disabled = (groupId: string): EncryptionAtRestConfig => ({
  groupId,
  awsKms: { enabled: false },
  googleCloudKms: { enabled: false },
  enabledForSearchNodes: false,
});

export class EncryptionAtRest extends Table<EncryptionAtRestConfig> {
  constructor(private readonly world: World) {
    super('encryptionAtRest', EncryptionAtRestRecord, (r) => r.groupId, (r) => ({ groupId: r.groupId }));
  }

  /** The project's configuration; every provider disabled until one is configured. */
  get(groupId: string): EncryptionAtRestConfig {
    this.world.projects.get(groupId);
    return this.rows.get(groupId) ?? disabled(groupId);
  }

  dropGroup(groupId: string): void {
    this.remove(groupId);
  }
}
