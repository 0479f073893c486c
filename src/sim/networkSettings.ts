import { z } from 'zod';
import { Table } from './table.js';
import type { World } from './world.js';

/**
 * Per-project networking switches: regionalized private endpoints
 * (`/privateEndpoint/regionalMode`) and custom DNS for AWS clusters (`/awsCustomDNS`).
 * Both are off for a new project; a project without a record has them off.
 */
export const NetworkSettingsRecord = z.object({
  groupId: z.string(),
  regionalizedPrivateEndpoints: z.boolean(),
  awsCustomDns: z.boolean(),
});
export type NetworkSettings = z.infer<typeof NetworkSettingsRecord>;

export class ProjectNetworkSettings extends Table<NetworkSettings> {
  constructor(private readonly world: World) {
    super('networkSettings', NetworkSettingsRecord, (r) => r.groupId, (r) => ({ groupId: r.groupId }));
  }

  get(groupId: string): NetworkSettings {
    this.world.projects.get(groupId);
    return this.rows.get(groupId) ?? { groupId, regionalizedPrivateEndpoints: false, awsCustomDns: false };
  }

  set(groupId: string, change: Partial<Omit<NetworkSettings, 'groupId'>>): NetworkSettings {
    return this.insert({ ...this.get(groupId), ...change });
  }

  dropGroup(groupId: string): void {
    this.remove(groupId);
  }
}
