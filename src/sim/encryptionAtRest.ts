import { z } from 'zod';
import { AWS_REGIONS } from '../../contracts/api/vocabulary.js';
import { AtlasError } from './errors.js';
import { checkAwsKmsRegion, checkEncryptionAtRestProvider, checkGoogleKmsLocation, checkRegion } from './govRules.js';
import { OBJECT_ID } from './ids.js';
import type { CompletedTransition, LifecycleParticipant, ManualFilter } from './lifecycle.js';
import { ProjectScopedTable } from './projectScopedTable.js';
import { completeSteps, settle, start, startDeleting, StepRecord } from './stagedStatus.js';
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
type AwsKms = EncryptionAtRestConfig['awsKms'];
type GoogleCloudKms = EncryptionAtRestConfig['googleCloudKms'];

/** The PATCH body, as the request contract reads it. */
export interface EncryptionAtRestInput {
  awsKms?: Partial<AwsKms> & { accessKeyID?: string | undefined; secretAccessKey?: string | undefined };
  azureKeyVault?: { enabled?: boolean | undefined };
  googleCloudKms?: Partial<GoogleCloudKms> & { serviceAccountKey?: string | undefined };
  enabledForSearchNodes?: boolean | undefined;
}

const disabled = (groupId: string): EncryptionAtRestConfig => ({
  groupId,
  awsKms: { enabled: false },
  googleCloudKms: { enabled: false },
  enabledForSearchNodes: false,
});

/** `projects/<p>/locations/<location>/keyRings/<r>/cryptoKeys/<k>/cryptoKeyVersions/<n>`. */
const KEY_VERSION = /^projects\/[^/]+\/locations\/([^/]+)\/keyRings\/[^/]+\/cryptoKeys\/[^/]+\/cryptoKeyVersions\/\d+$/;

/**
 * Rules (wire-facts-wave2 §3, Atlas for Government considerations):
 * - AWS KMS takes an authorized cloud provider access role of the project (404
 *   CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND, 400 CLOUD_PROVIDER_ACCESS_ROLE_NOT_AUTHORIZED),
 *   a key id and a key region of the project's designation (400
 *   AWS_KMS_REGION_NOT_SUPPORTED). Decision: the legacy access keys are not modelled
 *   (they cannot be checked offline): enabling without `roleId` is 400 MISSING_ATTRIBUTE.
 * - Google Cloud KMS takes a GCP role of the project and a key version whose location is
 *   an Assured Workloads region of the project (400 INVALID_REGION); a key version name
 *   that is not one is 400 GOOGLE_CLOUD_KMS_KEY_VERSION_NOT_FOUND.
 * - Azure Key Vault does not exist in Atlas for Government (400
 *   INVALID_ENCRYPTION_AT_REST_PROVIDER); sending it disabled, as Terraform does when it
 *   turns everything off, is accepted.
 * - A provider cannot be disabled while a cluster of the project uses it (409
 *   CANNOT_DISABLE_ENCRYPTION_AT_REST). Keys can be changed (rotated) while enabled.
 * - The simulator cannot reach the customer's key, so an enabled, well-formed
 *   configuration reads `valid: true`.
 * - A PATCH is idempotent and all or nothing; a provider block merges over the current
 *   settings, and disabling clears them.
 */
export class EncryptionAtRest extends Table<EncryptionAtRestConfig> {
  constructor(private readonly world: World) {
    super('encryptionAtRest', EncryptionAtRestRecord, (r) => r.groupId, (r) => ({ groupId: r.groupId }));
  }

  /** The project's configuration; every provider disabled until one is configured. */
  get(groupId: string): EncryptionAtRestConfig {
    this.world.projects.get(groupId);
    return this.rows.get(groupId) ?? disabled(groupId);
  }

  update(groupId: string, input: EncryptionAtRestInput): EncryptionAtRestConfig {
    const cur = this.get(groupId);
    if (input.azureKeyVault?.enabled === true) checkEncryptionAtRestProvider('AZURE');
    const next: EncryptionAtRestConfig = {
      groupId,
      awsKms: input.awsKms ? this.#aws(groupId, cur.awsKms, input.awsKms) : cur.awsKms,
      googleCloudKms: input.googleCloudKms ? this.#gcp(groupId, cur.googleCloudKms, input.googleCloudKms) : cur.googleCloudKms,
      enabledForSearchNodes: input.enabledForSearchNodes ?? cur.enabledForSearchNodes,
    };
    for (const [provider, was, now] of [['AWS', cur.awsKms.enabled, next.awsKms.enabled], ['GCP', cur.googleCloudKms.enabled, next.googleCloudKms.enabled]] as const) {
      if (was && !now && this.world.clusters.listIn(groupId).some((c) => c.encryptionAtRestProvider === provider)) {
        throw new AtlasError('CANNOT_DISABLE_ENCRYPTION_AT_REST', []);
      }
    }
    return this.insert(next);
  }

  #aws(groupId: string, cur: AwsKms, input: NonNullable<EncryptionAtRestInput['awsKms']>): AwsKms {
    if (!(input.enabled ?? cur.enabled)) return { enabled: false };
    const customerMasterKeyID = input.customerMasterKeyID ?? cur.customerMasterKeyID;
    const region = input.region ?? cur.region;
    const roleId = input.roleId ?? cur.roleId;
    if (customerMasterKeyID === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['customerMasterKeyID']);
    if (region === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['region']);
    if (roleId === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['roleId']);
    const role = this.world.cloudProviderAccess.get(groupId, roleId, 'AWS');
    if (role.authorized === undefined) throw new AtlasError('CLOUD_PROVIDER_ACCESS_ROLE_NOT_AUTHORIZED', [roleId]);
    checkAwsKmsRegion(this.world.projects.get(groupId).regionUsageRestrictions, region);
    return { enabled: true, customerMasterKeyID, region, roleId, requirePrivateNetworking: input.requirePrivateNetworking ?? cur.requirePrivateNetworking ?? false };
  }

  #gcp(groupId: string, cur: GoogleCloudKms, input: NonNullable<EncryptionAtRestInput['googleCloudKms']>): GoogleCloudKms {
    if (!(input.enabled ?? cur.enabled)) return { enabled: false };
    const keyVersionResourceID = input.keyVersionResourceID ?? cur.keyVersionResourceID;
    const roleId = input.roleId ?? cur.roleId;
    if (keyVersionResourceID === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['keyVersionResourceID']);
    if (roleId === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['roleId']);
    this.world.cloudProviderAccess.get(groupId, roleId, 'GCP');
    const m = KEY_VERSION.exec(keyVersionResourceID);
    if (!m) throw new AtlasError('GOOGLE_CLOUD_KMS_KEY_VERSION_NOT_FOUND', []);
    checkGoogleKmsLocation(this.world.projects.get(groupId).regionUsageRestrictions, m[1]!);
    return { enabled: true, keyVersionResourceID, roleId };
  }

  /** Whether clusters of the project may use customer keys of `provider` (`AWS`, `GCP`, `AZURE`). */
  enabledFor(groupId: string, provider: string): boolean {
    const c = this.get(groupId);
    return provider === 'AWS' ? c.awsKms.enabled : provider === 'GCP' ? c.googleCloudKms.enabled : false;
  }

  /** Whether the project's key management uses the cloud provider access role. */
  usesRole(groupId: string, provider: string, roleId: string): boolean {
    const c = this.rows.get(groupId);
    const p = provider === 'AWS' ? c?.awsKms : provider === 'GCP' ? c?.googleCloudKms : undefined;
    return p?.enabled === true && p.roleId === roleId;
  }

  dropGroup(groupId: string): void {
    this.remove(groupId);
  }
}

export const EarPrivateEndpointRecord = z.object({
  id: z.string(),
  groupId: z.string(),
  cloudProvider: z.literal('AWS'),
  regionName: z.string(),
  created: z.number(),
  status: z.string(),
  step: StepRecord.optional(),
});
export type EarPrivateEndpoint = z.infer<typeof EarPrivateEndpointRecord>;

/**
 * Decision: an AWS KMS private endpoint goes INITIATING -> ACTIVE. PENDING_ACCEPTANCE is
 * the Azure endpoint waiting for the customer's approval in the key vault; AWS KMS
 * endpoints live in Atlas's own VPC and need none.
 */
const EAR_ENDPOINT_PATH = ['INITIATING', 'ACTIVE'] as const;

/**
 * Private endpoints through which Atlas reaches the project's KMS keys
 * (`/encryptionAtRest/{cloudProvider}/privateEndpoints`). Decisions: only AWS (Azure does
 * not exist in Atlas for Government: 400 INVALID_PROVIDER; GCP has no such endpoints: 404
 * PROVIDER_UNSUPPORTED); AWS KMS must be enabled (400 ENCRYPTION_AT_REST_NOT_ENABLED); the
 * region must be one of the project's designation (the cluster region rules); one
 * endpoint per region (409 PRIVATELINK_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION); an
 * unknown or malformed id is 404 RESOURCE_NOT_FOUND; asking again to delete one that is
 * DELETING is accepted.
 */
export class EncryptionAtRestPrivateEndpoints extends ProjectScopedTable<EarPrivateEndpoint> implements LifecycleParticipant {
  constructor(private readonly world: World) {
    super('encryptionAtRestPrivateEndpoints', EarPrivateEndpointRecord, (r) => r.id, world.clock);
    world.lifecycle.addParticipant(this);
  }

  list(groupId: string, provider: string): EarPrivateEndpoint[] {
    earProvider(provider);
    this.world.projects.get(groupId);
    this.#settle(groupId);
    return this.listIn(groupId);
  }

  create(groupId: string, provider: string, regionName: string | undefined): EarPrivateEndpoint {
    const cloudProvider = earProvider(provider);
    const project = this.world.projects.get(groupId);
    if (regionName === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['regionName']);
    checkRegion(project.regionUsageRestrictions, cloudProvider, regionName);
    if (!this.world.encryptionAtRest.enabledFor(groupId, cloudProvider)) throw new AtlasError('ENCRYPTION_AT_REST_NOT_ENABLED', [groupId]);
    this.#settle(groupId);
    if (this.listIn(groupId).some((e) => e.regionName === regionName && e.status !== 'DELETING')) {
      throw new AtlasError('PRIVATELINK_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION', [regionName]);
    }
    const now = this.clock.now();
    return this.insert({ id: this.world.ids.next(), groupId, cloudProvider, regionName, created: now, ...start(this.world.lifecycle, EAR_ENDPOINT_PATH, now) });
  }

  get(groupId: string, provider: string, endpointId: string): EarPrivateEndpoint {
    earProvider(provider);
    this.world.projects.get(groupId);
    this.#settle(groupId);
    const e = OBJECT_ID.test(endpointId) ? this.rows.get(endpointId) : undefined;
    if (!e || e.groupId !== groupId) throw new AtlasError('RESOURCE_NOT_FOUND', [endpointId]);
    return e;
  }

  requestDeletion(groupId: string, provider: string, endpointId: string): void {
    const e = this.get(groupId, provider, endpointId);
    if (e.status !== 'DELETING') startDeleting(this.world.lifecycle, e, this.clock.now());
  }

  #settle(groupId: string): void {
    const now = this.clock.now();
    for (const e of this.listIn(groupId)) if (settle(this.world.lifecycle, e, EAR_ENDPOINT_PATH, now)) this.remove(e.id);
  }

  settle(): void {
    const now = this.clock.now();
    for (const e of [...this.rows.values()]) if (settle(this.world.lifecycle, e, EAR_ENDPOINT_PATH, now)) this.remove(e.id);
  }

  completeManual(filter: ManualFilter): CompletedTransition[] {
    const done: CompletedTransition[] = [];
    for (const e of [...this.rows.values()]) {
      if ((filter.groupId !== undefined && e.groupId !== filter.groupId) || (filter.name !== undefined && e.id !== filter.name)) continue;
      const kind = e.step?.kind;
      if (kind && completeSteps(this.world.lifecycle, e, () => EAR_ENDPOINT_PATH, this.clock.now(), filter)) {
        done.push({ kind, groupId: e.groupId, name: e.id, to: e.status === 'GONE' ? 'DELETED' : e.status });
        if (e.status === 'GONE') this.remove(e.id);
      }
    }
    return done;
  }
}

/** The `{cloudProvider}` of a key-management endpoint path. */
function earProvider(provider: string): 'AWS' {
  if (provider === 'AZURE') throw new AtlasError('INVALID_PROVIDER', [provider]);
  if (provider !== 'AWS') throw new AtlasError('PROVIDER_UNSUPPORTED', [provider]);
  return provider;
}
