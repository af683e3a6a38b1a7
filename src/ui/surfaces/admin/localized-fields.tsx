// One text in English, Ukrainian and Russian side by side (English required, others optional).
import { Grid } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import TextArea from '@atlaskit/textarea';
import type { Language, LocalizedText } from '../../../shared/api';
import { Field } from '../../components/field';
import { useI18n, type MessageKey } from '../../i18n/i18n';

const LANGS: Array<{ lang: Language; key: MessageKey }> = [
  { lang: 'en', key: 'templates.inEnglish' },
  { lang: 'uk', key: 'templates.inUkrainian' },
  { lang: 'ru', key: 'templates.inRussian' },
];

export function LocalizedFields({ id, label, value, onChange, multiline = false, error }: { id: string; label: string; value: LocalizedText; onChange(v: LocalizedText): void; multiline?: boolean; error(lang: Language): string | undefined }): JSX.Element {
  const { t } = useI18n();
  return (
    <Grid templateColumns="1fr 1fr 1fr" gap="space.150">
      {LANGS.map(({ lang, key }) => {
        const fid = `${id}-${lang}`;
        const v = value[lang] ?? '';
        const set = (text: string) => onChange({ ...value, [lang]: text });
        return (
          <Field key={lang} id={fid} label={`${label} · ${t(key)}`} error={error(lang)}>
            {multiline ? (
              <TextArea id={fid} value={v} onChange={(e) => set(e.currentTarget.value)} minimumRows={2} isInvalid={!!error(lang)} />
            ) : (
              <Textfield id={fid} value={v} onChange={(e) => set(e.currentTarget.value)} isInvalid={!!error(lang)} />
            )}
          </Field>
        );
      })}
    </Grid>
  );
}
