import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AtlasError } from './errors.js';
import { OBJECT_ID } from './ids.js';
import { Table } from './table.js';
import type { World } from './world.js';

/**
 * Billing of an organization: what its clusters ran, and the monthly invoices built from it.
 *
 * Decisions where the facts are silent or say only "as in Atlas":
 * - Atlas for Government bills: its documentation describes the Invoices page, invoice
 *   downloads and the FOCUS cost data "the same way as Atlas", with the roles Organization
 *   Billing Viewer, Billing Admin and Owner. So these operations are served. Payment
 *   alerts are what Government lacks (its customers buy a subscription by contract, not
 *   by card): a closed month is INVOICED (billed under the contract, paid outside Atlas),
 *   the running month PENDING. Government agencies pay no sales tax: tax is 0.
 * - Usage: every cluster, from creation to deletion, runs up node-hours of its instance
 *   size per cloud provider (paused clusters at the `_PAUSED` SKU), in segments that a
 *   change of size, node count or pause state closes. Prices are the simulator's own
 *   list (per node-hour, below), not MongoDB's: tests compare sums, not price lists.
 * - Invoices are calendar months in UTC, from the organization's creation month to the
 *   month the simulation clock is in; each day a cluster ran is one line item per SKU.
 *   An invoice's id is derived from the organization and the month, so it is the same
 *   every time it is computed and needs no stored row.
 */
export const UsageSegmentRecord = z.object({
  id: z.string(),
  orgId: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  clusterId: z.string(),
  clusterName: z.string(),
  provider: z.string(),
  regionName: z.string(),
  sku: z.string(),
  nodes: z.number().int(),
  /** Cents per node-hour. */
  centsPerNodeHour: z.number(),
  start: z.number(),
  end: z.number().optional(),
});
export type UsageSegment = z.infer<typeof UsageSegmentRecord>;

export const CostQueryRecord = z.object({
  token: z.string(),
  orgId: z.string(),
  start: z.number(),
  end: z.number(),
  groupBy: z.enum(['organizations', 'projects', 'clusters', 'services']),
  projects: z.array(z.string()),
  clusters: z.array(z.string()),
  created: z.number(),
});
export type CostQuery = z.infer<typeof CostQueryRecord>;

/** Simulator prices, cents per node-hour, by instance size (M20 and up: Atlas for Government has no smaller tiers). */
const PRICE_CENTS: Readonly<Record<string, number>> = { M20: 20, M30: 60, M40: 120, M50: 230, M60: 450, M80: 850, M140: 1280, M200: 1700, M300: 2550, M400: 3400, M700: 6000 };
/** A paused cluster pays for its storage only: a tenth of its running price. */
const PAUSED_SHARE = 0.1;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface LineItem {
  segment: UsageSegment;
  /** The UTC day the item covers, clipped to the segment and to now. */
  start: number;
  end: number;
  quantity: number;
  unitPriceDollars: number;
  totalCents: number;
}

export interface Invoice {
  id: string;
  orgId: string;
  start: number;
  end: number;
  /** When the month closed, or now for the running one. */
  updated: number;
  statusName: 'PENDING' | 'INVOICED';
  lineItems: LineItem[];
  subtotalCents: number;
}

/** What the cluster rules tell billing: the cluster as it runs now. */
export interface ClusterUsage {
  id: string;
  groupId: string;
  name: string;
  paused: boolean;
  hardware: Array<{ providerName: string; regionName: string; instanceSize: string; nodeCount: number }>;
}

class UsageSegments extends Table<UsageSegment> {
  readonly #byCluster = new Map<string, Set<string>>();
  readonly #byOrg = new Map<string, Set<string>>();
  constructor() {
    super('billingUsage', UsageSegmentRecord, (s) => s.id, (s) => ({ orgId: s.orgId }));
  }
  protected override onInsert(s: UsageSegment): void {
    for (const [map, key] of [[this.#byCluster, s.clusterId], [this.#byOrg, s.orgId]] as const) {
      let set = map.get(key);
      if (!set) map.set(key, (set = new Set()));
      set.add(s.id);
    }
  }
  protected override onRemove(s: UsageSegment): void {
    this.#byCluster.get(s.clusterId)?.delete(s.id);
    this.#byOrg.get(s.orgId)?.delete(s.id);
  }
  add(s: UsageSegment): void {
    this.insert(s);
  }
  /** The cluster's segments still running. */
  openOf(clusterId: string): UsageSegment[] {
    return [...(this.#byCluster.get(clusterId) ?? [])].map((id) => this.rows.get(id)!).filter((s) => s.end === undefined);
  }
  ofOrg(orgId: string): UsageSegment[] {
    return [...(this.#byOrg.get(orgId) ?? [])].map((id) => this.rows.get(id)!).sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
  }
}

class CostQueries extends Table<CostQuery> {
  constructor() {
    super('costExplorerQueries', CostQueryRecord, (q) => q.token, (q) => ({ orgId: q.orgId }));
  }
  add(q: CostQuery): void {
    this.insert(q);
  }
}

/** A `YYYY-MM-DD` query date as epoch ms (UTC midnight), or 400 INVALID_ATTRIBUTE naming it. */
function parseDay(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const t = Date.parse(`${v}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(t)) throw new AtlasError('INVALID_ATTRIBUTE', [name]);
  return t;
}

function monthStart(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}
function nextMonth(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

export class Billing {
  readonly usage = new UsageSegments();
  readonly costQueries = new CostQueries();

  constructor(private readonly world: World) {}

  /**
   * Records the cluster as it runs from now: segments that no longer match its hardware
   * or pause state end now, new ones start. Called after every create and change.
   */
  track(c: ClusterUsage): void {
    const now = this.world.clock.now();
    const project = this.world.projects.get(c.groupId);
    const wanted = new Map<string, { providerName: string; regionName: string; sku: string; nodes: number; cents: number }>();
    for (const h of c.hardware) {
      if (h.nodeCount <= 0) continue;
      const sku = `ATLAS_${h.providerName}_INSTANCE_${h.instanceSize}${c.paused ? '_PAUSED' : ''}`;
      const base = PRICE_CENTS[h.instanceSize.replace(/_.*$/, '')] ?? 100;
      const cents = c.paused ? Math.round(base * PAUSED_SHARE * 100) / 100 : base;
      const w = wanted.get(sku);
      if (w) w.nodes += h.nodeCount;
      else wanted.set(sku, { providerName: h.providerName, regionName: h.regionName, sku, nodes: h.nodeCount, cents });
    }
    for (const s of this.usage.openOf(c.id)) {
      const w = wanted.get(s.sku);
      if (w && w.nodes === s.nodes && s.clusterName === c.name) wanted.delete(s.sku);
      else s.end = now;
    }
    for (const w of wanted.values()) {
      this.usage.add({
        id: this.world.ids.next(),
        orgId: project.orgId,
        groupId: c.groupId,
        groupName: project.name,
        clusterId: c.id,
        clusterName: c.name,
        provider: w.providerName,
        regionName: w.regionName,
        sku: w.sku,
        nodes: w.nodes,
        centsPerNodeHour: w.cents,
        start: now,
      });
    }
  }

  /** The cluster stops running up charges (deleted). */
  stop(clusterId: string): void {
    const now = this.world.clock.now();
    for (const s of this.usage.openOf(clusterId)) s.end = now;
  }

  /** The organization's invoices, oldest first. */
  invoices(orgId: string): Invoice[] {
    const org = this.world.orgs.get(orgId);
    const now = this.world.clock.now();
    const segments = this.usage.ofOrg(orgId);
    const out: Invoice[] = [];
    for (let start = monthStart(org.created); start <= now; start = nextMonth(start)) out.push(this.#invoice(orgId, start, now, segments));
    return out;
  }

  /** One invoice, or 404 INVOICE_NOT_FOUND (also for a malformed id). */
  invoice(orgId: string, invoiceId: string): Invoice {
    const found = OBJECT_ID.test(invoiceId) ? this.invoices(orgId).find((i) => i.id === invoiceId) : undefined;
    if (!found) throw new AtlasError('INVOICE_NOT_FOUND', [invoiceId, orgId]);
    return found;
  }

  /**
   * The invoices a list shows: of the given statuses, starting on or after `fromDate` and
   * ending on or before `toDate` (whole days, 400 INVALID_ATTRIBUTE when malformed),
   * sorted by start or end date, newest first unless `asc`. The simulated organizations
   * have no linked (cross-organization) invoices, so `viewLinkedInvoices` changes nothing.
   */
  listInvoices(orgId: string, q: { statusNames?: readonly string[] | undefined; fromDate?: string | undefined; toDate?: string | undefined; sortBy?: string | undefined; orderBy?: string | undefined }): Invoice[] {
    const from = parseDay('fromDate', q.fromDate);
    const to = parseDay('toDate', q.toDate);
    const key = q.sortBy === 'START_DATE' ? (i: Invoice) => i.start : (i: Invoice) => i.end;
    const sign = q.orderBy === 'asc' ? 1 : -1;
    return this.invoices(orgId)
      .filter((i) => (!q.statusNames?.length || q.statusNames.includes(i.statusName)) && (from === undefined || i.start >= from) && (to === undefined || i.end <= to + DAY))
      .sort((a, b) => sign * (key(a) - key(b)));
  }

  /**
   * The line items of an invoice that match a usage-details search: usage dates (whole
   * days, inclusive), projects, clusters, and services (every simulated item is a
   * "Clusters" charge); zero-cent items only when asked. Sorted by usage date, bill date
   * (one per invoice: the same for all) or price.
   */
  searchLineItems(
    invoice: Invoice,
    q: {
      filters?: { usageStartDate?: string | undefined; usageEndDate?: string | undefined; billStartDate?: string | undefined; billEndDate?: string | undefined; groupIds?: string[] | undefined; clusterIds?: string[] | undefined; skuServices?: string[] | undefined; includeZeroCentLineItems?: boolean | undefined } | undefined;
      sortField?: string | undefined;
      sortOrder?: string | undefined;
    },
  ): LineItem[] {
    const f = q.filters ?? {};
    const from = parseDay('usageStartDate', f.usageStartDate);
    const to = parseDay('usageEndDate', f.usageEndDate);
    const billFrom = parseDay('billStartDate', f.billStartDate);
    const billTo = parseDay('billEndDate', f.billEndDate);
    if ((billFrom !== undefined && invoice.end < billFrom) || (billTo !== undefined && invoice.end > billTo + DAY)) return [];
    const items = invoice.lineItems.filter(
      (i) =>
        (from === undefined || i.start >= from) &&
        (to === undefined || i.start < to + DAY) &&
        (!f.groupIds?.length || f.groupIds.includes(i.segment.groupId)) &&
        (!f.clusterIds?.length || f.clusterIds.includes(i.segment.clusterId)) &&
        (!f.skuServices?.length || f.skuServices.includes('Clusters') || f.skuServices.includes('Atlas')) &&
        (f.includeZeroCentLineItems === true || i.totalCents > 0),
    );
    const sign = q.sortOrder === 'DESCENDING' ? -1 : 1;
    const key = q.sortField === 'TOTAL_PRICE_CENTS' ? (i: LineItem) => i.totalCents : (i: LineItem) => i.start;
    return items.sort((a, b) => sign * (key(a) - key(b)));
  }

  /** The running month's invoice. */
  pending(orgId: string): Invoice {
    return this.invoices(orgId).at(-1)!;
  }

  #invoice(orgId: string, start: number, now: number, segments: readonly UsageSegment[]): Invoice {
    const end = nextMonth(start);
    const until = Math.min(end, now);
    const lineItems: LineItem[] = [];
    for (const s of segments) {
      const from = Math.max(s.start, start);
      const to = Math.min(s.end ?? until, until);
      for (let day = Math.floor(from / DAY) * DAY; day < to; day += DAY) {
        const a = Math.max(from, day);
        const b = Math.min(to, day + DAY);
        if (b <= a) continue;
        const quantity = Math.round(((b - a) / HOUR) * s.nodes * 1000) / 1000;
        lineItems.push({ segment: s, start: a, end: b, quantity, unitPriceDollars: s.centsPerNodeHour / 100, totalCents: Math.round(quantity * s.centsPerNodeHour) });
      }
    }
    const month = new Date(start).toISOString().slice(0, 7);
    return {
      id: createHash('sha256').update(`invoice:${orgId}:${month}`).digest('hex').slice(0, 24),
      orgId,
      start,
      end,
      updated: until,
      statusName: now < end ? 'PENDING' : 'INVOICED',
      lineItems,
      subtotalCents: lineItems.reduce((sum, i) => sum + i.totalCents, 0),
    };
  }

  /**
   * Starts a cost explorer query. Dates are whole days, `startDate` before `endDate`
   * (400 INVALID_ATTRIBUTE otherwise); projects and clusters must be the organization's.
   * Decision: the query is done at once (the data is all here); the document's 102
   * "still processing" answer, which Node's HTTP clients cannot receive as a final
   * answer, is never sent.
   */
  startCostQuery(orgId: string, input: { startDate: string; endDate: string; groupBy?: CostQuery['groupBy'] | undefined; projects?: string[] | undefined; clusters?: string[] | undefined; organizations?: string[] | undefined }): CostQuery {
    this.world.orgs.get(orgId);
    const start = Date.parse(`${input.startDate}T00:00:00Z`);
    const end = Date.parse(`${input.endDate}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.startDate) || Number.isNaN(start)) throw new AtlasError('INVALID_ATTRIBUTE', ['startDate']);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.endDate) || Number.isNaN(end) || end <= start) throw new AtlasError('INVALID_ATTRIBUTE', ['endDate']);
    for (const o of input.organizations ?? []) if (o !== orgId) throw new AtlasError('INVALID_ATTRIBUTE', ['organizations']);
    for (const g of input.projects ?? []) if (!OBJECT_ID.test(g) || this.world.projects.find(g)?.orgId !== orgId) throw new AtlasError('INVALID_ATTRIBUTE', ['projects']);
    const q: CostQuery = {
      token: this.world.random.hex(64),
      orgId,
      start,
      end,
      groupBy: input.groupBy ?? 'projects',
      projects: [...new Set(input.projects ?? [])],
      clusters: [...new Set(input.clusters ?? [])],
      created: this.world.clock.now(),
    };
    this.costQueries.add(q);
    return q;
  }

  /** A query of the organization, or 404 COST_EXPLORER_QUERY_NOT_FOUND. */
  costQuery(orgId: string, token: string): CostQuery {
    this.world.orgs.get(orgId);
    const q = /^[0-9A-Fa-f]{64}$/.test(token) ? this.costQueries.find(token.toLowerCase()) : undefined;
    if (!q || q.orgId !== orgId) throw new AtlasError('COST_EXPLORER_QUERY_NOT_FOUND', [token]);
    return q;
  }

  /** The query's usage, summed per group (id, name, dollars), from the line items of the days it covers. */
  costResult(q: CostQuery): Array<{ id: string; name: string; usageAmount: number }> {
    const sums = new Map<string, { id: string; name: string; cents: number }>();
    const org = this.world.orgs.get(q.orgId);
    for (const inv of this.invoices(q.orgId)) {
      for (const item of inv.lineItems) {
        if (item.end <= q.start || item.start >= q.end) continue;
        const s = item.segment;
        if (q.projects.length && !q.projects.includes(s.groupId)) continue;
        if (q.clusters.length && !q.clusters.includes(s.clusterId)) continue;
        const [id, name] =
          q.groupBy === 'organizations' ? [q.orgId, org.name] : q.groupBy === 'clusters' ? [s.clusterId, s.clusterName] : q.groupBy === 'services' ? ['Clusters', 'Clusters'] : [s.groupId, s.groupName];
        const sum = sums.get(id) ?? { id, name, cents: 0 };
        sum.cents += item.totalCents;
        sums.set(id, sum);
      }
    }
    return [...sums.values()].map((s) => ({ id: s.id, name: s.name, usageAmount: s.cents / 100 }));
  }
}
