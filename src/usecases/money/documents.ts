// Invoices and acts as live Confluence pages in the client's space, each with its PDF attached. The
// page is (re)rendered whenever the document changes (status, payments); an unchanged render is
// recognised by its hash and costs no Confluence call. Invoices and acts are for the client, so
// their pages are readable by the client's guests; internal figures (ledger, profitability) are
// never written to Confluence.
import { createHash } from 'node:crypto';
import { type ActDocModel, type InvoiceDocModel, type MoneyDocModel, docTitle, moneyTexts, pdfFilename, renderInvoiceIndexStorage, renderMoneyDocPdf, renderMoneyDocStorage, renderMoneyParentStorage } from '../../documents/money';
import { type Invoice, addDays, formatMoney, invoiceFromJson, invoiceVatBreakdown, outstanding, paidAmount } from '../../domain/money';
import type { AgencySettings, Client } from '../../domain/model';
import { getAgencySettings } from '../../storage/agency.repo';
import { type InvoiceRecord, invoiceSignature, invoiceWrite, invoicesOfClient, invoicesWithStatus, readInvoice } from '../../storage/invoices.repo';
import { clientsRepo } from '../../storage/clients.repo';
import { tryLock, unlock } from '../../platform/kv';
import { RetryLaterError } from '../../shared/errors';
import { type ActRecord, type AgencyMoneySettings, ActRecordSchema, IndexPageSchema, actKey, docWrite, docsOfKind, invoiceIndexKey, readDoc } from '../../storage/money-docs.repo';
import { withRetry } from '../../storage/money-store';
import { type MoneyService, getMoneySettings, loadMoneyService } from './context';
import type { MoneyConfluence } from './ports';

function issuerOf(agency: AgencySettings, settings: AgencyMoneySettings): MoneyDocModel['issuer'] {
  const i = settings.issuer;
  return { name: i.legalName || agency.name, ...(i.taxId ? { taxId: i.taxId } : {}), ...(i.address ? { address: i.address } : {}), ...(i.bankDetails ? { bankDetails: i.bankDetails } : {}) };
}

function clientOf(c: Client): MoneyDocModel['client'] {
  return { name: c.legal.legalName || c.name, ...(c.legal.taxId ? { taxId: c.legal.taxId } : {}), ...(c.legal.address ? { address: c.legal.address } : {}) };
}

export function invoiceDocModel(invoice: Invoice, ms: MoneyService, agency: AgencySettings, settings: AgencyMoneySettings): InvoiceDocModel {
  const m = formatMoney;
  return {
    kind: 'invoice',
    id: invoice.id,
    number: invoice.number,
    language: ms.client.language,
    currency: invoice.currency,
    status: invoice.status,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    ...(invoice.period ? { period: invoice.period } : {}),
    ...(invoice.cancelledOn ? { cancelledOn: invoice.cancelledOn } : {}),
    issuer: issuerOf(agency, settings),
    client: clientOf(ms.client),
    serviceName: ms.service.name,
    lines: invoice.lines.map((l) => ({ description: l.description, quantity: l.quantity, unitPrice: m(l.unitPrice), vatRatePercent: l.vatRatePercent, net: m(l.net), vat: m(l.vat), gross: m(l.gross) })),
    vatBreakdown: invoiceVatBreakdown(invoice).map((r) => ({ ratePercent: r.ratePercent, net: m(r.net), vat: m(r.vat), gross: m(r.gross) })),
    totals: { net: m(invoice.totals.net), vat: m(invoice.totals.vat), gross: m(invoice.totals.gross) },
    paid: m(paidAmount(invoice, invoice.payments)),
    outstanding: m(outstanding(invoice)),
    payments: invoice.payments.map((p) => ({ date: p.date, amount: m(p.amount) })),
  };
}

export function actDocModel(act: ActRecord, ms: MoneyService, agency: AgencySettings, settings: AgencyMoneySettings): ActDocModel {
  const m = (x: { amountMinor: string; currency: string }): string => formatMoney({ amountMinor: BigInt(x.amountMinor), currency: x.currency });
  const byRate = new Map<string, { net: bigint; vat: bigint; gross: bigint }>();
  for (const l of act.lines) {
    const r = byRate.get(l.vatRatePercent) ?? { net: 0n, vat: 0n, gross: 0n };
    byRate.set(l.vatRatePercent, { net: r.net + BigInt(l.net.amountMinor), vat: r.vat + BigInt(l.vat.amountMinor), gross: r.gross + BigInt(l.gross.amountMinor) });
  }
  const mm = (v: bigint): string => formatMoney({ amountMinor: v, currency: act.currency });
  return {
    kind: 'act',
    id: act.id,
    number: act.number,
    language: ms.client.language,
    currency: act.currency,
    date: act.date,
    period: act.period,
    issuer: issuerOf(agency, settings),
    client: clientOf(ms.client),
    serviceName: ms.service.name,
    lines: act.lines.map((l) => ({ description: l.description, quantity: l.quantity, unitPrice: m(l.unitPrice), vatRatePercent: l.vatRatePercent, net: m(l.net), vat: m(l.vat), gross: m(l.gross) })),
    vatBreakdown: [...byRate].sort(([a], [b]) => Number(a) - Number(b)).map(([ratePercent, r]) => ({ ratePercent, net: mm(r.net), vat: mm(r.vat), gross: mm(r.gross) })),
    totals: { net: m(act.totals.net), vat: m(act.totals.vat), gross: m(act.totals.gross) },
    hoursUsed: act.hoursUsed,
    tasksDone: act.tasksDone,
    invoiceNumbers: act.invoiceNumbers,
  };
}

interface Rendered {
  title: string;
  storage: string;
  pdf: Uint8Array;
  filename: string;
  hash: string;
}

async function render(model: MoneyDocModel): Promise<Rendered> {
  const storage = renderMoneyDocStorage(model);
  const pdf = await renderMoneyDocPdf(model);
  const hash = createHash('sha256').update(storage).update(pdf).digest('hex').slice(0, 32);
  return { title: docTitle(model), storage, pdf, filename: pdfFilename(model), hash };
}

/** The "Invoices" / "Closing documents" page of the client's space, found or made. */
async function parentPage(confluence: MoneyConfluence, client: Client, kind: 'invoices' | 'acts'): Promise<string | undefined> {
  if (!client.confluenceSpaceId) return undefined;
  const t = moneyTexts(client.language);
  const title = kind === 'invoices' ? t.invoicesPage : t.actsPage;
  const found = await confluence.findPage(client.confluenceSpaceId, title);
  if (found) return found.id;
  return (await confluence.createPage({ spaceId: client.confluenceSpaceId, title, storage: renderMoneyParentStorage(kind === 'invoices' ? t.invoicesIntro : t.actsIntro) })).id;
}

/** Creates or updates the page and uploads the PDF; returns the page id. */
async function publish(confluence: MoneyConfluence, client: Client, kind: 'invoices' | 'acts', r: Rendered, pageId: string | undefined): Promise<string> {
  const spaceId = client.confluenceSpaceId as string;
  let id = pageId;
  if (id && !(await confluence.updatePage(id, { title: r.title, storage: r.storage }))) id = undefined;
  if (!id) {
    const existing = await confluence.findPage(spaceId, r.title);
    if (existing) {
      await confluence.updatePage(existing.id, { title: r.title, storage: r.storage });
      id = existing.id;
    } else {
      const parentId = await parentPage(confluence, client, kind);
      id = (await confluence.createPage({ spaceId, ...(parentId ? { parentId } : {}), title: r.title, storage: r.storage })).id;
    }
  }
  await confluence.upload(id, { filename: r.filename, bytes: r.pdf, contentType: 'application/pdf', comment: r.title });
  return id;
}

export type PublishOutcome = 'published' | 'unchanged' | 'no-space' | 'missing';

/** Renders the invoice and brings its page and PDF up to date. */
export async function publishInvoice(invoiceId: string, confluence: MoneyConfluence): Promise<PublishOutcome> {
  // One publisher per invoice at a time, so an older render never overwrites a newer one.
  const lock = `lock:publish:${invoiceId}`;
  if (!(await tryLock(lock, 120))) throw new RetryLaterError(`Invoice ${invoiceId} is being published`, 30, { invoiceId });
  try {
    return await publishInvoiceLocked(invoiceId, confluence);
  } finally {
    await unlock(lock);
  }
}

async function publishInvoiceLocked(invoiceId: string, confluence: MoneyConfluence): Promise<PublishOutcome> {
  const cur = await readInvoice(invoiceId);
  if (!cur) return 'missing';
  const invoice = invoiceFromJson(cur.value.invoice);
  const ms = await loadMoneyService(invoice.serviceId);
  if (!ms.client.confluenceSpaceId) return 'no-space';
  const [agency, settings] = await Promise.all([getAgencySettings(), getMoneySettings()]);
  const r = await render(invoiceDocModel(invoice, ms, agency, settings));
  const signature = invoiceSignature(cur.value.invoice);
  if (cur.value.document.state === 'published' && cur.value.document.renderedHash === r.hash) return 'unchanged';
  const pageId = await publish(confluence, ms.client, 'invoices', r, cur.value.document.pageId);
  await withRetry(`Recording the page of ${invoiceId}`, async () => {
    const now = await readInvoice(invoiceId);
    if (!now) return { done: undefined };
    const record: InvoiceRecord = { ...now.value, document: { state: 'published', pageId, pageTitle: r.title, renderedHash: r.hash, signature }, updatedAt: new Date().toISOString() };
    return { writes: [invoiceWrite(record, now.version)], result: undefined };
  });
  return 'published';
}

/** Renders the act and brings its page and PDF up to date. */
export async function publishAct(serviceId: string, period: string, confluence: MoneyConfluence): Promise<PublishOutcome> {
  const cur = await readDoc(actKey(serviceId, period), ActRecordSchema);
  if (!cur) return 'missing';
  const ms = await loadMoneyService(serviceId);
  if (!ms.client.confluenceSpaceId) return 'no-space';
  const [agency, settings] = await Promise.all([getAgencySettings(), getMoneySettings()]);
  const r = await render(actDocModel(cur.value, ms, agency, settings));
  if (cur.value.document.state === 'published' && cur.value.document.renderedHash === r.hash) return 'unchanged';
  const pageId = await publish(confluence, ms.client, 'acts', r, cur.value.document.pageId);
  await withRetry(`Recording the page of act ${cur.value.number}`, async () => {
    const now = await readDoc(actKey(serviceId, period), ActRecordSchema);
    if (!now) return { done: undefined };
    const next: ActRecord = { ...now.value, document: { state: 'published', pageId, pageTitle: r.title, renderedHash: r.hash } };
    return { writes: [docWrite('act', actKey(serviceId, period), next, now.version, { serviceId, sortKey: period })], result: undefined };
  });
  return 'published';
}

/** The PDF of an invoice or act, rendered on demand (for downloads from the app). */
export async function renderPdfOf(kind: 'invoice' | 'act', ref: { invoiceId?: string; serviceId?: string; period?: string }): Promise<{ filename: string; bytes: Uint8Array } | null> {
  const [agency, settings] = await Promise.all([getAgencySettings(), getMoneySettings()]);
  if (kind === 'invoice' && ref.invoiceId) {
    const cur = await readInvoice(ref.invoiceId);
    if (!cur) return null;
    const invoice = invoiceFromJson(cur.value.invoice);
    const model = invoiceDocModel(invoice, await loadMoneyService(invoice.serviceId), agency, settings);
    return { filename: pdfFilename(model), bytes: await renderMoneyDocPdf(model) };
  }
  if (kind === 'act' && ref.serviceId && ref.period) {
    const cur = await readDoc(actKey(ref.serviceId, ref.period), ActRecordSchema);
    if (!cur) return null;
    const model = actDocModel(cur.value, await loadMoneyService(ref.serviceId), agency, settings);
    return { filename: pdfFilename(model), bytes: await renderMoneyDocPdf(model) };
  }
  return null;
}

/** Invoices whose page does not show their current state (a lost publish job): to publish again. */
export async function staleInvoiceDocuments(today: string): Promise<string[]> {
  const since = addDays(today, -62);
  const lists = await Promise.all([
    ...(['issued', 'partially-paid', 'overdue'] as const).map((s) => invoicesWithStatus(s)),
    ...(['paid', 'cancelled'] as const).map((s) => invoicesWithStatus(s, undefined, since)),
  ]);
  return lists
    .flat()
    .filter((r) => r.value.document.state !== 'published' || r.value.document.signature !== invoiceSignature(r.value.invoice))
    .map((r) => r.value.invoice.id);
}

/** Acts not published yet. */
export async function pendingActs(): Promise<Array<{ serviceId: string; period: string }>> {
  return (await docsOfKind('act', ActRecordSchema)).filter((r) => r.value.document.state !== 'published').map((r) => ({ serviceId: r.value.serviceId, period: r.value.period }));
}

/**
 * The client's "Invoices" page: every published invoice with its status, overdue ones under a notice.
 * Re-rendered after invoice pages change; unchanged content is not written again.
 */
export async function publishInvoiceIndex(clientId: string, confluence: MoneyConfluence): Promise<PublishOutcome> {
  const lock = `lock:invoice-index:${clientId}`;
  if (!(await tryLock(lock, 120))) throw new RetryLaterError(`The invoices page of ${clientId} is being updated`, 30, { clientId });
  try {
    const client = await clientsRepo.get(clientId);
    if (!client) return 'missing';
    if (!client.confluenceSpaceId) return 'no-space';
    const rows = (await invoicesOfClient(clientId))
      .filter((r) => r.document.pageTitle)
      .map((r) => {
        const inv = invoiceFromJson(r.invoice);
        return { title: r.document.pageTitle as string, number: inv.number, status: inv.status, issueDate: inv.issueDate, dueDate: inv.dueDate, currency: inv.currency, gross: formatMoney(inv.totals.gross), outstanding: formatMoney(outstanding(inv)) };
      });
    const storage = renderInvoiceIndexStorage(client.language, rows);
    const hash = createHash('sha256').update(storage).digest('hex').slice(0, 32);
    const prev = await readDoc(invoiceIndexKey(clientId), IndexPageSchema);
    if (prev?.value.hash === hash) return 'unchanged';
    const pageId = await parentPage(confluence, client, 'invoices');
    if (!pageId) return 'no-space';
    await confluence.updatePage(pageId, { title: moneyTexts(client.language).invoicesPage, storage });
    await withRetry(`Recording the invoices page of ${clientId}`, async () => {
      const cur = await readDoc(invoiceIndexKey(clientId), IndexPageSchema);
      return { writes: [docWrite('page', invoiceIndexKey(clientId), { pageId, hash }, cur?.version ?? 'absent', { sortKey: clientId })], result: undefined };
    });
    return 'published';
  } finally {
    await unlock(lock);
  }
}
