import { AtlasError } from './errors.js';
import { sizeRank, tierOf, tiersOf, TENANT_SIZES, type Tier } from './instanceSizes.js';
import type { RegionUsageRestrictions } from './projects.js';
import { regionExists } from './regions.js';

/**
 * The Atlas for Government rules for clusters, in one place (wire-facts E). Every other
 * module asks these functions; none repeats a Government list.
 *
 * Atlas for Government documents its restrictions but not the errors it answers when a
 * request breaks one. Each rule below names the closest real Atlas error code (wire-facts
 * E, "Error codes for Gov restrictions") and says why it was chosen.
 */

/** Dedicated providers a Government cluster may run on. */
export type GovProvider = 'AWS' | 'GCP';

export interface OfferedRegion {
  readonly name: string;
  /** Shown as `default` in the provider regions listing. */
  readonly default: boolean;
}

/**
 * The regions of each project designation. `COMMERCIAL_FEDRAMP_REGIONS_ONLY` (FedRAMP
 * Moderate) is four commercial AWS US regions; `GOV_REGIONS_ONLY` (FedRAMP High) is AWS
 * GovCloud plus the GCP Assured Workloads regions (the `_AW` names). The two sets are
 * disjoint and a project's designation is fixed at creation, so gov and standard regions
 * can never mix in one project: enforcing the set per project is the whole mixing rule.
 *
 * Decision (`default` flags): the commercial set keeps the flags recorded from Atlas
 * (US_EAST_1 and US_WEST_2); in the gov set the first region of each provider is the
 * default.
 */
const REGIONS: Readonly<Record<RegionUsageRestrictions, Readonly<Partial<Record<GovProvider, readonly OfferedRegion[]>>>>> = {
  COMMERCIAL_FEDRAMP_REGIONS_ONLY: {
    AWS: [
      { name: 'US_EAST_1', default: true },
      { name: 'US_EAST_2', default: false },
      { name: 'US_WEST_1', default: false },
      { name: 'US_WEST_2', default: true },
    ],
  },
  GOV_REGIONS_ONLY: {
    AWS: [
      { name: 'US_GOV_WEST_1', default: true },
      { name: 'US_GOV_EAST_1', default: false },
    ],
    GCP: [
      { name: 'EASTERN_US_AW', default: true },
      { name: 'US_EAST_4_AW', default: false },
      { name: 'US_EAST_5_AW', default: false },
      { name: 'US_WEST_2_AW', default: false },
      { name: 'US_WEST_3_AW', default: false },
      { name: 'US_WEST_4_AW', default: false },
      { name: 'US_SOUTH_1_AW', default: false },
      { name: 'CENTRAL_US_AW', default: false },
      { name: 'WESTERN_US_AW', default: false },
    ],
  },
};

const DESIGNATIONS = Object.keys(REGIONS) as RegionUsageRestrictions[];

function offers(restriction: RegionUsageRestrictions, provider: string, region: string): boolean {
  return REGIONS[restriction][provider as GovProvider]?.some((r) => r.name === region) ?? false;
}

/**
 * Cloud providers. Atlas for Government has no Azure and no shared (`TENANT`) or Flex
 * clusters.
 *
 * Decision: 400 INVALID_PROVIDER, "No provider %s exists." From a Government project's
 * point of view these providers do not exist, and a 400 is what clients expect for a bad
 * cluster body; the other candidate, 404 PROVIDER_UNSUPPORTED, would look like a missing
 * resource to clients that branch on the status.
 */
export function checkProvider(provider: string): asserts provider is GovProvider {
  if (provider !== 'AWS' && provider !== 'GCP') throw new AtlasError('INVALID_PROVIDER', [provider]);
}

/** Smallest tier Atlas for Government offers. */
export const GOV_MIN_INSTANCE_SIZE = 'M20';
const GOV_MIN_RANK = sizeRank(GOV_MIN_INSTANCE_SIZE);

/**
 * Instance sizes: M20 or larger. Free (M0), shared (M2, M5), Flex and M10 do not exist in
 * Atlas for Government.
 *
 * Decision: a size below M20 gets 400 INSUFFICIENT_INSTANCE_SIZE with `M20` ("This
 * feature requires instance size M20 or larger."), which states the Government minimum
 * in Atlas's own words. A size that exists in Atlas but not for this provider (an Azure
 * or GCP-only tier on AWS) gets 400 INVALID_INSTANCE_TYPE_NAME, as commercial Atlas
 * answers for a tier missing from the provider's machine options.
 */
export function checkInstanceSize(provider: GovProvider, size: string): Tier {
  if ((TENANT_SIZES as readonly string[]).includes(size) || sizeRank(size) < GOV_MIN_RANK) {
    throw new AtlasError('INSUFFICIENT_INSTANCE_SIZE', [GOV_MIN_INSTANCE_SIZE]);
  }
  const t = tierOf(provider, size);
  if (!t) throw new AtlasError('INVALID_INSTANCE_TYPE_NAME', [size]);
  return t;
}

/**
 * Regions, by the project's `regionUsageRestrictions`.
 *
 * Decisions:
 * - A name that is no region of the provider, or a real region that Atlas for Government
 *   does not offer at all (EU_WEST_1, or a GCP region without Assured Workloads): 400
 *   INVALID_REGION, "No region %s exists for provider %s." In Atlas for Government that
 *   region does not exist.
 * - A Government region of the other designation (US_GOV_WEST_1 in a FedRAMP Moderate
 *   project, US_EAST_1 in a GOV_REGIONS_ONLY one): 409 REGION_UNAVAILABLE, "The selected
 *   region %s is unavailable for use." The region exists but this project may not use
 *   it; the distinct code tells the user that the project's designation is the cause.
 */
export function checkRegion(restriction: RegionUsageRestrictions, provider: GovProvider, region: string): void {
  if (offers(restriction, provider, region)) return;
  const elsewhere = DESIGNATIONS.some((d) => d !== restriction && offers(d, provider, region));
  if (!regionExists(provider, region) || !elsewhere) throw new AtlasError('INVALID_REGION', [region, provider]);
  throw new AtlasError('REGION_UNAVAILABLE', [region]);
}

/**
 * Cluster types: Global Clusters (`GEOSHARDED`) are not available in Atlas for
 * Government. Decision: 403 FEATURE_UNSUPPORTED ("Feature not supported by current
 * account level."), the code wire-facts E suggests for unavailable features.
 */
export function checkClusterType(clusterType: string): void {
  if (clusterType === 'GEOSHARDED') throw new AtlasError('FEATURE_UNSUPPORTED', []);
}

/**
 * Customer-managed encryption keys: Azure Key Vault does not exist in Atlas for
 * Government. Decision: 400 INVALID_ENCRYPTION_AT_REST_PROVIDER with the provider.
 */
export function checkEncryptionAtRestProvider(provider: string): void {
  if (provider === 'AZURE') throw new AtlasError('INVALID_ENCRYPTION_AT_REST_PROVIDER', [provider]);
}

/**
 * Customer-managed keys in AWS KMS: the key's region must belong to the project's
 * designation (GovCloud for GOV_REGIONS_ONLY, the four commercial US regions for
 * COMMERCIAL_FEDRAMP_REGIONS_ONLY). Decision: 400 AWS_KMS_REGION_NOT_SUPPORTED, Atlas's
 * own code for a key region it cannot use (wire-facts-wave2 §14).
 */
export function checkAwsKmsRegion(restriction: RegionUsageRestrictions, region: string): void {
  if (!offers(restriction, 'AWS', region)) throw new AtlasError('AWS_KMS_REGION_NOT_SUPPORTED', []);
}

/** GCP location names of Atlas's GCP region names (`US_EAST_4_AW` -> `us-east4`). */
const GCP_LOCATION_EXCEPTIONS: Readonly<Record<string, string>> = { EASTERN_US: 'us-east1', CENTRAL_US: 'us-central1', WESTERN_US: 'us-west1' };
export function gcpLocation(region: string): string {
  const base = region.replace(/_AW$/, '');
  return GCP_LOCATION_EXCEPTIONS[base] ?? base.toLowerCase().replace(/^([a-z]+)_([a-z]+)_(\d+)$/, '$1-$2$3');
}

/**
 * Customer-managed keys in Google Cloud KMS: the key's location must be the location of
 * an Assured Workloads region the project may use (none in a commercial-designation
 * project, which has no GCP). Decision: 400 INVALID_REGION with the location and GCP,
 * the code the Government region rules answer everywhere else (wire-facts-wave2 §14).
 */
export function checkGoogleKmsLocation(restriction: RegionUsageRestrictions, location: string): void {
  if (!REGIONS[restriction].GCP?.some((r) => gcpLocation(r.name) === location)) throw new AtlasError('INVALID_REGION', [location, 'GCP']);
}

/** Tiers Atlas for Government offers on a provider, in listing order. */
export function offeredTiers(provider: GovProvider): Tier[] {
  return tiersOf(provider).filter((t) => sizeRank(t.name) >= GOV_MIN_RANK);
}

/** The providers and regions a project may use, in listing order (AWS first). */
export function offeredRegions(restriction: RegionUsageRestrictions): Array<{ provider: GovProvider; regions: readonly OfferedRegion[] }> {
  const out: Array<{ provider: GovProvider; regions: readonly OfferedRegion[] }> = [];
  for (const provider of ['AWS', 'GCP'] as const) {
    const regions = REGIONS[restriction][provider];
    if (regions) out.push({ provider, regions });
  }
  return out;
}

/** One provider of the provider regions listing. */
export interface ProviderRegions {
  provider: GovProvider;
  instanceSizes: Array<{ name: string; availableRegions: readonly OfferedRegion[] }>;
}

/**
 * `GET /clusters/provider/regions`: the providers, tiers and regions the project may use,
 * optionally narrowed to some providers and one tier. Providers Atlas knows but Atlas for
 * Government does not offer (AZURE, TENANT) and tiers it does not offer (M10) simply
 * have no entries; a provider name Atlas does not know is 400 INVALID_PROVIDER. Decision:
 * every offered tier is available in every region of the project's designation.
 */
export function providerRegions(restriction: RegionUsageRestrictions, providers: readonly string[] = [], tier?: string): ProviderRegions[] {
  for (const p of providers) if (!['AWS', 'GCP', 'AZURE', 'TENANT'].includes(p)) throw new AtlasError('INVALID_PROVIDER', [p]);
  const out: ProviderRegions[] = [];
  for (const { provider, regions } of offeredRegions(restriction)) {
    if (providers.length && !providers.includes(provider)) continue;
    const sizes = offeredTiers(provider).filter((t) => tier === undefined || t.name === tier);
    if (sizes.length) out.push({ provider, instanceSizes: sizes.map((t) => ({ name: t.name, availableRegions: regions })) });
  }
  return out;
}

/**
 * Free and shared tiers (`providerName: TENANT` or `FLEX`, M0/M2/M5) do not exist in
 * Atlas for Government: such a request is refused for that before any other check of
 * its body, as clients that create free clusters send bodies the dedicated rules would
 * otherwise find incomplete (no `priority`, no `nodeCount`). Same codes as the provider
 * and tier rules: INVALID_PROVIDER for the provider, INSUFFICIENT_INSTANCE_SIZE for a
 * shared size on a dedicated provider.
 */
export function refuseSharedTiers(input: {
  replicationSpecs?: ReadonlyArray<{ regionConfigs?: ReadonlyArray<SharedTierProbe> | null | undefined }> | null | undefined;
}): void {
  for (const spec of input.replicationSpecs ?? []) {
    for (const rc of spec.regionConfigs ?? []) {
      if (rc.providerName === 'TENANT' || rc.providerName === 'FLEX') throw new AtlasError('INVALID_PROVIDER', [rc.providerName]);
      for (const hw of [rc.electableSpecs, rc.readOnlySpecs, rc.analyticsSpecs]) {
        if (hw?.instanceSize && (TENANT_SIZES as readonly string[]).includes(hw.instanceSize)) throw new AtlasError('INSUFFICIENT_INSTANCE_SIZE', [GOV_MIN_INSTANCE_SIZE]);
      }
    }
  }
}

interface SharedTierProbe {
  providerName?: string | null | undefined;
  electableSpecs?: { instanceSize?: string | null | undefined } | null | undefined;
  readOnlySpecs?: { instanceSize?: string | null | undefined } | null | undefined;
  analyticsSpecs?: { instanceSize?: string | null | undefined } | null | undefined;
}

/**
 * Where a snapshot copy may be kept (a schedule's `copySettings`): in the regions of the
 * project's own designation, like its clusters (Atlas for Government keeps the backups of
 * GovCloud deployments in GovCloud regions and those of commercial deployments in
 * commercial regions). Same refusals as `checkRegion`.
 */
export function checkBackupRegion(restriction: RegionUsageRestrictions, provider: string, region: string): GovProvider {
  checkProvider(provider);
  checkRegion(restriction, provider, region);
  return provider;
}

/**
 * Restores between designations (wire-facts E, "Backups"): a snapshot of a
 * GOV_REGIONS_ONLY project can only be restored into a GOV_REGIONS_ONLY project, and one
 * of a standard project only into a standard project. Within GOV_REGIONS_ONLY, AWS
 * GovCloud and GCP Assured Workloads clusters restore into each other (cross-cloud is
 * allowed), so the provider is not compared.
 *
 * Decision: 403 CANNOT_RESTORE_TO_TARGET (wire-facts-wave2 14), the code Atlas answers
 * when a target may not receive a snapshot, with a detail that names the rule.
 */
export function checkRestoreDesignation(source: RegionUsageRestrictions, target: RegionUsageRestrictions): void {
  if (source === target) return;
  const name = (r: RegionUsageRestrictions) => (r === 'GOV_REGIONS_ONLY' ? 'a Government-regions-only project' : 'a standard (FedRAMP Moderate) project');
  throw new AtlasError('CANNOT_RESTORE_TO_TARGET', [], {
    detail: `A snapshot of ${name(source)} can only be restored to a cluster in ${name(source)}, not in ${name(target)}.`,
  });
}

/**
 * Export buckets follow the project's designation: Azure does not exist in Atlas for
 * Government, and a standard (FedRAMP Moderate) project, whose regions are all AWS, exports
 * to AWS only; a GOV_REGIONS_ONLY project exports to AWS GovCloud or GCP Assured
 * Workloads. Decision: 400 INVALID_PROVIDER, as for clusters, with a detail naming the
 * designation when the provider exists but not for this project.
 */
export function checkExportBucketProvider(restriction: RegionUsageRestrictions, provider: string): GovProvider {
  checkProvider(provider);
  if (!REGIONS[restriction][provider]) {
    throw new AtlasError('INVALID_PROVIDER', [provider], { detail: `Export buckets of a standard (FedRAMP Moderate) project must be in AWS commercial regions; ${provider} is not available to it.` });
  }
  return provider;
}
