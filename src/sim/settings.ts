import { z } from 'zod';
import { AtlasError } from './errors.js';
import { SECRET_LIFETIME_HOURS } from './serviceAccounts.js';
import { Table } from './table.js';
import type { Actor, World } from './world.js';

// ---- Organization settings ----

export const OrgSettingsRecord = z.object({
  orgId: z.string(),
  apiAccessListRequired: z.boolean(),
  genAIFeaturesEnabled: z.boolean(),
  maxServiceAccountSecretValidityInHours: z.number().int(),
  multiFactorAuthRequired: z.boolean(),
  restrictEmployeeAccess: z.boolean(),
  /** Empty: no security contact. */
  securityContact: z.string(),
  streamsCrossGroupEnabled: z.boolean(),
});
export type OrgSettings = z.infer<typeof OrgSettingsRecord>;

export type OrgSettingsInput = Partial<Omit<OrgSettings, 'orgId'>>;

/**
 * Defaults of a new organization on Atlas for Government. Decisions: generative-AI
 * features "only apply to Atlas Commercial" (the document), so they are off, and a
 * request to turn them on is accepted and has no effect (wire-facts wave 2 §7.4: the
 * flags read false in Gov); the longest secret lifetime is the document's upper bound.
 */
function orgDefaults(orgId: string): OrgSettings {
  return {
    orgId,
    apiAccessListRequired: false,
    genAIFeaturesEnabled: false,
    maxServiceAccountSecretValidityInHours: SECRET_LIFETIME_HOURS.max,
    multiFactorAuthRequired: false,
    restrictEmployeeAccess: false,
    securityContact: '',
    streamsCrossGroupEnabled: false,
  };
}

/** Events the document names for changes of organization settings. */
const ORG_SETTING_EVENTS: Partial<Record<keyof OrgSettingsInput, (on: boolean) => string>> = {
  apiAccessListRequired: (on) => (on ? 'ORG_PUBLIC_API_ACCESS_LIST_REQUIRED' : 'ORG_PUBLIC_API_ACCESS_LIST_NOT_REQUIRED'),
  multiFactorAuthRequired: (on) => (on ? 'ORG_TWO_FACTOR_AUTH_REQUIRED' : 'ORG_TWO_FACTOR_AUTH_OPTIONAL'),
  restrictEmployeeAccess: (on) => (on ? 'ORG_EMPLOYEE_ACCESS_RESTRICTED' : 'ORG_EMPLOYEE_ACCESS_UNRESTRICTED'),
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Organization settings; a row exists only once something was changed. */
export class OrgSettingsTable extends Table<OrgSettings> {
  constructor(private readonly world: World) {
    super('orgSettings', OrgSettingsRecord, (s) => s.orgId, (s) => ({ orgId: s.orgId }));
  }

  get(orgId: string): OrgSettings {
    this.world.orgs.get(orgId);
    return this.rows.get(orgId) ?? orgDefaults(orgId);
  }

  /**
   * PATCH: partial. The secret lifetime is 8 to 8760 hours and the security contact an
   * email address or empty (400 INVALID_ATTRIBUTE / INVALID_EMAIL_ADDRESS); generative
   * AI stays off on Atlas for Government.
   */
  update(orgId: string, input: OrgSettingsInput, actor: Actor): OrgSettings {
    const current = this.get(orgId);
    const hours = input.maxServiceAccountSecretValidityInHours;
    if (hours !== undefined && (!Number.isInteger(hours) || hours < SECRET_LIFETIME_HOURS.min || hours > SECRET_LIFETIME_HOURS.max)) {
      throw new AtlasError('INVALID_ATTRIBUTE', ['maxServiceAccountSecretValidityInHours']);
    }
    if (input.securityContact !== undefined && input.securityContact !== '' && !EMAIL.test(input.securityContact)) throw new AtlasError('INVALID_EMAIL_ADDRESS', []);
    const next: OrgSettings = { ...current };
    for (const [k, v] of Object.entries(input) as [keyof OrgSettingsInput, OrgSettings[keyof OrgSettingsInput] | undefined][]) {
      if (v !== undefined && k !== 'genAIFeaturesEnabled') (next as Record<string, unknown>)[k] = v;
    }
    this.insert(next);
    const scope = { orgId };
    for (const [k, event] of Object.entries(ORG_SETTING_EVENTS) as [keyof OrgSettingsInput, (on: boolean) => string][]) {
      if (next[k] !== current[k]) this.world.events.record(event(Boolean(next[k])), scope, actor);
    }
    if (next.securityContact !== current.securityContact) this.world.events.record('SECURITY_CONTACT_MODIFIED', scope, actor);
    if (next.maxServiceAccountSecretValidityInHours !== current.maxServiceAccountSecretValidityInHours) {
      this.world.events.record('ORG_SERVICE_ACCOUNT_MAX_SECRET_VALIDITY_EDITED', scope, actor);
    }
    return next;
  }
}

// ---- Project settings and limits ----

export const PROJECT_SETTING_NAMES = [
  'isCollectDatabaseSpecificsStatisticsEnabled',
  'isDataExplorerEnabled',
  'isDataExplorerGenAIFeaturesEnabled',
  'isDataExplorerGenAISampleDocumentPassingEnabled',
  'isExtendedStorageSizesEnabled',
  'isPerformanceAdvisorEnabled',
  'isRealtimePerformancePanelEnabled',
  'isSchemaAdvisorEnabled',
] as const;
export type ProjectSettingName = (typeof PROJECT_SETTING_NAMES)[number];
export type ProjectSettingValues = Record<ProjectSettingName, boolean>;

/**
 * A fresh project's settings, as recorded, except the generative-AI flags: they are off
 * on Atlas for Government (they "only apply to Atlas Commercial").
 */
const PROJECT_SETTING_DEFAULTS: ProjectSettingValues = {
  isCollectDatabaseSpecificsStatisticsEnabled: true,
  isDataExplorerEnabled: true,
  isDataExplorerGenAIFeaturesEnabled: false,
  isDataExplorerGenAISampleDocumentPassingEnabled: false,
  isExtendedStorageSizesEnabled: false,
  isPerformanceAdvisorEnabled: true,
  isRealtimePerformancePanelEnabled: true,
  isSchemaAdvisorEnabled: true,
};
const GEN_AI: readonly ProjectSettingName[] = ['isDataExplorerGenAIFeaturesEnabled', 'isDataExplorerGenAISampleDocumentPassingEnabled'];

/** A user-managed project limit: its default and the highest value the API may set. */
interface LimitSpec {
  readonly defaultLimit: number;
  readonly maximumLimit: number;
  /** What the project currently uses, where the simulator has the resource. */
  usage?(world: World, groupId: string): number;
}

/**
 * The limits of the setProjectLimit table that exist on Atlas for Government.
 * Decisions: `networkAccess.entries` lists 20 as its API maximum, below its own default
 * of 200; the maximum is taken as 200 so that the default can always be set back.
 * Data Federation, serverless and sales-sold M0 limits belong to features Atlas for
 * Government does not offer: naming them is 403 FEATURE_UNSUPPORTED.
 */
export const PROJECT_LIMITS: Readonly<Record<string, LimitSpec>> = {
  'atlas.project.deployment.clusters': { defaultLimit: 25, maximumLimit: 90, usage: (w, g) => w.clusters.countIn(g) },
  'atlas.project.deployment.nodesPerPrivateLinkRegion': { defaultLimit: 50, maximumLimit: 90, usage: () => 0 },
  'atlas.project.security.databaseAccess.customRoles': { defaultLimit: 100, maximumLimit: 1400, usage: (w, g) => w.customDbRoles.countIn(g) },
  'atlas.project.security.databaseAccess.users': { defaultLimit: 100, maximumLimit: 900, usage: (w, g) => w.databaseUsers.countIn(g) },
  'atlas.project.security.networkAccess.crossRegionEntries': { defaultLimit: 40, maximumLimit: 220, usage: () => 0 },
  'atlas.project.security.networkAccess.entries': { defaultLimit: 200, maximumLimit: 200, usage: (w, g) => w.ipAccessList.countIn(g) },
  'atlas.project.deployment.privateServiceConnectionsPerRegionGroup': { defaultLimit: 50, maximumLimit: 100, usage: () => 0 },
  'atlas.project.deployment.privateServiceConnectionsSubnetMask': { defaultLimit: 27, maximumLimit: 27 },
};
export type ProjectLimitName = keyof typeof PROJECT_LIMITS;

const UNAVAILABLE_LIMITS = new Set([
  'atlas.project.deployment.serverlessMTMs',
  'atlas.project.deployment.salesSoldM0s',
  'dataFederation.bytesProcessed.query',
  'dataFederation.bytesProcessed.daily',
  'dataFederation.bytesProcessed.weekly',
  'dataFederation.bytesProcessed.monthly',
]);

export interface ProjectLimit {
  name: string;
  value: number;
  currentUsage: number | undefined;
  defaultLimit: number;
  maximumLimit: number;
}

export const ProjectSettingsRecord = z.object({
  groupId: z.string(),
  settings: z.record(z.string(), z.boolean()),
  limits: z.record(z.string(), z.number().int()),
});
export type ProjectSettings = z.infer<typeof ProjectSettingsRecord>;

/** Settings and limits of a project; a row holds only what was changed from the defaults. */
export class ProjectSettingsTable extends Table<ProjectSettings> {
  constructor(private readonly world: World) {
    super('projectSettings', ProjectSettingsRecord, (s) => s.groupId, (s) => ({ groupId: s.groupId }));
  }

  #row(groupId: string): ProjectSettings {
    return this.rows.get(groupId) ?? { groupId, settings: {}, limits: {} };
  }

  settings(groupId: string): ProjectSettingValues {
    this.world.projects.get(groupId);
    return { ...PROJECT_SETTING_DEFAULTS, ...this.#row(groupId).settings };
  }

  /**
   * PATCH: partial; the whole object back. The generative-AI flags are accepted and stay
   * off: they only apply to Atlas Commercial (same decision as the organization's).
   */
  updateSettings(groupId: string, input: Partial<ProjectSettingValues>): ProjectSettingValues {
    this.world.projects.get(groupId);
    const row = this.#row(groupId);
    const settings = { ...row.settings };
    for (const name of PROJECT_SETTING_NAMES) if (input[name] !== undefined && !GEN_AI.includes(name)) settings[name] = input[name];
    this.insert({ ...row, settings });
    return this.settings(groupId);
  }

  /** Every limit of the project, in the document's order. */
  limits(groupId: string): ProjectLimit[] {
    this.world.projects.get(groupId);
    return Object.keys(PROJECT_LIMITS).map((name) => this.#view(groupId, name));
  }

  limit(groupId: string, name: string): ProjectLimit {
    this.world.projects.get(groupId);
    this.#spec(name);
    return this.#view(groupId, name);
  }

  /** The value in force: what was set, else the default. Used where the limit is enforced. */
  limitValue(groupId: string, name: ProjectLimitName): number {
    return this.rows.get(groupId)?.limits[name] ?? PROJECT_LIMITS[name]!.defaultLimit;
  }

  /**
   * PATCH: 1 to the limit's API maximum. Decision: a value out of range is 400
   * INVALID_ATTRIBUTE `value` (Atlas's code for it is not documented); a value below the
   * current usage is accepted and stops new resources until usage is under it.
   */
  setLimit(groupId: string, name: string, value: number | undefined): ProjectLimit {
    this.world.projects.get(groupId);
    const spec = this.#spec(name);
    if (value === undefined) throw new AtlasError('MISSING_ATTRIBUTE', ['value']);
    if (!Number.isInteger(value) || value < 1 || value > spec.maximumLimit) throw new AtlasError('INVALID_ATTRIBUTE', ['value']);
    const row = this.#row(groupId);
    this.insert({ ...row, limits: { ...row.limits, [name]: value } });
    return this.#view(groupId, name);
  }

  /** DELETE: back to the default. */
  resetLimit(groupId: string, name: string): void {
    this.world.projects.get(groupId);
    this.#spec(name);
    const row = this.rows.get(groupId);
    if (!row) return;
    const limits = { ...row.limits };
    delete limits[name];
    this.insert({ ...row, limits });
  }

  dropGroup(groupId: string): void {
    this.remove(groupId);
  }

  #spec(name: string): LimitSpec {
    if (UNAVAILABLE_LIMITS.has(name)) throw new AtlasError('FEATURE_UNSUPPORTED', []);
    // Own keys only: a path segment such as `__proto__` or `constructor` names no limit.
    const spec = Object.hasOwn(PROJECT_LIMITS, name) ? PROJECT_LIMITS[name] : undefined;
    if (!spec) throw new AtlasError('INVALID_ENUM_VALUE', [name]);
    return spec;
  }

  #view(groupId: string, name: string): ProjectLimit {
    const spec = PROJECT_LIMITS[name]!;
    return {
      name,
      value: this.rows.get(groupId)?.limits[name] ?? spec.defaultLimit,
      currentUsage: spec.usage?.(this.world, groupId),
      defaultLimit: spec.defaultLimit,
      maximumLimit: spec.maximumLimit,
    };
  }
}
