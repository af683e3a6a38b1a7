// Picks the viewer's language from a LocalizedText, falling back to English.
import type { Language, LocalizedText } from '../../shared/api';

export function localize(text: LocalizedText, lang: Language): string {
  const v = text[lang];
  return v && v.trim() ? v : text.en;
}
