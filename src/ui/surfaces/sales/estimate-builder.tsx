// The "calculator": lines from the price list with quantities, a discount and VAT; totals are
// computed by the backend (exact, in minor units) as the manager types, then saved with the lead.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useEffect, useMemo, useState } from 'react';
import type { EstimateInputView, EstimateView, LeadDetail, PriceListView } from '../../../shared/api-sales';
import { Field, fieldError } from '../../components/field';
import { useErrorFlag } from '../../components/error-flag';
import { SingleSelect } from '../../components/selects';
import { useMutation } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { notifySuccess } from '../../services/navigation';

const totalsBox = xcss({ padding: 'space.150', borderRadius: 'radius.medium', backgroundColor: 'color.background.neutral.subtle', borderColor: 'color.border', borderWidth: 'border.width', borderStyle: 'solid' });

function Totals({ e }: { e: EstimateView }): JSX.Element {
  const i18n = useI18n();
  const { t } = i18n;
  const m = (s: string): string => i18n.money(s, e.currency);
  const hasMonthly = e.lines.some((l) => l.billing === 'monthly');
  const hasOnce = e.lines.some((l) => l.billing === 'once');
  const group = (title: string, g: EstimateView['monthly'], id: string) => (
    <table className="rt-table" data-testid={`estimate-${id}`}>
      <caption style={{ textAlign: 'start', fontWeight: 600 }}>{title}</caption>
      <tbody>
        <tr><td>{t('sales.estimate.subtotal')}</td><td style={{ textAlign: 'end' }}>{m(g.subtotal)}</td></tr>
        <tr><td>{t('sales.estimate.discountAmount')} {e.discountPercent} %</td><td style={{ textAlign: 'end' }}>−{m(g.discount)}</td></tr>
        <tr><td>{t('sales.estimate.net')}</td><td style={{ textAlign: 'end' }}>{m(g.net)}</td></tr>
        <tr><td>{t('sales.estimate.vatAmount')} {e.vatRatePercent} %</td><td style={{ textAlign: 'end' }}>{m(g.vat)}</td></tr>
        <tr><td><strong>{t('sales.estimate.gross')}</strong></td><td style={{ textAlign: 'end' }}><strong>{m(g.gross)}</strong></td></tr>
      </tbody>
    </table>
  );
  return (
    <Box xcss={totalsBox}>
      <Stack space="space.100">
        <Inline space="space.400" shouldWrap>
          {hasMonthly ? group(t('sales.estimate.monthly'), e.monthly, 'monthly') : null}
          {hasOnce ? group(t('sales.estimate.once'), e.once, 'once') : null}
        </Inline>
        <strong data-testid="estimate-first" style={{ color: token('color.text') }}>
          {t('sales.estimate.first', { amount: m(e.firstInvoiceGross) })}
        </strong>
        <span className="rt-muted">{t('sales.estimate.hours', { n: i18n.number(e.hoursPerMonth) })}</span>
      </Stack>
    </Box>
  );
}

export function EstimateBuilder({ lead, prices, onSaved }: { lead: LeadDetail; prices: PriceListView; onSaved(d: LeadDetail): void }): JSX.Element {
  const i18n = useI18n();
  const { t } = i18n;
  const showError = useErrorFlag();
  const preview = useMutation('sales/estimate/preview');
  const save = useMutation('sales/estimate/save');
  const suggested = prices.items.find((p) => p.kind === 'package' && p.serviceType && lead.serviceTypes.includes(p.serviceType)) ?? prices.items[0];
  const [input, setInput] = useState<EstimateInputView>(lead.estimate?.input ?? { lines: suggested ? [{ itemId: suggested.id, quantity: 1 }] : [], discountPercent: '0' });
  const [result, setResult] = useState<EstimateView | null>(lead.estimate?.result ?? null);
  const options = useMemo(
    () => prices.items.map((p) => ({ value: p.id, label: `${p.name[i18n.lang]} · ${t(p.billing === 'monthly' ? 'sales.estimate.perMonth' : 'sales.estimate.oneOff', { price: i18n.money(p.price, prices.currency) })}` })),
    [prices, i18n, t],
  );
  const closed = lead.stage === 'won' || lead.stage === 'lost';
  const inputKey = JSON.stringify(input);
  const runPreview = preview.run;
  useEffect(() => {
    if (input.lines.length === 0) return;
    const timer = setTimeout(() => {
      void runPreview({ leadId: lead.id, input: JSON.parse(inputKey) as EstimateInputView }).then((r) => {
        if (r.ok) setResult(r.data);
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [inputKey, lead.id, runPreview, input.lines.length]);
  const fields = save.error?.fields ?? preview.error?.fields;
  const setLine = (i: number, patch: Partial<EstimateInputView['lines'][number]>): void => setInput({ ...input, lines: input.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)) });
  const doSave = async (): Promise<void> => {
    const r = await save.run({ leadId: lead.id, input });
    if (!r.ok) {
      showError(r.error, t('sales.action.failed'));
      return;
    }
    notifySuccess(t('sales.estimate.saved'));
    onSaved(r.data);
  };
  return (
    <Stack space="space.150" testId="estimate-builder">
      <Heading size="xsmall" as="h3">{t('sales.estimate.title')}</Heading>
      {input.lines.map((l, i) => (
        <Inline key={i} space="space.100" alignBlock="end" shouldWrap>
          <Box xcss={xcss({ minWidth: '320px', flexGrow: 1 })}>
            <Field id={`est-item-${i}`} label={t('sales.estimate.item')} error={fieldError(fields, `input.lines.${i}.itemId`) ?? fieldError(fields, `lines.${i}.itemId`)}>
              <SingleSelect id={`est-item-${i}`} options={options} value={l.itemId} onChange={(itemId) => setLine(i, { itemId })} isDisabled={closed} />
            </Field>
          </Box>
          <Box xcss={xcss({ width: '96px' })}>
            <Field id={`est-qty-${i}`} label={t('sales.estimate.qty')}>
              <Textfield id={`est-qty-${i}`} type="number" min={1} max={100} value={String(l.quantity)} isDisabled={closed} onChange={(e) => setLine(i, { quantity: Math.max(1, Math.min(100, Math.trunc(Number(e.currentTarget.value) || 1))) })} />
            </Field>
          </Box>
          <Box xcss={xcss({ paddingBlockEnd: 'space.150' })}>
            <Button appearance="subtle" isDisabled={closed || input.lines.length <= 1} onClick={() => setInput({ ...input, lines: input.lines.filter((_, j) => j !== i) })} aria-label={t('sales.estimate.remove', { n: i + 1 })}>
              ✕
            </Button>
          </Box>
        </Inline>
      ))}
      <Inline space="space.200" alignBlock="end" shouldWrap>
        <Button appearance="subtle" isDisabled={closed || input.lines.length >= 30} onClick={() => setInput({ ...input, lines: [...input.lines, { itemId: prices.items[0]?.id ?? '', quantity: 1 }] })} testId="estimate-add">
          {t('sales.estimate.add')}
        </Button>
        <Box xcss={xcss({ width: '120px' })}>
          <Field id="est-discount" label={t('sales.estimate.discount')} error={fieldError(fields, 'input.discountPercent')}>
            <Textfield id="est-discount" value={input.discountPercent} isDisabled={closed} onChange={(e) => setInput({ ...input, discountPercent: e.currentTarget.value.replace(',', '.') })} testId="estimate-discount" />
          </Field>
        </Box>
        <Box xcss={xcss({ width: '120px' })}>
          <Field id="est-vat" label={t('sales.estimate.vat')} error={fieldError(fields, 'input.vatRatePercent')}>
            <Textfield id="est-vat" value={input.vatRatePercent ?? prices.vatRatePercent} isDisabled={closed} onChange={(e) => setInput({ ...input, vatRatePercent: e.currentTarget.value.replace(',', '.') })} />
          </Field>
        </Box>
      </Inline>
      {result ? <Totals e={result} /> : null}
      {preview.pending ? <span className="rt-muted" role="status">{t('sales.estimate.calculating')}</span> : null}
      {!closed ? (
        <Inline>
          <Button appearance="primary" isLoading={save.pending} onClick={() => void doSave()} testId="estimate-save">
            {t('sales.estimate.save')}
          </Button>
        </Inline>
      ) : null}
    </Stack>
  );
}
