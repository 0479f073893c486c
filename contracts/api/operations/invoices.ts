import { z } from 'zod';
import type { OperationSpec } from '../operation.js';
import { PAGING_QUERY } from '../operation.js';
import { AtlasDate, Links, ObjectId, paginated } from '../schemas/common.js';
import { optional } from '../schemas/input.js';

const STATUS = ['PENDING', 'CLOSED', 'FORGIVEN', 'FAILED', 'PAID', 'FREE', 'PREPAID', 'INVOICED'] as const;
const SERVICES = [
  'Atlas', 'Clusters', 'Storage', 'Serverless Instances', 'Backup', 'Data Transfer', 'BI Connector', 'Premium Features', 'Atlas Data Federation',
  'Atlas Stream Processing', 'App Services', 'Charts', 'Cloud Manager', 'Cloud Manager Standard/Premium', 'Legacy Backup', 'Flex Consulting', 'Support', 'Credits',
] as const;

const money = z.number().int();

/** InvoiceLineItem: one day of one SKU of one cluster. */
const InvoiceLineItem = z.strictObject({
  clusterName: z.string(),
  created: AtlasDate,
  discountCents: money,
  endDate: AtlasDate,
  groupId: ObjectId,
  groupName: z.string(),
  note: z.string().optional(),
  percentDiscount: z.number(),
  quantity: z.number(),
  sku: z.string(),
  startDate: AtlasDate,
  stitchAppName: z.string().optional(),
  tags: z.record(z.string(), z.array(z.string())).optional(),
  tierLowerBound: z.number().optional(),
  tierUpperBound: z.number().optional(),
  totalPriceCents: money,
  unit: z.string(),
  unitPriceDollars: z.number(),
});

/** BillingPayment. */
const Payment = z.strictObject({
  amountBilledCents: money,
  amountPaidCents: money,
  created: AtlasDate,
  currency: z.string(),
  id: ObjectId,
  salesTaxCents: money,
  statusName: z.enum(['NEW', 'FORGIVEN', 'FAILED', 'PAID', 'PARTIAL_PAID', 'CANCELLED', 'INVOICED', 'FAILED_AUTHENTICATION', 'PROCESSING', 'PENDING_REVERSAL', 'REFUNDED']),
  subtotalCents: money,
  unitPrice: z.string(),
  updated: AtlasDate,
});

const METADATA = {
  amountBilledCents: money,
  amountPaidCents: money,
  created: AtlasDate,
  creditsCents: money,
  endDate: AtlasDate,
  id: ObjectId,
  links: Links,
  orgId: ObjectId,
  salesTaxCents: money,
  startDate: AtlasDate,
  startingBalanceCents: money,
  statusName: z.enum(STATUS),
  subtotalCents: money,
  updated: AtlasDate,
};

/** BillingInvoiceMetadata (the list's items). */
export const InvoiceMetadataView = z.strictObject({ ...METADATA, linkedInvoices: z.array(z.never()) });

/** BillingInvoice: the metadata with line items, payments and refunds. */
export const InvoiceView = z.strictObject({
  ...METADATA,
  lineItems: z.array(InvoiceLineItem),
  linkedInvoices: z.array(z.never()),
  payments: z.array(Payment),
  refunds: z.array(z.never()),
});

/** ApiPublicUsageDetailsQueryRequest. */
export const UsageDetailsQuery = z.strictObject({
  filters: optional(
    z.strictObject({
      billEndDate: optional(z.string()),
      billStartDate: optional(z.string()),
      clusterIds: optional(z.array(ObjectId)),
      groupIds: optional(z.array(ObjectId)),
      includeZeroCentLineItems: optional(z.boolean()),
      skuServices: optional(z.array(z.enum(SERVICES))),
      usageEndDate: optional(z.string()),
      usageStartDate: optional(z.string()),
    }),
  ),
  sortField: optional(z.enum(['USAGE_DATES', 'BILL_DATES', 'TOTAL_PRICE_CENTS'])),
  sortOrder: optional(z.enum(['ASCENDING', 'DESCENDING'])),
});

/** PublicApiUsageDetailsLineItemView. */
export const UsageDetailsLineItemView = z.strictObject({
  billDate: AtlasDate,
  clusterName: z.string(),
  description: z.string(),
  groupId: ObjectId,
  quantity: z.number(),
  totalPriceCents: money,
  unitPriceDollars: z.number(),
  usageDate: AtlasDate,
});

/** CostExplorerFilterRequestBody. */
export const CostExplorerFilter = z.strictObject({
  clusters: optional(z.array(ObjectId)),
  endDate: z.string(),
  groupBy: optional(z.enum(['organizations', 'projects', 'clusters', 'services'])),
  includePartialMatches: optional(z.boolean()),
  organizations: optional(z.array(ObjectId)),
  projects: optional(z.array(ObjectId)),
  services: optional(z.array(z.enum(SERVICES))),
  startDate: z.string(),
});

/**
 * CostExplorerQueryResult: the document leaves the object open. The simulator answers
 * the usage of each group of the query, in dollars.
 */
export const CostExplorerResult = z.strictObject({
  endDate: z.string(),
  groupBy: z.enum(['organizations', 'projects', 'clusters', 'services']),
  startDate: z.string(),
  usageDetails: z.array(z.strictObject({ id: z.string(), name: z.string(), usageAmount: z.number() })),
});

const V = '2023-01-01';
const INVOICES = '/api/atlas/v2/orgs/{orgId}/invoices';
/** "Organization Billing Viewer, Organization Billing Admin, or Organization Owner" (the document). */
const billing = { scope: 'org', anyOf: ['ORG_BILLING_READ_ONLY', 'ORG_BILLING_ADMIN', 'ORG_OWNER'] } as const;

/** Invoices and the cost explorer. Atlas documents no rate-limit bucket for them. */
export const invoiceOperations = [
  {
    operationId: 'listInvoices',
    method: 'GET',
    path: INVOICES,
    versions: [{ date: V, response: paginated(InvoiceMetadataView) }],
    status: 200,
    rateLimit: null,
    access: billing,
    query: {
      ...PAGING_QUERY,
      viewLinkedInvoices: { type: 'boolean' },
      statusNames: { type: 'string', multi: true, enum: STATUS },
      fromDate: { type: 'string' },
      toDate: { type: 'string' },
      sortBy: { type: 'string', enum: ['START_DATE', 'END_DATE'] },
      orderBy: { type: 'string', enum: ['desc', 'asc'] },
    },
    paged: true,
  },
  {
    operationId: 'listPendingInvoices',
    method: 'GET',
    path: `${INVOICES}/pending`,
    versions: [{ date: V, response: paginated(InvoiceView) }],
    status: 200,
    rateLimit: null,
    access: billing,
  },
  {
    operationId: 'getInvoice',
    method: 'GET',
    path: `${INVOICES}/{invoiceId}`,
    versions: [{ date: V, response: InvoiceView }],
    status: 200,
    rateLimit: null,
    access: billing,
  },
  {
    operationId: 'downloadInvoiceCsv',
    method: 'GET',
    path: `${INVOICES}/{invoiceId}/csv`,
    versions: [{ date: V, response: z.string() }],
    status: 200,
    rateLimit: null,
    access: billing,
    csv: true,
  },
  {
    operationId: 'queryLineItemsFromSingleInvoice',
    method: 'GET',
    path: `${INVOICES}/{invoiceId}/lineItems:search`,
    versions: [{ date: '2024-08-05', request: UsageDetailsQuery, response: paginated(UsageDetailsLineItemView) }],
    status: 200,
    rateLimit: null,
    access: billing,
    query: { itemsPerPage: PAGING_QUERY.itemsPerPage!, pageNum: PAGING_QUERY.pageNum! },
    paged: true,
  },
  {
    operationId: 'createCostExplorerQueryProcess',
    method: 'POST',
    path: '/api/atlas/v2/orgs/{orgId}/billing/costExplorer/usage',
    versions: [{ date: V, request: CostExplorerFilter, response: z.strictObject({ token: z.string().length(64) }) }],
    status: 202,
    rateLimit: null,
    access: billing,
  },
  {
    operationId: 'getCostExplorerQueryProcess',
    method: 'GET',
    path: '/api/atlas/v2/orgs/{orgId}/billing/costExplorer/usage/{token}',
    versions: [{ date: V, response: CostExplorerResult }],
    status: 200,
    rateLimit: null,
    access: billing,
    csv: true,
  },
] as const satisfies readonly OperationSpec[];
