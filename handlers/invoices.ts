import { invoiceOperations } from '../contracts/api/operations/invoices.js';
import type { Invoice, LineItem } from '../src/sim/billing.js';
import { isoSeconds } from '../src/sim/clock.js';
import type { HandlerContext } from '../src/wire/context.js';
import { defineHandlers, RawText, Reply } from '../src/wire/context.js';

function metadata(ctx: HandlerContext, i: Invoice) {
  return {
    amountBilledCents: i.statusName === 'PENDING' ? 0 : i.subtotalCents,
    amountPaidCents: 0,
    created: isoSeconds(i.start),
    creditsCents: 0,
    endDate: isoSeconds(i.end),
    id: i.id,
    linkedInvoices: [],
    links: ctx.selfLink(`/orgs/${i.orgId}/invoices/${i.id}`),
    orgId: i.orgId,
    salesTaxCents: 0,
    startDate: isoSeconds(i.start),
    startingBalanceCents: 0,
    statusName: i.statusName,
    subtotalCents: i.subtotalCents,
    updated: isoSeconds(i.updated),
  };
}

const lineItemView = (item: LineItem) => ({
  clusterName: item.segment.clusterName,
  created: isoSeconds(item.start),
  discountCents: 0,
  endDate: isoSeconds(item.end),
  groupId: item.segment.groupId,
  groupName: item.segment.groupName,
  percentDiscount: 0,
  quantity: item.quantity,
  sku: item.segment.sku,
  startDate: isoSeconds(item.start),
  totalPriceCents: item.totalCents,
  unit: 'server hours',
  unitPriceDollars: item.unitPriceDollars,
});

function invoiceView(ctx: HandlerContext, i: Invoice) {
  // A closed month is billed under the subscription contract: one payment, INVOICED.
  const payments =
    i.statusName === 'PENDING'
      ? []
      : [
          {
            amountBilledCents: i.subtotalCents,
            amountPaidCents: 0,
            created: isoSeconds(i.end),
            currency: 'USD',
            id: i.id,
            salesTaxCents: 0,
            statusName: 'INVOICED' as const,
            subtotalCents: i.subtotalCents,
            unitPrice: '1',
            updated: isoSeconds(i.end),
          },
        ];
  return { ...metadata(ctx, i), lineItems: i.lineItems.map(lineItemView), payments, refunds: [] };
}

const csvCell = (v: string | number) => (typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : String(v));
const longDate = (t: number) => new Date(t).toLocaleDateString('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });

/** The invoice as Atlas's CSV download lays it out (the document's example): a header block, then one row per line item. */
function invoiceCsv(ctx: HandlerContext, i: Invoice): string {
  const org = ctx.world.orgs.get(i.orgId);
  const head = [
    ['Invoice Number', i.id],
    ['Billing Period', `${longDate(i.start)} - ${longDate(i.end)}`],
    ['Organization Name', org.name],
    ['Organization ID', org.id],
  ].map((r) => `${r.map(csvCell).join(',')},`);
  const columns = 'Date,Usage Date,Description,Note,Organization Name,Organization ID,Project,Project ID,SKU,Region,Cluster,Replica Set,Config Server,Application,Unit,Unit Price,Quantity,Discount Percent,Amount';
  const rows = i.lineItems.map((item) => {
    const s = item.segment;
    const day = new Date(item.start).toISOString().slice(0, 10);
    return [day, day, `Atlas ${s.sku.replace(/^ATLAS_/, '').replaceAll('_', ' ')}`, '', org.name, org.id, s.groupName, s.groupId, s.sku, s.regionName, s.clusterName, '', '', '', 'server hours', item.unitPriceDollars.toFixed(2), item.quantity, 0, (item.totalCents / 100).toFixed(2)]
      .map(csvCell)
      .join(',');
  });
  return [...head, '', columns, ...rows].join('\n') + '\n';
}

const CSV = { 'Content-Type': 'application/vnd.atlas.2023-01-01+csv' };

export const invoiceHandlers = defineHandlers(invoiceOperations, {
  listInvoices(ctx) {
    const invoices = ctx.world.billing.listInvoices(ctx.params.orgId, ctx.query);
    return ctx.list(invoices, invoices.length, (i) => metadata(ctx, i));
  },

  listPendingInvoices(ctx) {
    const pending = [ctx.world.billing.pending(ctx.params.orgId)];
    return ctx.list(pending, pending.length, (i) => invoiceView(ctx, i));
  },

  getInvoice(ctx) {
    return invoiceView(ctx, ctx.world.billing.invoice(ctx.params.orgId, ctx.params.invoiceId));
  },

  downloadInvoiceCsv(ctx) {
    return new Reply(200, new RawText(invoiceCsv(ctx, ctx.world.billing.invoice(ctx.params.orgId, ctx.params.invoiceId))), CSV);
  },

  queryLineItemsFromSingleInvoice(ctx) {
    const invoice = ctx.world.billing.invoice(ctx.params.orgId, ctx.params.invoiceId);
    const items = ctx.world.billing.searchLineItems(invoice, ctx.body ?? {});
    return ctx.list(items, items.length, (item) => ({
      billDate: isoSeconds(invoice.end),
      clusterName: item.segment.clusterName,
      description: `Atlas ${item.segment.sku.replace(/^ATLAS_/, '').replaceAll('_', ' ')}`,
      groupId: item.segment.groupId,
      quantity: item.quantity,
      totalPriceCents: item.totalCents,
      unitPriceDollars: item.unitPriceDollars,
      usageDate: isoSeconds(item.start),
    }));
  },

  createCostExplorerQueryProcess(ctx) {
    return { token: ctx.world.billing.startCostQuery(ctx.params.orgId, ctx.body).token };
  },

  getCostExplorerQueryProcess(ctx) {
    const billing = ctx.world.billing;
    const q = billing.costQuery(ctx.params.orgId, ctx.params.token);
    const usage = billing.costResult(q);
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    if (ctx.acceptsCsv) {
      const lines = usage.map((u) => [u.id, csvCell(u.name), u.usageAmount.toFixed(2)].join(','));
      return new Reply(200, new RawText(['Id,Name,Usage Amount', ...lines].join('\n') + '\n'), CSV);
    }
    return { endDate: day(q.end), groupBy: q.groupBy, startDate: day(q.start), usageDetails: usage };
  },
});
