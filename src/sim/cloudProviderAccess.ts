import { z } from 'zod';
import { AtlasError } from './errors.js';
import { OBJECT_ID } from './ids.js';
import { checkProvider, type GovProvider } from './govRules.js';
import { ProjectScopedTable } from './projectScopedTable.js';
import type { RegionUsageRestrictions } from './projects.js';
import { DIGITS, LOWER_ALNUM } from './random.js';
import type { World } from './world.js';

/**
 * Cloud provider access roles of a project (`/groups/{groupId}/cloudProviderAccess`):
 * the identities through which Atlas reaches the customer's cloud account, for encryption
 * at rest with the customer's keys among others.
 *
 * An AWS role is created with Atlas's AWS account and an external id; the customer then
 * creates an IAM role that trusts them and authorizes the Atlas role with that role's ARN
 * (`authorizedDate` set). A GCP role is a service account of Atlas's that the customer
 * grants access to; it needs no authorization. Azure does not exist in Atlas for
 * Government.
 */
export const CloudProviderAccessRoleRecord = z.object({
  id: z.string(),
  groupId: z.string(),
  providerName: z.enum(['AWS', 'GCP']),
  created: z.number(),
  /** AWS: Atlas's account, and the external id the customer's trust policy must name. */
  atlasAWSAccountArn: z.string().optional(),
  atlasAssumedRoleExternalId: z.string().optional(),
  /** AWS, once authorized. */
  iamAssumedRoleArn: z.string().optional(),
  authorized: z.number().optional(),
  /** GCP. */
  gcpServiceAccountForAtlas: z.string().optional(),
});
export type CloudProviderAccessRole = z.infer<typeof CloudProviderAccessRoleRecord>;

/**
 * The AWS partition Atlas's account lives in, by the project's designation.
 *
 * Decision: a GOV_REGIONS_ONLY project runs in AWS GovCloud (US), and every ARN of the
 * GovCloud partition starts `arn:aws-us-gov:` (AWS documents partitions as isolated: an
 * IAM role of one partition cannot be assumed from an account of another). A
 * COMMERCIAL_FEDRAMP_REGIONS_ONLY project runs in commercial US regions, so its ARNs
 * are `arn:aws:`. The customer's role must live in the same partition as Atlas's
 * account; one from the other partition cannot be assumed and is refused with
 * CANNOT_ASSUME_ROLE, as AWS itself would fail the AssumeRole call.
 */
export function awsPartition(restriction: RegionUsageRestrictions): 'aws' | 'aws-us-gov' {
  return restriction === 'GOV_REGIONS_ONLY' ? 'aws-us-gov' : 'aws';
}

/** `arn:<partition>:iam::<12-digit account>:role/<path and name>` (IAM's role ARN syntax). */
const ROLE_ARN = /^arn:(aws|aws-us-gov|aws-cn):iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

export class CloudProviderAccess extends ProjectScopedTable<CloudProviderAccessRole> {
  constructor(private readonly world: World) {
    super('cloudProviderAccess', CloudProviderAccessRoleRecord, (r) => r.id, world.clock);
  }

  /** Creates a role for AWS or GCP; Azure is 400 INVALID_PROVIDER (Government rule). */
  create(groupId: string, providerName: string): CloudProviderAccessRole {
    const project = this.world.projects.get(groupId);
    checkProvider(providerName);
    const base = { id: this.world.ids.next(), groupId, providerName, created: this.world.clock.now() };
    const random = this.world.random;
    const role: CloudProviderAccessRole =
      providerName === 'AWS'
        ? {
            ...base,
            atlasAWSAccountArn: `arn:${awsPartition(project.regionUsageRestrictions)}:iam::${random.chars(12, DIGITS)}:root`,
            atlasAssumedRoleExternalId: random.uuid(),
          }
        : { ...base, gcpServiceAccountForAtlas: `mongodb-atlas-${random.chars(16, LOWER_ALNUM)}@p-${random.chars(24, LOWER_ALNUM)}.iam.gserviceaccount.com` };
    this.insert(role);
    return role;
  }

  /**
   * The role, or 404 CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND (also for a malformed id or
   * one of another provider than the path names).
   */
  get(groupId: string, roleId: string, provider?: string): CloudProviderAccessRole {
    this.world.projects.get(groupId);
    const r = OBJECT_ID.test(roleId) ? this.rows.get(roleId) : undefined;
    if (!r || r.groupId !== groupId || (provider !== undefined && r.providerName !== provider)) throw new AtlasError('CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND', [roleId]);
    return r;
  }

  /**
   * Authorizes an AWS role with the ARN of the customer's IAM role. Re-authorizing with
   * another ARN replaces it (Atlas lets a customer point the role elsewhere). Decisions:
   * the body's provider must be the role's (400 INVALID_ATTRIBUTE providerName); a GCP
   * role needs no authorization and is answered unchanged; an ARN that is no IAM role ARN
   * is 400 INVALID_ATTRIBUTE iamAssumedRoleArn; a role of the other AWS partition is
   * 400 CANNOT_ASSUME_ROLE (see `awsPartition`).
   */
  authorize(groupId: string, roleId: string, input: { providerName: string; iamAssumedRoleArn?: string | undefined }): CloudProviderAccessRole {
    const role = this.get(groupId, roleId);
    checkProvider(input.providerName);
    if (input.providerName !== role.providerName) throw new AtlasError('INVALID_ATTRIBUTE', ['providerName']);
    if (role.providerName === 'GCP') return role;
    const arn = input.iamAssumedRoleArn;
    if (arn === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['iamAssumedRoleArn']);
    const m = ROLE_ARN.exec(arn);
    if (!m) throw new AtlasError('INVALID_ATTRIBUTE', ['iamAssumedRoleArn']);
    if (m[1] !== role.atlasAWSAccountArn?.split(':')[1]) throw new AtlasError('CANNOT_ASSUME_ROLE', [arn]);
    role.iamAssumedRoleArn = arn;
    role.authorized ??= this.world.clock.now();
    return role;
  }

  /**
   * Removes the role's access to the project (`DELETE /cloudProviderAccess/{provider}/{roleId}`).
   * A role that encryption at rest still uses is refused with 400
   * CLOUD_PROVIDER_ACCESS_ROLE_IN_USE (the document lists 400 for this operation).
   */
  deauthorize(groupId: string, provider: string, roleId: string): void {
    checkProvider(provider);
    const role = this.get(groupId, roleId, provider);
    const uses = this.featureUsages(role);
    if (uses.length > 0) throw new AtlasError('CLOUD_PROVIDER_ACCESS_ROLE_IN_USE', [roleId, uses[0]!.featureType]);
    this.remove(role.id);
  }

  /** What uses the role: encryption at rest, when the project's key management names it. */
  featureUsages(role: CloudProviderAccessRole): Array<{ featureType: 'ENCRYPTION_AT_REST' }> {
    return this.world.encryptionAtRest.usesRole(role.groupId, role.providerName, role.id) ? [{ featureType: 'ENCRYPTION_AT_REST' }] : [];
  }

  /** The project's roles of one provider, in creation order. */
  listOf(groupId: string, provider: GovProvider): CloudProviderAccessRole[] {
    return this.listIn(groupId).filter((r) => r.providerName === provider);
  }
}
