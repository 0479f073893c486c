import { z } from 'zod';
import { AtlasError } from './errors.js';
import { checkProvider, checkRegion, gcpLocation, offeredRegions, type GovProvider } from './govRules.js';
import { OBJECT_ID } from './ids.js';
import type { CompletedTransition, LifecycleParticipant, ManualFilter } from './lifecycle.js';
import { parseAddress } from './networkAddress.js';
import { ProjectScopedTable } from './projectScopedTable.js';
import type { RegionUsageRestrictions } from './projects.js';
import { LOWER_ALNUM } from './random.js';
import { completeSteps, GONE, settle, start, startDeleting, StepRecord, type StatusPath } from './stagedStatus.js';
import type { World } from './world.js';

/**
 * Private endpoint services of a project (AWS PrivateLink, GCP Private Service Connect)
 * and the customer's endpoints attached to them (`/groups/{groupId}/privateEndpoint/…`).
 *
 * Lifecycles on the simulation clock, one `privateEndpointCreate` delay per step and
 * `privateEndpointDelete` for removal (wire-facts-wave2 §2.3):
 * - endpoint service: INITIATING -> AVAILABLE (AWS shows its `endpointServiceName`, GCP
 *   its service attachments); DELETING -> gone;
 * - AWS interface endpoint: PENDING_ACCEPTANCE -> PENDING -> AVAILABLE (Atlas accepts the
 *   connection itself); DELETING with `deleteRequested` -> gone;
 * - GCP endpoint group: INITIATING -> VERIFIED -> AVAILABLE, its forwarding rules
 *   following; DELETING -> gone.
 *
 * Atlas for Government: no Azure (400 INVALID_PROVIDER); a service lives in a region of
 * the project's designation, so a GovCloud link only ever joins GovCloud regions,
 * commercial commercial ones and Assured Workloads Assured Workloads ones (the cluster
 * region rules: 400 INVALID_REGION for a region Atlas for Government does not have, 409
 * REGION_UNAVAILABLE for one of the other designation). The customer's VPC or GCP
 * project cannot be inspected offline and is accepted.
 *
 * Decisions where the facts are thin:
 * - `region` takes the Atlas name (`US_GOV_WEST_1`) or the provider's (`us-gov-west-1`,
 *   `us-east4`, read as the project's Assured Workloads region); services show the Atlas
 *   name.
 * - Deleting the last endpoint leaves its service in place (the document says it goes
 *   too, but the Terraform provider deletes services itself and the recordings show them
 *   staying until then).
 * - Clusters stay IDLE while endpoints attach (the Terraform provider accepts either).
 * - Asking again to delete what is already DELETING is accepted.
 * - Without regionalized private endpoints, a provider may have several endpoints in one
 *   region only while its services are all in that region (409
 *   MULTIPLE_PRIVATE_ENDPOINTS_RESTRICTED_TO_SINGLE_REGION, checked on new services, new
 *   endpoints and when the setting is turned off).
 */
const ForwardingRuleRecord = z.object({ endpointName: z.string(), ipAddress: z.string() });

export const PrivateEndpointRecord = z.object({
  /** AWS: the interface endpoint id (`vpce-…`); GCP: the endpoint group name. */
  id: z.string(),
  created: z.number(),
  status: z.string(),
  step: StepRecord.optional(),
  gcpProjectId: z.string().optional(),
  forwardingRules: z.array(ForwardingRuleRecord).optional(),
});
export type PrivateEndpoint = z.infer<typeof PrivateEndpointRecord>;

export const EndpointServiceRecord = z.object({
  id: z.string(),
  groupId: z.string(),
  provider: z.enum(['AWS', 'GCP']),
  regionName: z.string(),
  created: z.number(),
  status: z.string(),
  step: StepRecord.optional(),
  /** AWS: shown once AVAILABLE. */
  endpointServiceName: z.string().optional(),
  /** AWS: the other regions whose VPCs may connect (AWS region names), once set. */
  supportedRemoteRegions: z.array(z.string()).optional(),
  /** GCP: Atlas's project that holds the service attachments. */
  attachmentProject: z.string().optional(),
  endpoints: z.array(PrivateEndpointRecord),
});
export type EndpointService = z.infer<typeof EndpointServiceRecord>;

export interface PrivateEndpointInput {
  id?: string | undefined;
  privateEndpointIPAddress?: string | undefined;
  endpointGroupName?: string | undefined;
  gcpProjectId?: string | undefined;
  endpoints?: Array<{ endpointName?: string | undefined; ipAddress?: string | undefined }> | undefined;
}

const SERVICE_PATH: StatusPath = ['INITIATING', 'AVAILABLE'];
const AWS_ENDPOINT_PATH: StatusPath = ['PENDING_ACCEPTANCE', 'PENDING', 'AVAILABLE'];
const GCP_ENDPOINT_PATH: StatusPath = ['INITIATING', 'VERIFIED', 'AVAILABLE'];
const endpointPath = (s: EndpointService): StatusPath => (s.provider === 'AWS' ? AWS_ENDPOINT_PATH : GCP_ENDPOINT_PATH);

/** Service attachments Atlas makes per GCP endpoint service (recorded: six). */
export const GCP_SERVICE_ATTACHMENTS = 6;
const VPCE = /^vpce-[0-9a-f]{17}$/;
/** GCP project ids: 6 to 30 lower-case letters, digits and hyphens, starting with a letter. */
const GCP_PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/** `US_GOV_WEST_1` -> `us-gov-west-1`. */
export const awsRegion = (region: string): string => region.toLowerCase().replace(/_/g, '-');

export class PrivateEndpointServices extends ProjectScopedTable<EndpointService> implements LifecycleParticipant {
  constructor(private readonly world: World) {
    super('privateEndpointServices', EndpointServiceRecord, (s) => s.id, world.clock);
    world.lifecycle.addParticipant(this);
  }

  // ---- services ----

  createService(groupId: string, providerName: string, region: string): EndpointService {
    const project = this.world.projects.get(groupId);
    checkProvider(providerName);
    const regionName = atlasRegionName(project.regionUsageRestrictions, providerName, region);
    checkRegion(project.regionUsageRestrictions, providerName, regionName);
    const services = this.#services(groupId, providerName);
    if (services.some((s) => s.regionName === regionName && s.status !== 'DELETING')) throw new AtlasError('PRIVATELINK_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION', [regionName]);
    if (!this.world.networkSettings.get(groupId).regionalizedPrivateEndpoints && services.some((s) => s.regionName !== regionName && live(s.endpoints).length > 1)) {
      throw new AtlasError('MULTIPLE_PRIVATE_ENDPOINTS_RESTRICTED_TO_SINGLE_REGION', []);
    }
    const now = this.clock.now();
    const random = this.world.random;
    return this.insert({
      id: this.world.ids.next(),
      groupId,
      provider: providerName,
      regionName,
      created: now,
      ...start(this.world.lifecycle, SERVICE_PATH, now),
      ...(providerName === 'AWS'
        ? { endpointServiceName: `com.amazonaws.vpce.${awsRegion(regionName)}.vpce-svc-${random.hex(17)}` }
        : { attachmentProject: `p-${random.chars(24, LOWER_ALNUM)}` }),
      endpoints: [],
    });
  }

  /** The project's services of one provider (path `{cloudProvider}`), in creation order. */
  listServices(groupId: string, provider: string): EndpointService[] {
    const p = pathProvider(provider);
    this.world.projects.get(groupId);
    return this.#services(groupId, p);
  }

  /** 404 PRIVATELINK_NOT_FOUND for an unknown or malformed id, or one of another provider. */
  getService(groupId: string, provider: string, serviceId: string): EndpointService {
    const p = pathProvider(provider);
    this.world.projects.get(groupId);
    const s = OBJECT_ID.test(serviceId) ? this.rows.get(serviceId) : undefined;
    if (!s || s.groupId !== groupId || s.provider !== p || this.#settle(s)) throw new AtlasError('PRIVATELINK_NOT_FOUND', [serviceId]);
    return s;
  }

  /**
   * `PATCH /endpointService/{id}` (2026-08 document): sets the other AWS regions whose
   * VPCs may connect to the service (AWS's native cross-region PrivateLink). Decisions:
   * the body's `cloudProvider` must be the service's (404 PRIVATELINK_NOT_FOUND, as for a
   * path naming the wrong provider; AZURE 400 INVALID_PROVIDER); a GCP service takes no
   * remote regions ("cross region support is implemented for AWS only": 400
   * INVALID_ATTRIBUTE); each region must be one the project's designation offers (the
   * Government rule of `checkRegion`), given by its Atlas or AWS name; a service being
   * deleted cannot change (409 CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS would mislead, so
   * 404 PRIVATELINK_NOT_FOUND as for a gone one). Without `supportedRemoteRegions` nothing changes.
   */
  updateService(groupId: string, serviceId: string, input: { cloudProvider: string; supportedRemoteRegions?: readonly string[] | undefined }): EndpointService {
    const project = this.world.projects.get(groupId);
    checkProvider(input.cloudProvider);
    const s = this.getService(groupId, input.cloudProvider, serviceId);
    if (s.status === 'DELETING') throw new AtlasError('PRIVATELINK_NOT_FOUND', [serviceId]);
    if (input.supportedRemoteRegions === undefined) return s;
    if (s.provider !== 'AWS') throw new AtlasError('INVALID_ATTRIBUTE', ['supportedRemoteRegions']);
    const regions = input.supportedRemoteRegions.map((r) => {
      const name = atlasRegionName(project.regionUsageRestrictions, 'AWS', r);
      checkRegion(project.regionUsageRestrictions, 'AWS', name);
      return awsRegion(name);
    });
    s.supportedRemoteRegions = [...new Set(regions)];
    return s;
  }

  /** DELETING now, gone after the delete delay; 409 while it has endpoints. */
  deleteService(groupId: string, provider: string, serviceId: string): void {
    const s = this.getService(groupId, provider, serviceId);
    if (s.endpoints.length > 0) throw new AtlasError('CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS', []);
    if (s.status !== 'DELETING') startDeleting(this.world.lifecycle, s, this.clock.now());
  }

  /** Services still in the project (deleting ones included): they keep it from being deleted. */
  hasServices(groupId: string): boolean {
    for (const s of this.listIn(groupId)) if (!this.#settle(s)) return true;
    return false;
  }

  // ---- endpoints ----

  createEndpoint(groupId: string, provider: string, serviceId: string, input: PrivateEndpointInput): PrivateEndpoint {
    const s = this.getService(groupId, provider, serviceId);
    const fields = s.provider === 'AWS' ? awsEndpoint(input) : gcpEndpoint(input);
    if (s.status !== 'AVAILABLE') throw new AtlasError('PRIVATELINK_CANNOT_ACCEPT_ENDPOINTS', [serviceId]);
    for (const other of this.#services(groupId, s.provider)) {
      if (other.endpoints.some((e) => e.id === fields.id)) throw new AtlasError('PRIVATELINK_INTERFACE_ENDPOINT_ALREADY_EXISTS', [fields.id]);
    }
    const elsewhere = this.#services(groupId, s.provider).some((o) => o.regionName !== s.regionName && o.status !== 'DELETING');
    if (!this.world.networkSettings.get(groupId).regionalizedPrivateEndpoints && live(s.endpoints).length >= 1 && elsewhere) {
      throw new AtlasError('MULTIPLE_PRIVATE_ENDPOINTS_RESTRICTED_TO_SINGLE_REGION', []);
    }
    const now = this.clock.now();
    const e: PrivateEndpoint = { ...fields, created: now, ...start(this.world.lifecycle, endpointPath(s), now) };
    s.endpoints.push(e);
    return e;
  }

  /** 404 PRIVATELINK_INTERFACE_ENDPOINT_ID_MALFORMED for an AWS id that is no `vpce-` id, …_NOT_FOUND for an unknown one. */
  getEndpoint(groupId: string, provider: string, serviceId: string, endpointId: string): PrivateEndpoint {
    const s = this.getService(groupId, provider, serviceId);
    if (s.provider === 'AWS' && !VPCE.test(endpointId)) throw new AtlasError('PRIVATELINK_INTERFACE_ENDPOINT_ID_MALFORMED', []);
    const e = s.endpoints.find((x) => x.id === endpointId);
    if (!e) throw new AtlasError('PRIVATELINK_INTERFACE_ENDPOINT_NOT_FOUND', [endpointId]);
    return e;
  }

  deleteEndpoint(groupId: string, provider: string, serviceId: string, endpointId: string): void {
    const e = this.getEndpoint(groupId, provider, serviceId, endpointId);
    if (e.status !== 'DELETING') startDeleting(this.world.lifecycle, e, this.clock.now());
  }

  /**
   * Whether the project can go without regionalized private endpoints: not while a
   * provider has several endpoints in one region and services in another.
   */
  checkSingleRegion(groupId: string): void {
    for (const provider of ['AWS', 'GCP'] as const) {
      const services = this.#services(groupId, provider).filter((s) => s.status !== 'DELETING');
      if (services.some((s) => live(s.endpoints).length > 1) && new Set(services.map((s) => s.regionName)).size > 1) {
        throw new AtlasError('MULTIPLE_PRIVATE_ENDPOINTS_RESTRICTED_TO_SINGLE_REGION', []);
      }
    }
  }

  // ---- lifecycle ----

  #services(groupId: string, provider: GovProvider): EndpointService[] {
    return this.listIn(groupId).filter((s) => !this.#settle(s) && s.provider === provider);
  }

  /** Walks the service and its endpoints along their due steps; true (and removed) when the service is gone. */
  #settle(s: EndpointService): boolean {
    const now = this.clock.now();
    s.endpoints = s.endpoints.filter((e) => !settle(this.world.lifecycle, e, endpointPath(s), now));
    if (!settle(this.world.lifecycle, s, SERVICE_PATH, now)) return false;
    this.remove(s.id);
    return true;
  }

  settle(): void {
    for (const s of [...this.rows.values()]) this.#settle(s);
  }

  completeManual(filter: ManualFilter): CompletedTransition[] {
    this.settle();
    const done: CompletedTransition[] = [];
    const now = this.clock.now();
    for (const s of [...this.rows.values()]) {
      if (filter.groupId !== undefined && s.groupId !== filter.groupId) continue;
      for (const e of [...s.endpoints]) {
        const kind = e.step?.kind;
        if ((filter.name === undefined || filter.name === e.id) && kind && completeSteps(this.world.lifecycle, e, () => endpointPath(s), now, filter)) {
          done.push({ kind, groupId: s.groupId, name: e.id, to: e.status === GONE ? 'DELETED' : e.status });
        }
      }
      s.endpoints = s.endpoints.filter((e) => e.status !== GONE);
      const kind = s.step?.kind;
      if ((filter.name === undefined || filter.name === s.id) && kind && completeSteps(this.world.lifecycle, s, () => SERVICE_PATH, now, filter)) {
        done.push({ kind, groupId: s.groupId, name: s.id, to: s.status === GONE ? 'DELETED' : s.status });
        if (s.status === GONE) this.remove(s.id);
      }
    }
    return done;
  }
}

/** Endpoints that are not on their way out. */
const live = (endpoints: readonly PrivateEndpoint[]): PrivateEndpoint[] => endpoints.filter((e) => e.status !== 'DELETING');

/** The `{cloudProvider}` of a path: Azure is the Government refusal, anything else unknown is 404 PROVIDER_UNSUPPORTED. */
function pathProvider(provider: string): GovProvider {
  if (provider === 'AZURE') throw new AtlasError('INVALID_PROVIDER', [provider]);
  if (provider !== 'AWS' && provider !== 'GCP') throw new AtlasError('PROVIDER_UNSUPPORTED', [provider]);
  return provider;
}

/** The Atlas name of a region given either way (`US_GOV_WEST_1`, `us-gov-west-1`, `us-east4`). */
function atlasRegionName(restriction: RegionUsageRestrictions, provider: GovProvider, region: string): string {
  if (!/^[a-z]/.test(region)) return region;
  if (provider === 'AWS') return region.toUpperCase().replace(/-/g, '_');
  const offered = offeredRegions(restriction).find((o) => o.provider === 'GCP')?.regions.find((r) => gcpLocation(r.name) === region);
  return offered?.name ?? region.toUpperCase().replace(/-/g, '_');
}

/** AWS: `{id: "vpce-…"}` only (400 INVALID_ATTRIBUTE for another provider's attributes). */
function awsEndpoint(input: PrivateEndpointInput): Pick<PrivateEndpoint, 'id'> {
  for (const k of ['privateEndpointIPAddress', 'endpointGroupName', 'gcpProjectId', 'endpoints'] as const) if (input[k] !== undefined) throw new AtlasError('INVALID_ATTRIBUTE', [k]);
  if (input.id === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['id']);
  if (!VPCE.test(input.id)) throw new AtlasError('PRIVATELINK_INTERFACE_ENDPOINT_ID_MALFORMED', []);
  return { id: input.id };
}

/**
 * GCP: the endpoint group name, the customer's project and one forwarding rule per service
 * attachment at most, each with a distinct name and IPv4 address (400 INVALID_ATTRIBUTE
 * `endpoints` otherwise).
 */
function gcpEndpoint(input: PrivateEndpointInput): Pick<PrivateEndpoint, 'id' | 'gcpProjectId' | 'forwardingRules'> {
  for (const k of ['id', 'privateEndpointIPAddress'] as const) if (input[k] !== undefined) throw new AtlasError('INVALID_ATTRIBUTE', [k]);
  if (input.endpointGroupName === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['endpointGroupName']);
  if (input.gcpProjectId === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['gcpProjectId']);
  if (!GCP_PROJECT_ID.test(input.gcpProjectId)) throw new AtlasError('INVALID_ATTRIBUTE', ['gcpProjectId']);
  const rules = (input.endpoints ?? []).map((r) => {
    if (r.endpointName === undefined || r.ipAddress === undefined || parseAddress(r.ipAddress)?.family !== 4) throw new AtlasError('INVALID_ATTRIBUTE', ['endpoints']);
    return { endpointName: r.endpointName, ipAddress: r.ipAddress };
  });
  if (rules.length === 0 || rules.length > GCP_SERVICE_ATTACHMENTS || new Set(rules.map((r) => r.endpointName)).size < rules.length || new Set(rules.map((r) => r.ipAddress)).size < rules.length) {
    throw new AtlasError('INVALID_ATTRIBUTE', ['endpoints']);
  }
  return { id: input.endpointGroupName, gcpProjectId: input.gcpProjectId, forwardingRules: rules };
}
