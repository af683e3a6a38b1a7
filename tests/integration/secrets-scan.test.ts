// Issue 10 (secrets): after a short but full run — metrics connections with credentials, money
// with a webhook secret and a signed payment, a published report with its PDF, a lead through the
// signed web form — no page, PDF, resolver response, log line, Jira issue or comment holds a
// credential: not the connector tokens, not the web trigger secrets, not any KVS secret value.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signPayload } from '../../src/usecases/money/webhook';
import type { Sandbox } from '../../sandbox/platform';
import { startAgency } from '../helpers/agency';
import { basePayloads, moduleFor, registeredDefs } from '../helpers/abuse-payloads';
import { kvsSecrets, pdfText, secretStrings } from '../helpers/abuse-kit';
import { connect } from './metrics-helpers';
import { ok, requestId } from './money-kit';
import { reportsAgency } from './reports-helpers';
import { FORM_SECRET, postForm, type LeadDetailLike } from './sales-kit';

const WEBHOOK_SECRET = 'scan-webhook-secret-5f2c9a71d0e84b36';
const PERSONAS = ['u-admin', 'u-head', 'u-man-a', 'g-client0', 'g-client1'] as const;
/** Keys that change something; everything else is a read that we call as every persona. */
const WRITE_KEY = /\/(save|set|create|delete|register|import|configure|send|win|move|submit|request|recompute|runNow|sync|test|upload|setup|addExtra|cancel|publish|update|resolve|enable|record)$|^money\/invoices\/issue$/;

interface Haystack {
  where: string;
  text: string;
}

describe('secrets scan', () => {
  let sb: Sandbox;
  const responses: Haystack[] = [];
  const credentials = new Set<string>();

  before(async () => {
    sb = await startAgency(reportsAgency(2));
    // Metrics connections with tokens, refresh tokens and client secrets; one test and one sync each.
    const connected = [...(await connect(sb, 'sv-t0', ['google-ads', 'yandex-direct'])), ...(await connect(sb, 'sv-t1', ['meta', 'topvisor']))];
    for (const c of connected) for (const v of Object.values(c.spec.credentials)) if (v.length >= 8) credentials.add(v);
    for (const c of connected) responses.push({ where: `connections/test ${c.id}`, text: JSON.stringify(await ok(sb, 'u-admin', 'connections/test', { id: c.id })) });
    await sb.drain();

    // Money: the webhook secret, an invoice, and a payment the provider reports through it.
    await ok(sb, 'u-admin', 'money/webhook/configure', { secret: WEBHOOK_SECRET });
    credentials.add(WEBHOOK_SECRET);
    const inv = await ok<{ id: string; number: string; gross: string }>(sb, 'u-man-a', 'money/invoices/issue', { serviceId: 'sv-t0', requestId: requestId('scan'), purpose: 'other', lines: [{ description: 'Audit', quantity: '1', unitPrice: '500.00', vatRatePercent: '20' }] });
    await sb.drain();
    const now = Math.floor(sb.clock.now() / 1000);
    const event = JSON.stringify({ id: 'evt_scan_1', type: 'payment.succeeded', created: now, data: { paymentId: 'pay_scan_1', invoiceNumber: inv.number, amount: inv.gross, currency: 'UAH', paidAt: '2026-10-30' } });
    const paid = await sb.callWebTrigger('payment-webhook', { method: 'POST', headers: { 'content-type': 'application/json', 'x-retainer-signature': signPayload(WEBHOOK_SECRET, event, now) }, body: event });
    assert.equal(paid.statusCode, 200, paid.body);
    responses.push({ where: 'payment-webhook', text: paid.body });
    const unsigned = await sb.callWebTrigger('payment-webhook', { method: 'POST', headers: { 'content-type': 'application/json', 'x-retainer-signature': 't=1,v1=00' }, body: event });
    responses.push({ where: 'payment-webhook refused', text: unsigned.body });

    // A lead through the signed web form, its brief request and documents.
    await ok(sb, 'u-admin', 'sales/form-secret/configure', { secret: FORM_SECRET });
    credentials.add(FORM_SECRET);
    const form = await postForm(sb, JSON.stringify({ name: 'Scan Lead', company: 'Scan Co', email: 'scan@lead.example', serviceTypes: ['seo'], language: 'en' }));
    assert.equal(form.statusCode, 200, JSON.stringify(form.body));
    responses.push({ where: 'lead-intake', text: JSON.stringify(form.body) });
    await sb.drain();
    const leads = await ok<Array<{ id: string; email: string | null }>>(sb, 'u-head', 'sales/leads/list', {});
    const leadId = leads.find((l) => l.email === 'scan@lead.example')?.id as string;
    responses.push({ where: 'sales/brief/request', text: JSON.stringify(await ok<LeadDetailLike>(sb, 'u-head', 'sales/brief/request', { leadId })) });
    await ok(sb, 'u-head', 'sales/estimate/save', { leadId, input: { lines: [{ itemId: 'seo-start', quantity: 1 }], discountPercent: '0' } });
    await ok(sb, 'u-head', 'sales/documents/send', { leadId });
    await sb.drain();

    // A report, published with its PDF.
    await ok(sb, 'u-man-a', 'reports/create', { serviceId: 'sv-t0', from: '2026-10-01', to: '2026-10-28' });
    await sb.drain();
    const report = (await ok<Array<{ reportId: string; from: string }>>(sb, 'u-man-a', 'reports/list', { serviceId: 'sv-t0' })).find((r) => r.from === '2026-10-01');
    assert.ok(report, 'the report exists');
    await ok(sb, 'u-man-a', 'reports/publish', { reportId: report.reportId });
    await sb.drain();

    // Every read resolver as every persona (guests and staff), with payloads about this run's data.
    const { defs } = await registeredDefs();
    const bases = await basePayloads(sb, { serviceId: 'sv-t0', clientId: 'cl-t0', invoiceId: inv.id, leadId, reportId: report.reportId, connectionId: connected[0]?.id as string, templateId: 'tt-seo-audit', month: '2026-10' });
    for (const d of defs.filter((x) => !WRITE_KEY.test(x.key))) {
      for (const persona of PERSONAS) {
        const r = await sb.invokeResolver(moduleFor(d.key), d.key, bases[d.key], { accountId: persona });
        responses.push({ where: `${d.key} as ${persona}`, text: JSON.stringify(r.value ?? r.record.error ?? null) });
      }
    }
  });
  after(async () => {
    await sb?.close();
  });

  test('should find no credential in any page, PDF, response, log line or Jira issue', async (t) => {
    // What the app keeps in the secret store, read directly: each value is a needle too.
    const secrets = await kvsSecrets(sb);
    for (const v of secrets.values()) for (const s of secretStrings(v)) credentials.add(s);
    assert.ok(secrets.size >= 6, `the secret store holds the connections' and web triggers' secrets (${secrets.size})`);
    const stored = [...secrets.values()].flatMap(secretStrings);
    assert.ok(stored.includes(WEBHOOK_SECRET) && stored.includes(FORM_SECRET), 'the web trigger secrets are in the secret store');
    const needles = [...credentials].filter((s) => s.length >= 8);

    const stacks: Record<'pages' | 'pdfs' | 'responses' | 'logs' | 'jira' | 'kvs', Haystack[]> = { pages: [], pdfs: [], responses, logs: [], jira: [], kvs: [] };
    const conf = sb.site.confluence;
    for (const p of conf.pages.values()) stacks.pages.push({ where: `page ${p.id} "${p.current.title}"`, text: JSON.stringify(p) });
    for (const prop of conf.properties.values()) stacks.pages.push({ where: 'content property', text: JSON.stringify(prop) });
    for (const a of conf.attachments.values()) {
      for (const v of a.versions) {
        const bytes = new Uint8Array(v.bytes);
        const text = a.title.endsWith('.pdf') ? pdfText(bytes) : '';
        stacks.pdfs.push({ where: `attachment ${a.title} v${v.number}`, text: `${text}\n${Buffer.from(bytes).toString('latin1')}` });
      }
    }
    for (const l of sb.runtime.logs) stacks.logs.push({ where: `log ${l.functionKey ?? '?'} ${l.level}`, text: l.text });
    const jira = sb.site.jira;
    for (const i of jira.issues.values()) stacks.jira.push({ where: `issue ${i.key}`, text: JSON.stringify(i) });
    for (const [id, cs] of jira.comments) stacks.jira.push({ where: `comments of ${id}`, text: JSON.stringify(cs) });
    for (const w of jira.worklogs.values()) stacks.jira.push({ where: 'worklog', text: JSON.stringify(w) });
    for (const p of jira.projects.values()) stacks.jira.push({ where: `project ${p.key}`, text: JSON.stringify(p) });
    // Plain keys and entities: credentials belong in the secret store only.
    const snap = sb.kvs.snapshot();
    for (const [k, v] of Object.entries(snap.keys)) stacks.kvs.push({ where: `kvs ${k}`, text: JSON.stringify(v) });
    for (const [e, rows] of Object.entries(snap.entities)) for (const [k, v] of Object.entries(rows)) stacks.kvs.push({ where: `entity ${e}/${k}`, text: JSON.stringify(v) });

    const found: string[] = [];
    for (const [kind, hay] of Object.entries(stacks)) {
      for (const h of hay) for (const n of needles) if (h.text.includes(n)) found.push(`${kind}: ${h.where} holds ${n.slice(0, 6)}…`);
    }
    const pdfs = conf.attachments.size;
    t.diagnostic(
      `secrets scan: ${needles.length} credentials (${secrets.size} KVS secrets) against ${stacks.pages.length} pages/properties, ${pdfs} attachments (${stacks.pdfs.length} versions), ${responses.length} responses, ${stacks.logs.length} log lines, ${stacks.jira.length} Jira issues/comments/worklogs/projects, ${stacks.kvs.length} KVS records`,
    );
    assert.ok(stacks.pdfs.some((p) => p.where.endsWith('.pdf v1')), 'PDFs were scanned');
    assert.ok(stacks.logs.length > 0 && responses.length > 100, 'logs and responses were scanned');
    assert.deepEqual(found, []);
  });
});
