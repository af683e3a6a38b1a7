// Issue 10 (abuse): every resolver key and web trigger under random and hostile payloads — no
// unhandled errors, typed refusals, no writes on refused input, no leaks to guests or strangers —
// and markup typed into text that ends up in pages and PDFs stays text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signPayload } from '../../src/usecases/money/webhook';
import type { RequestLogEntry } from '../../sandbox/core/request-log';
import type { Sandbox } from '../../sandbox/platform';
import { startAgency } from '../helpers/agency';
import { basePayloads, moduleFor, registeredDefs, type AbuseIds, type DefLike } from '../helpers/abuse-payloads';
import { hasPdfToText, inspectStorage, isMutatingRequest, kvsWrites, pdfActiveContent, pdfText, recordKvsWrites } from '../helpers/abuse-kit';
import { HUGE_BYTES, MARKUP, NEAR_LIMIT_BYTES, fuzzCases, hugeString, type FuzzCase } from '../helpers/fuzz';
import { createRng } from '../../sandbox/core/rng';
import { call, download, ok, pageStorage, requestId } from './money-kit';
import { reportsAgency } from './reports-helpers';
import { FORM_SECRET, nonce, postForm, tokenOnPage, type LeadDetailLike } from './sales-kit';
import { signForm } from '../../src/usecases/sales/intake';

const PER_KEY = 12;
const WEBHOOK_SECRET = 'abuse-webhook-secret-0123456789abcdef';
const TYPED_CODES = new Set(['VALIDATION', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT']);
const PERSONAS: ReadonlyArray<string | null> = ['u-admin', 'u-man-a', 'g-client0', null];

interface Envelope {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string; fields?: Record<string, string>; details?: Record<string, unknown> };
}

interface Outcome {
  key: string;
  persona: string | null;
  fuzz: FuzzCase;
  schemaValid: boolean;
  env: Envelope | undefined;
  invocation: string;
  writes: string[];
  /** Keys written, when the case ran alone (phase 2). */
  writtenKeys?: Array<{ path: string; keys: string[] }>;
  queuePushes: number;
  body: string;
}

describe('abuse: hostile input everywhere', () => {
  let sb: Sandbox;
  let defs: DefLike[];
  let ids: AbuseIds;
  let bases: Record<string, unknown>;
  /** Tokens only agency staff or the other client may see, by what they are. */
  const secretsOfOthers: string[] = [];

  before(async () => {
    sb = await startAgency(reportsAgency(2));
    const reg = await registeredDefs();
    defs = reg.defs;
    // The list we fuzz is the list the app registers: every exported array is in resolvers/index.ts.
    for (const name of reg.arrays) assert.match(reg.indexSource, new RegExp(`\\b${name}\\b`), `${name} is registered in resolvers/index.ts`);
    assert.equal(new Set(defs.map((d) => d.key)).size, defs.length, 'no key defined twice');
    assert.ok(defs.length >= 100, `${defs.length} resolver keys`);

    await ok(sb, 'u-admin', 'money/webhook/configure', { secret: WEBHOOK_SECRET });
    await ok(sb, 'u-admin', 'sales/form-secret/configure', { secret: FORM_SECRET });
    // Data that belongs to the second client (cl-t1, manager B): an invoice, a lead the agency works.
    const inv = await ok<{ id: string; number: string; gross: string }>(sb, 'u-man-b', 'money/invoices/issue', { serviceId: 'sv-t1', requestId: requestId('other'), purpose: 'other', lines: [{ description: 'Other client audit', quantity: '1', unitPrice: '4321.09', vatRatePercent: '20' }] });
    const { lead } = await ok<{ lead: { id: string } }>(sb, 'u-head', 'sales/leads/create', { name: 'Secret Prospect', company: 'Prospect Holdings', email: 'prospect@holdings.example', language: 'en' });
    await sb.drain();
    ids = { serviceId: 'sv-t0', clientId: 'cl-t0', invoiceId: inv.id, leadId: lead.id, reportId: 'rp-sv-t1-2026-10-monthly', connectionId: 'cn-abuse', templateId: 'tt-seo-audit', month: '2026-10' };
    secretsOfOthers.push('cl-t1', 'sv-t1', 'Test Client 1', inv.id, inv.number, inv.gross, '4321.09', lead.id, 'Secret Prospect', 'Prospect Holdings', 'prospect@holdings.example', WEBHOOK_SECRET, FORM_SECRET);
    bases = await basePayloads(sb, ids);
  });
  after(async () => {
    await sb?.close();
  });

  test('should have a schema-valid starting payload for every registered key', () => {
    const problems: string[] = [];
    for (const d of defs) {
      if (!(d.key in bases)) problems.push(`${d.key}: no base payload`);
      else if (!d.payload.safeParse(bases[d.key]).success) problems.push(`${d.key}: ${JSON.stringify(d.payload.safeParse(bases[d.key]).error?.issues.slice(0, 2))}`);
    }
    const extra = Object.keys(bases).filter((k) => !defs.some((d) => d.key === k));
    assert.deepEqual([...problems, ...extra.map((k) => `${k}: not a registered key`)], []);
  });
  test('should keep markup typed into names, reports, invoices and leads as text in pages and PDFs', async (t) => {
    const hostile = `${MARKUP.script} ${MARKUP.macro} ${MARKUP.img}`;
    const tricky = `${MARKUP.cdataEnd} ${MARKUP.template} ${MARKUP.entity}`;
    await ok(sb, 'u-admin', 'clients/save', { ...(bases['clients/save'] as object), name: `Test Client 0 ${MARKUP.inName}`, legal: { legalName: `Legal ${MARKUP.cdataEnd} ${MARKUP.entity}` } });
    await ok(sb, 'u-admin', 'services/save', { ...(bases['services/save'] as object), name: `Service 0 ${MARKUP.inName}`, team: { manager: ['u-man-a'], 'seo-specialist': ['u-seo'] } });
    const rendered: Array<{ what: string; pageId: string; pdf: string | null; expect: string[] }> = [];

    // An invoice: line text and note.
    const inv = await ok<{ id: string; number: string }>(sb, 'u-man-a', 'money/invoices/issue', { serviceId: 'sv-t0', requestId: requestId('markup'), purpose: 'other', lines: [{ description: `Audit ${hostile}`, quantity: '1', unitPrice: '100.00', vatRatePercent: '20' }], note: `Note ${tricky}` });
    await sb.drain();
    const invView = await ok<{ page: { pageId: string | null } }>(sb, 'u-man-a', 'money/invoices/get', { invoiceId: inv.id });
    assert.ok(invView.page.pageId, 'the invoice page is published');
    rendered.push({ what: 'invoice', pageId: invView.page.pageId, pdf: `${inv.number}.pdf`, expect: ['alert(1)', 'alert(2)'] });

    // A report: analysis and proposals, published with its PDF.
    await ok(sb, 'u-man-a', 'reports/create', { serviceId: 'sv-t0', from: '2026-10-05', to: '2026-10-11' });
    await sb.drain();
    const reports = await ok<Array<{ reportId: string; from: string; pageId: string | null }>>(sb, 'u-man-a', 'reports/list', { serviceId: 'sv-t0' });
    const report = reports.find((r) => r.from === '2026-10-05');
    assert.ok(report, 'the on-demand report exists');
    await ok(sb, 'u-man-a', 'reports/update', { reportId: report.reportId, analysis: `Leads grew ${hostile}\n\n- ${tricky}`, proposals: `Try ${MARKUP.macro}` });
    await ok(sb, 'u-man-a', 'reports/publish', { reportId: report.reportId });
    await sb.drain();
    const published = (await ok<Array<{ reportId: string; status: string; pageId: string | null }>>(sb, 'u-man-a', 'reports/list', { serviceId: 'sv-t0' })).find((r) => r.reportId === report.reportId);
    assert.equal(published?.status, 'published');
    rendered.push({ what: 'report', pageId: published.pageId as string, pdf: `${report.reportId}.pdf`, expect: ['alert(1)', 'alert(2)'] });

    // A lead from the website form with markup everywhere, its brief answers, then its documents.
    const form = await postForm(sb, JSON.stringify({ name: `Olena ${MARKUP.img}`, company: `Kitchens ${MARKUP.script} & Co`, email: 'olena@markup.example', message: tricky, serviceTypes: ['seo'], language: 'en' }));
    assert.equal(form.statusCode, 200, JSON.stringify(form.body));
    await sb.drain();
    const leads = await ok<Array<{ id: string; email: string | null }>>(sb, 'u-head', 'sales/leads/list', {});
    const leadId = leads.find((l) => l.email === 'olena@markup.example')?.id as string;
    const sent = await ok<LeadDetailLike>(sb, 'u-head', 'sales/brief/request', { leadId });
    const briefToken = await tokenOnPage(sb, sent.brief.pageId as string);
    const brief = await call(sb, null, 'sales/brief-form/submit', { leadId, token: briefToken, answers: { business: `Kitchens ${hostile}`, goal: tricky, keywords: MARKUP.macro, regions: 'Kyiv' } }, 'retainer-sales-brief');
    assert.equal(brief.ok, true, JSON.stringify(brief.error));
    await ok(sb, 'u-head', 'sales/estimate/save', { leadId, input: { lines: [{ itemId: 'seo-start', quantity: 1 }], discountPercent: '0' } });
    await ok(sb, 'u-head', 'sales/documents/send', { leadId });
    await sb.drain();
    const withDocs = await ok<LeadDetailLike>(sb, 'u-head', 'sales/leads/get', { leadId });
    rendered.push({ what: 'brief', pageId: withDocs.brief.pageId as string, pdf: null, expect: [] });
    for (const d of withDocs.docs) rendered.push({ what: d.kind, pageId: d.pageId, pdf: d.pdf, expect: ['alert(1)'] });
    assert.ok(withDocs.docs.length >= 2, 'proposal and contract pages');

    const problems: string[] = [];
    let pdfs = 0;
    for (const r of rendered) {
      const page = await pageStorage(sb, r.pageId);
      const found = inspectStorage(page.body);
      if (found.injected.length > 0) problems.push(`${r.what} page ${r.pageId}: ${found.injected.join(', ')}`);
      if (/<script|<img|<ac:structured-macro ac:name="html"/i.test(page.body)) problems.push(`${r.what} page: raw markup in the storage body`);
      for (const e of r.expect) if (!found.text.includes(e)) problems.push(`${r.what} page: the text "${e}" is missing (dropped instead of escaped?)`);
      if (!r.pdf) continue;
      const pdf = await download(sb, r.pageId, r.pdf);
      assert.equal(pdf.status, 200, `${r.what} PDF ${r.pdf}`);
      pdfs++;
      const active = pdfActiveContent(pdf.bytes);
      if (active.length > 0) problems.push(`${r.what} PDF: active content ${active.join(', ')}`);
      if (hasPdfToText) {
        const text = pdfText(pdf.bytes);
        for (const e of r.expect) if (!text.includes(e)) problems.push(`${r.what} PDF: the text "${e}" is missing`);
      }
    }
    t.diagnostic(`markup: ${rendered.length} pages and ${pdfs} PDFs checked${hasPdfToText ? '' : ' (no pdftotext: PDF text not read)'}`);
    assert.deepEqual(problems, []);
    assert.equal(sb.meter().specViolations, 0);
  });

  test('should answer every resolver key under hostile payloads with a typed refusal, no writes and no leaks', async (t) => {
    const rng = createRng('abuse-near-limit');
    const nearLimitKeys = new Set(Array.from({ length: 8 }, () => rng.pick(defs).key));
    const planned: Array<{ def: DefLike; persona: string | null; fuzz: FuzzCase }> = [];
    for (const def of defs) {
      for (const persona of PERSONAS) {
        const foreign = persona === 'u-admin' ? [] : ['sv-t1', 'cl-t1', ids.invoiceId, ...(persona === 'u-man-a' ? [] : [ids.leadId])];
        const unknown = ['sv-nope404', 'cl-nope404', 'tt-nope404', 'cn-nope404', 'ld-nope404404', 'rp-nope-404', 'job-nope404', 'inv-nope404', 'pay-nope404'];
        const cases = fuzzCases(`${def.key}|${persona ?? 'anon'}`, bases[def.key], { unknown, foreign }, PER_KEY, persona === 'u-admin' ? { huge: nearLimitKeys.has(def.key) ? NEAR_LIMIT_BYTES : HUGE_BYTES } : {});
        for (const fuzz of cases) planned.push({ def, persona, fuzz });
      }
    }
    const schemaValid = (def: DefLike, payload: unknown) => def.payload.safeParse(payload ?? {}).success;
    const mustRefuse = planned.filter((p) => !schemaValid(p.def, p.fuzz.payload) || p.persona === null || p.persona.startsWith('g-'));
    const staffValid = planned.filter((p) => !mustRefuse.includes(p)).sort((a, b) => Number(a.def.key === 'agency/save') - Number(b.def.key === 'agency/save'));

    const mutating: RequestLogEntry[] = [];
    const stop = sb.log.onEntry((e) => {
      if (isMutatingRequest(e)) mutating.push(e);
    });
    const problems: string[] = [];
    const codes: Record<string, number> = {};
    const started = Date.now();
    try {
      // Phase 1: refused input and strangers. Nothing may change anywhere.
      const kvsBefore = sb.kvs.snapshot();
      const siteBefore = sb.site.snapshot();
      const refused = await runAll(mustRefuse);
      for (const o of refused) check(o, problems, codes, true);
      assert.deepEqual(sb.kvs.snapshot(), kvsBefore, 'refused input changed nothing in KVS');
      assert.deepEqual(sb.site.snapshot(), siteBefore, 'refused input changed nothing in Jira or Confluence');
      assert.deepEqual(mutating.map((e) => `${e.method} ${e.path}`), [], 'refused input made no mutating Atlassian call');

      // Phase 2: staff with payloads the schema takes (hostile text, unknown and foreign ids).
      const agencyBefore = sb.kvs.snapshot().keys['agency:settings'];
      const staff = await runAll(staffValid, 1);
      for (const o of staff) check(o, problems, codes, false);
      // An accepted agency/save may have changed who is admin: put the settings back.
      await sb.kvs.handle('/api/v1/set', { key: 'agency:settings', value: agencyBefore });
      const accepted = staff.filter((o) => o.env?.ok).length;
      t.diagnostic(`fuzz: ${defs.length} keys × ${PERSONAS.length} personas, ${planned.length} payloads (${mustRefuse.length} refused-by-design, ${staffValid.length} schema-valid staff calls, ${accepted} accepted) in ${Date.now() - started} ms; codes ${JSON.stringify(codes)}`);
    } finally {
      stop();
    }
    assert.deepEqual(problems.slice(0, 25), [], `${problems.length} problems`);
    assert.equal(sb.meter().specViolations, 0);
  });

  test('should refuse hostile web trigger requests without writing or leaking', async (t) => {
    await ok(sb, 'u-admin', 'money/webhook/configure', { secret: WEBHOOK_SECRET });
    await ok(sb, 'u-admin', 'sales/form-secret/configure', { secret: FORM_SECRET });
    const rng = createRng('abuse-webtriggers');
    const now = Math.floor(sb.clock.now() / 1000);
    const bodies: Array<[string, string]> = [
      ['empty', ''],
      ['not-json', '{"id": "evt_1", '],
      ['array', '[1,2,3]'],
      ['null', 'null'],
      ['pollution', JSON.stringify(JSON.parse('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}'))],
      ['script', JSON.stringify({ name: MARKUP.script, company: MARKUP.macro, email: 'not-an-email', serviceTypes: ['<b>'], language: 'xx' })],
      ['wrong-types', JSON.stringify({ id: 5, type: ['payment.succeeded'], created: 'yesterday', data: null, name: 7, serviceTypes: 'seo' })],
      ['payment-bad', JSON.stringify({ id: 'evt_x', type: 'payment.succeeded', created: now, data: { paymentId: MARKUP.script, invoiceNumber: '../../etc/passwd', amount: '" OR 1=1', currency: 'ZZZ', paidAt: '{{now}}' } })],
      ['payment-unknown-invoice', JSON.stringify({ id: 'evt_y', type: 'payment.succeeded', created: now, data: { paymentId: 'p1', invoiceNumber: 'INV-2099-9999', amount: '1.00', currency: 'UAH', paidAt: '2026-10-30' } })],
      ['unknown-fields', JSON.stringify({ name: 'A', extra: 'field', isAdmin: true })],
      ['huge', JSON.stringify({ name: hugeString(200 * 1024, rng) })],
      ['deep', JSON.stringify(JSON.parse(`${'{"a":'.repeat(500)}1${'}'.repeat(500)}`))],
    ];
    const mutating: RequestLogEntry[] = [];
    const stop = sb.log.onEntry((e) => {
      if (isMutatingRequest(e)) mutating.push(e);
    });
    const kvsBefore = sb.kvs.snapshot();
    const problems: string[] = [];
    let calls = 0;
    try {
      for (const trigger of ['payment-webhook', 'lead-intake'] as const) {
        for (const [label, body] of bodies) {
          const variants: Array<[string, { method: string; headers: Record<string, string>; body: string }]> = [
            ['unsigned', { method: 'POST', headers: { 'content-type': 'application/json' }, body }],
            ['bad-signature', { method: 'POST', headers: { 'content-type': 'application/json', 'x-retainer-signature': `t=${now},n=${nonce()},v1=${'0'.repeat(64)}` }, body }],
            ['garbage-signature', { method: 'POST', headers: { 'content-type': 'application/json', 'x-retainer-signature': `${MARKUP.script},t=NaN,v1=../..` }, body }],
            ['get', { method: 'GET', headers: {}, body }],
            ['signed', { method: 'POST', headers: { 'content-type': 'application/json', 'x-retainer-signature': trigger === 'payment-webhook' ? signPayload(WEBHOOK_SECRET, body, now) : signLead(body, now) }, body }],
            ['signed-old', { method: 'POST', headers: { 'content-type': 'application/json', 'x-retainer-signature': trigger === 'payment-webhook' ? signPayload(WEBHOOK_SECRET, body, now - 3600) : signLead(body, now - 3600) }, body }],
          ];
          for (const [variant, req] of variants) {
            calls++;
            const r = await sb.callWebTrigger(trigger, req);
            const where = `${trigger} ${label}/${variant}`;
            if (r.statusCode >= 500) problems.push(`${where}: ${r.statusCode} ${r.body.slice(0, 200)}`);
            if (r.statusCode === 200) problems.push(`${where}: accepted`);
            if (r.body.length > 4000) problems.push(`${where}: ${r.body.length}-byte answer`);
            if (/\n\s+at\s|node_modules|\.cjs:\d+/.test(r.body)) problems.push(`${where}: stack trace in the answer`);
            for (const s of [WEBHOOK_SECRET, FORM_SECRET]) if (r.body.includes(s)) problems.push(`${where}: a secret in the answer`);
          }
        }
      }
    } finally {
      stop();
    }
    // Nonces of refused requests are not burnt and nothing is booked.
    assert.deepEqual(sb.kvs.snapshot(), kvsBefore, 'refused web trigger requests changed nothing in KVS');
    assert.deepEqual(mutating.map((e) => `${e.method} ${e.path}`), []);
    t.diagnostic(`web triggers: ${calls} requests`);
    assert.deepEqual(problems, []);
  });

  /** Runs cases four at a time (the pool size), recording what each invocation did. */
  async function runAll(cases: Array<{ def: DefLike; persona: string | null; fuzz: FuzzCase }>, parallel = 4): Promise<Outcome[]> {
    const out: Outcome[] = new Array(cases.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < cases.length) {
        const i = next++;
        const c = cases[i] as (typeof cases)[number];
        const invoke = () => sb.invokeResolver(moduleFor(c.def.key), c.def.key, c.fuzz.payload, { accountId: c.persona });
        // One at a time, the KVS writes seen are this invocation's: record their keys.
        const { value: r, writes } = parallel === 1 ? await recordKvsWrites(sb, invoke) : { value: await invoke(), writes: undefined };
        const env = r.value as Envelope | undefined;
        out[i] = {
          key: c.def.key,
          persona: c.persona,
          fuzz: c.fuzz,
          schemaValid: c.def.payload.safeParse(c.fuzz.payload ?? {}).success,
          env,
          invocation: r.record.outcome === 'ok' ? 'ok' : `${r.record.outcome}: ${r.record.error ?? ''}`,
          writes: kvsWrites(r.record.counters.kvs),
          ...(writes ? { writtenKeys: writes } : {}),
          queuePushes: r.record.counters.queuePushes,
          body: JSON.stringify(env ?? null),
        };
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return out;
  }

  function check(o: Outcome, problems: string[], codes: Record<string, number>, refusedByDesign: boolean): void {
    const def = defs.find((d) => d.key === o.key) as DefLike;
    const where = `${o.key} as ${o.persona ?? 'anonymous'} [${o.fuzz.label}]`;
    if (o.invocation !== 'ok') return void problems.push(`${where}: invocation ${o.invocation.slice(0, 200)}`);
    const env = o.env;
    if (!env || typeof env.ok !== 'boolean' || (!env.ok && (typeof env.error?.code !== 'string' || typeof env.error.message !== 'string'))) return void problems.push(`${where}: not an envelope ${o.body.slice(0, 200)}`);
    const code = env.ok ? 'ok' : (env.error?.code as string);
    codes[code] = (codes[code] ?? 0) + 1;
    if (!env.ok && !TYPED_CODES.has(code)) problems.push(`${where}: ${code} ${env.error?.message}`);
    if (!o.schemaValid) {
      const expected = o.persona === null && !def.allowAnonymous ? 'FORBIDDEN' : 'VALIDATION';
      if (env.ok || code !== expected) problems.push(`${where}: invalid input answered ${code} (expected ${expected})`);
    }
    if (refusedByDesign && o.writes.length > 0 && (o.persona === null || o.persona.startsWith('g-') || !env.ok)) problems.push(`${where}: wrote ${o.writes.join(', ')}`);
    if (!env.ok && o.writes.length > 0 && !onlyLockTraffic(o)) problems.push(`${where}: refused (${code}) but wrote ${o.writes.join(', ')} ${JSON.stringify(o.writtenKeys ?? [])}`);
    if (!env.ok && o.queuePushes > 0) problems.push(`${where}: refused but queued ${o.queuePushes} job(s)`);
    if (!env.ok) {
      if (o.body.length > 4000) problems.push(`${where}: ${o.body.length}-byte error`);
      if (/\n\s+at\s|node_modules|\.cjs:\d+|\.ts:\d+/.test(o.body)) problems.push(`${where}: stack trace in the error`);
    }
    if (o.fuzz.category === 'huge') {
      const huge = JSON.stringify(o.fuzz.payload);
      const probe = huge.slice(huge.length / 2, huge.length / 2 + 2000);
      if (o.body.includes(probe)) problems.push(`${where}: echoed the huge payload`);
    }
    for (const s of [WEBHOOK_SECRET, FORM_SECRET]) if (o.body.includes(s) && !JSON.stringify(o.fuzz.payload).includes(s)) problems.push(`${where}: a secret in the answer`);
    if (o.persona === null || o.persona.startsWith('g-')) {
      const sent = JSON.stringify(o.fuzz.payload) ?? '';
      const tokens = [...secretsOfOthers, ...(o.persona === null ? ['Test Client 0', 'cl-t0', 'sv-t0'] : [])];
      for (const s of tokens) if (o.body.includes(s) && !sent.includes(s)) problems.push(`${where}: leaked "${s}"`);
    }
  }
});

/** A refusal may take and release a lock (a key written, then deleted, or a claim that lost): nothing stays. */
function onlyLockTraffic(o: Outcome): boolean {
  if (!o.writtenKeys) return false;
  const deleted = new Set(o.writtenKeys.filter((w) => w.path.endsWith('/delete')).flatMap((w) => w.keys));
  return o.writtenKeys.every((w) => w.path.endsWith('/delete') || w.keys.every((k) => deleted.has(k) || (/lock/i.test(k) && o.env?.error?.code === 'CONFLICT')));
}

function signLead(body: string, t: number): string {
  return signForm(FORM_SECRET, body, t, nonce());
}
