// Invoice and act → Confluence storage XHTML: the live page the client reads. Same view as the PDF
// (money-doc-model.ts), the PDF linked as an attachment of the page. All text goes through xml.ts.
import { h, serialize, type XmlElement, type XmlNode } from '../xml';
import { formatDate, formatMoney } from '../format';
import { fill } from '../i18n';
import type { ReportLanguage } from '../report-model';
import { type MoneyDocModel, type MoneyDocParty, buildMoneyDocView, pdfFilename } from './money-doc-model';
import { moneyTexts } from './money-texts';
import type { MoneyDocStatus } from './money-texts';

const STATUS_COLOUR: Readonly<Record<MoneyDocStatus, string>> = { issued: 'Blue', 'partially-paid': 'Yellow', paid: 'Green', overdue: 'Red', cancelled: 'Grey' };
const RIGHT = { style: 'text-align: right;' } as const;

const param = (name: string, value: string): XmlElement => h('ac:parameter', { 'ac:name': name }, value);
const p = (...children: XmlNode[]): XmlElement => h('p', null, ...children);

function panel(kind: 'info' | 'note' | 'warning' | 'tip', ...body: XmlNode[]): XmlElement {
  return h('ac:structured-macro', { 'ac:name': kind }, h('ac:rich-text-body', null, ...body));
}

function partyCell(label: string, party: MoneyDocParty, taxLabel: string): XmlElement[] {
  return [
    p(h('strong', null, label)),
    p(party.name || '—'),
    ...(party.taxId ? [p(`${taxLabel}: ${party.taxId}`)] : []),
    ...(party.address ? [p(party.address)] : []),
  ];
}

/** The page body for the invoice or act. */
export function renderMoneyDocStorage(model: MoneyDocModel): string {
  const v = buildMoneyDocView(model);
  const t = v.texts;
  const out: XmlNode[] = [];
  if (v.status) {
    out.push(p(h('ac:structured-macro', { 'ac:name': 'status' }, param('colour', STATUS_COLOUR[v.status.status]), param('title', v.status.label)), ` ${t.livePage}`));
  }
  for (const note of v.notes) out.push(panel(v.status?.status === 'overdue' ? 'warning' : v.status?.status === 'paid' ? 'tip' : 'note', p(note)));
  out.push(
    h('table', null, h('tbody', null, h('tr', null, h('td', null, ...partyCell(t.supplier, v.issuer, t.taxId)), h('td', null, ...partyCell(t.customer, v.client, t.taxId))))),
  );
  out.push(h('table', null, h('tbody', null, ...v.facts.map(([label, value]) => h('tr', null, h('th', null, p(label)), h('td', null, p(value)))))));
  const numeric = v.lines.columns.map((c) => c.numeric);
  out.push(
    h(
      'table',
      null,
      h(
        'tbody',
        null,
        h('tr', null, ...v.lines.columns.map((c) => h('th', c.numeric ? RIGHT : null, p(c.label)))),
        ...v.lines.rows.map((r) => h('tr', null, ...(r.kind === 'group' ? [] : r.cells.map((cell, i) => h('td', numeric[i] ? RIGHT : null, p(cell.text)))))),
      ),
    ),
  );
  out.push(h('table', null, h('tbody', null, ...v.totals.map((row) => h('tr', null, h('th', null, p(row.label)), h('td', RIGHT, p(row.strong ? h('strong', null, row.value) : row.value)))))));
  if (v.payments.length > 0) {
    out.push(h('h3', null, t.paymentsReceived), h('ul', null, ...v.payments.map(([d, a]) => h('li', null, p(`${d} — ${a}`)))));
  }
  if (v.paymentDetails.length > 0) out.push(h('h3', null, t.paymentDetails), ...v.paymentDetails.map((line) => p(line)));
  if (v.statement) out.push(p(v.statement));
  out.push(p(h('ac:link', null, h('ri:attachment', { 'ri:filename': pdfFilename(model) }), h('ac:link-body', null, `${t.downloadPdf}: ${pdfFilename(model)}`))));
  return serialize(out);
}

/** Body of the parent page ("Invoices" / "Closing documents") in the client's space. */
export function renderMoneyParentStorage(intro: string): string {
  return serialize([p(intro), h('ac:structured-macro', { 'ac:name': 'children' }, param('all', 'true'), param('sort', 'title'), param('reverse', 'true'))]);
}

export interface InvoiceIndexRow {
  /** Title of the invoice's page (linked). */
  title: string;
  number: string;
  status: MoneyDocStatus;
  issueDate: string;
  dueDate: string;
  currency: string;
  gross: string;
  outstanding: string;
}

/**
 * The client's "Invoices" page: an overdue notice when something is past due, then every invoice with
 * its status, newest first. Rows link to the invoice pages.
 */
export function renderInvoiceIndexStorage(language: ReportLanguage, rows: readonly InvoiceIndexRow[]): string {
  const t = moneyTexts(language);
  const money = (v: string, c: string): string => formatMoney(v, c, language);
  const link = (title: string): XmlElement => h('ac:link', null, h('ri:page', { 'ri:content-title': title }), h('ac:link-body', null, title));
  const sorted = [...rows].sort((a, b) => b.number.localeCompare(a.number));
  const overdue = sorted.filter((r) => r.status === 'overdue');
  const out: XmlNode[] = [p(t.invoicesIntro)];
  if (overdue.length > 0) {
    out.push(
      panel('warning', p(h('strong', null, t.overdueNotice)), h('ul', null, ...overdue.map((r) => h('li', null, p(link(r.title), ` — ${fill(t.overdueNote, { date: formatDate(r.dueDate, language), amount: money(r.outstanding, r.currency) })}`))))),
    );
  }
  const head = [t.invoice, t.issueDate, t.dueDate, t.total, t.outstanding, t.statusLabel];
  out.push(
    h(
      'table',
      null,
      h(
        'tbody',
        null,
        h('tr', null, ...head.map((x, i) => h('th', i >= 3 && i <= 4 ? RIGHT : null, p(x)))),
        ...sorted.map((r) =>
          h(
            'tr',
            null,
            h('td', null, p(link(r.title))),
            h('td', null, p(formatDate(r.issueDate, language))),
            h('td', null, p(formatDate(r.dueDate, language))),
            h('td', RIGHT, p(money(r.gross, r.currency))),
            h('td', RIGHT, p(money(r.outstanding, r.currency))),
            h('td', null, p(h('ac:structured-macro', { 'ac:name': 'status' }, param('colour', STATUS_COLOUR[r.status]), param('title', t.status[r.status])))),
          ),
        ),
      ),
    ),
  );
  return serialize(out);
}
