import { z } from 'zod';
import { DATADOG_REGIONS, INTEGRATION_TYPES, type IntegrationType } from '../../contracts/api/vocabulary.js';
import { maskSecret } from './alerts.js';
import { AtlasError } from './errors.js';
import { Table } from './table.js';
import type { World } from './world.js';

export const IntegrationRecord = z.object({
  groupId: z.string(),
  type: z.enum(INTEGRATION_TYPES),
  id: z.string(),
  /** The type's settings as configured (secrets in clear: only views mask them). */
  settings: z.record(z.string(), z.union([z.string(), z.boolean()])),
});
export type Integration = z.infer<typeof IntegrationRecord>;

export type IntegrationInput = Record<string, string | boolean | undefined>;
/** An integration as the wire shows it (secrets masked). */
export interface IntegrationView {
  apiKey?: string | undefined;
  bodyTemplate?: null;
  customEndpoint?: null;
  headersTemplate?: null;
  id: string;
  microsoftTeamsWebhookUrl?: string | undefined;
  region?: (typeof DATADOG_REGIONS)[number] | undefined;
  routingKey?: string | undefined;
  secret?: string | undefined;
  sendCollectionLatencyMetrics?: boolean | undefined;
  sendDatabaseMetrics?: boolean | undefined;
  sendQueryStatsMetrics?: boolean | undefined;
  sendUserProvidedResourceTags?: boolean | undefined;
  serviceKey?: string | undefined;
  url?: string | undefined;
  type: IntegrationType;
}

interface TypeRules {
  /** Attributes the type takes, in the order Atlas writes them. */
  readonly fields: readonly string[];
  readonly required: readonly string[];
  readonly defaults?: Readonly<Record<string, string | boolean>>;
  /** Secret attributes and how many stars Atlas shows before their last four characters. */
  readonly secrets?: Readonly<Record<string, number>>;
  /** URL attributes, shown as the origin, `/****` and the last four characters. */
  readonly urls?: readonly string[];
}

/**
 * What each integration type takes (the document's schemas; secrets masked as recorded,
 * wire-facts-wave2 §9). Decision: the Government default for the Datadog region is
 * US1_FED, the only site Atlas for Government sends to.
 */
const RULES: Partial<Record<IntegrationType, TypeRules>> = {
  PAGER_DUTY: { fields: ['region', 'serviceKey'], required: ['serviceKey'], defaults: { region: 'US' }, secrets: { serviceKey: 28 } },
  DATADOG: {
    fields: ['apiKey', 'region', 'sendCollectionLatencyMetrics', 'sendDatabaseMetrics', 'sendQueryStatsMetrics', 'sendUserProvidedResourceTags'],
    required: ['apiKey'],
    defaults: { region: 'US1_FED', sendCollectionLatencyMetrics: false, sendDatabaseMetrics: false, sendQueryStatsMetrics: false, sendUserProvidedResourceTags: false },
    secrets: { apiKey: 28 },
  },
  OPS_GENIE: { fields: ['apiKey', 'region'], required: ['apiKey'], defaults: { region: 'US' }, secrets: { apiKey: 32 } },
  VICTOR_OPS: { fields: ['apiKey', 'routingKey'], required: ['apiKey'], secrets: { apiKey: 32 } },
  WEBHOOK: { fields: ['secret', 'url'], required: ['url'], secrets: { secret: 26 }, urls: ['url'] },
  MICROSOFT_TEAMS: { fields: ['microsoftTeamsWebhookUrl'], required: ['microsoftTeamsWebhookUrl'], urls: ['microsoftTeamsWebhookUrl'] },
};

const HEX32 = /^[0-9a-f]{32}$/i;

/** The masked form of a URL: its origin, `/****` and its last four characters (recorded `https://example.com/****2101`). */
function maskUrl(url: string): string {
  let origin = '';
  try {
    origin = new URL(url).origin;
  } catch {
    // Not a URL: mask it whole.
  }
  return `${origin}/****${url.slice(-4)}`;
}

const keyOf = (groupId: string, type: string): string => `${groupId}\0${type}`;

/**
 * Third-party service integrations of a project, one per type
 * (`/groups/{groupId}/integrations/{integrationType}`).
 *
 * Government rules and decisions (wire-facts-wave2 §9 and §14):
 * - Datadog goes only through the Datadog for Government site, US1-FED. An absent region
 *   becomes US1_FED; any other region is refused with 400 INVALID_INTEGRATION_SETTINGS
 *   rather than silently replaced, so that a client (Terraform keeps the region it sent)
 *   never reads back a value it did not write.
 * - Prometheus is not offered in Atlas for Government: 403 FEATURE_UNSUPPORTED.
 * - New Relic and HipChat are retired in Atlas: 400 INVALID_INTEGRATION_SETTINGS.
 * - Slack is configured through OAuth2 in the Atlas UI only: 400
 *   SLACK_OAUTH2_NOT_CONFIGURED.
 * - Who may call is the Project Owner (the operation's declared role).
 */
export class Integrations extends Table<Integration> {
  constructor(private readonly world: World) {
    super('integrations', IntegrationRecord, (i) => keyOf(i.groupId, i.type), (i) => ({ groupId: i.groupId }));
  }

  findType(groupId: string, type: IntegrationType): Integration | undefined {
    return this.find(keyOf(groupId, type));
  }

  /** The project's integrations in the order Atlas lists them (the document's type order, recorded). */
  listIn(groupId: string): Integration[] {
    this.world.projects.get(groupId);
    return INTEGRATION_TYPES.map((t) => this.findType(groupId, t)).filter((i): i is Integration => i !== undefined);
  }

  get(groupId: string, type: string): Integration {
    const t = checkType(type);
    const i = this.findType(groupId, t);
    if (!i) throw new AtlasError('INTEGRATION_NOT_CONFIGURED', [t]);
    return i;
  }

  create(groupId: string, type: string, input: IntegrationInput): Integration {
    const t = checkType(type);
    this.world.projects.get(groupId);
    const settings = checkSettings(t, input, undefined);
    if (this.findType(groupId, t)) throw new AtlasError('INTEGRATION_ALREADY_CONFIGURED', [t]);
    return this.insert({ groupId, type: t, id: this.world.ids.next(), settings });
  }

  /**
   * PUT: replaces the settings. A secret sent back in its masked form (as a client that
   * read the integration holds it) keeps the stored secret.
   */
  update(groupId: string, type: string, input: IntegrationInput): Integration {
    const current = this.get(groupId, type);
    const settings = checkSettings(current.type, input, current);
    return this.insert({ ...current, settings });
  }

  delete(groupId: string, type: string): void {
    const i = this.get(groupId, type);
    this.remove(keyOf(i.groupId, i.type));
  }

  dropGroup(groupId: string): void {
    for (const t of INTEGRATION_TYPES) this.remove(keyOf(groupId, t));
  }

  /** The integration as Atlas shows it: secrets masked, attributes alphabetical and `type` last (recorded). */
  view(i: Integration): IntegrationView {
    const rules = RULES[i.type]!;
    const text = (f: string): string | undefined => {
      const v = i.settings[f];
      if (typeof v !== 'string') return undefined;
      const stars = rules.secrets?.[f];
      if (stars !== undefined) return maskSecret(v, stars);
      return rules.urls?.includes(f) ? maskUrl(v) : v;
    };
    const flag = (f: string): boolean | undefined => (typeof i.settings[f] === 'boolean' ? Boolean(i.settings[f]) : undefined);
    const webhook = i.type === 'WEBHOOK';
    return {
      apiKey: text('apiKey'),
      ...(webhook && { bodyTemplate: null }),
      ...(i.type === 'DATADOG' && { customEndpoint: null }),
      ...(webhook && { headersTemplate: null }),
      id: i.id,
      microsoftTeamsWebhookUrl: text('microsoftTeamsWebhookUrl'),
      region: DATADOG_REGIONS.find((r) => r === i.settings.region),
      routingKey: text('routingKey'),
      secret: text('secret'),
      sendCollectionLatencyMetrics: flag('sendCollectionLatencyMetrics'),
      sendDatabaseMetrics: flag('sendDatabaseMetrics'),
      sendQueryStatsMetrics: flag('sendQueryStatsMetrics'),
      sendUserProvidedResourceTags: flag('sendUserProvidedResourceTags'),
      serviceKey: text('serviceKey'),
      url: text('url'),
      type: i.type,
    };
  }
}

function checkType(type: string): IntegrationType {
  if (!(INTEGRATION_TYPES as readonly string[]).includes(type)) throw new AtlasError('INVALID_ENUM_VALUE', [type]);
  return type as IntegrationType;
}

function checkSettings(type: IntegrationType, input: IntegrationInput, current: Integration | undefined): Integration['settings'] {
  if (type === 'PROMETHEUS') throw new AtlasError('FEATURE_UNSUPPORTED', []);
  if (type === 'SLACK') throw new AtlasError('SLACK_OAUTH2_NOT_CONFIGURED', []);
  if (type === 'NEW_RELIC' || type === 'HIP_CHAT') throw new AtlasError('INVALID_INTEGRATION_SETTINGS', [type, 'this integration is retired']);
  const rules = RULES[type]!;
  const { type: bodyType, id: _id, ...rest } = input;
  if (bodyType !== undefined && bodyType !== type) throw new AtlasError('INVALID_ATTRIBUTE', ['type']);
  const settings: Integration['settings'] = { ...rules.defaults };
  for (const [k, v] of Object.entries(rest)) {
    if (v === undefined) continue;
    if (!rules.fields.includes(k)) throw new AtlasError('INVALID_ATTRIBUTE', [k]);
    const stored = current?.settings[k];
    const stars = rules.secrets?.[k];
    const keepsStored = typeof stored === 'string' && typeof v === 'string' && ((stars !== undefined && v === maskSecret(stored, stars)) || (rules.urls?.includes(k) && v === maskUrl(stored)));
    settings[k] = keepsStored ? stored : v;
  }
  for (const f of rules.required) if (settings[f] === undefined || settings[f] === '') throw new AtlasError('MISSING_ATTRIBUTE', [f]);
  if (type === 'DATADOG') {
    if (!HEX32.test(String(settings.apiKey))) throw new AtlasError('INVALID_DATADOG_API_KEY', []);
    if (settings.region !== 'US1_FED') {
      throw new AtlasError('INVALID_INTEGRATION_SETTINGS', ['DATADOG', 'Atlas for Government sends to Datadog only through the US1_FED site']);
    }
  }
  if (type === 'PAGER_DUTY' && !HEX32.test(String(settings.serviceKey))) throw new AtlasError('INVALID_PAGER_DUTY_SERVICE_KEY', []);
  return settings;
}
