// The slice of the Forge product context the UI uses, read defensively from `view.getContext()`.
// The host fills it per module (issue/project for Jira, content/space/config for macros).
import type { FullContext } from '@forge/bridge';
import type { Language } from '../../shared/api';

export interface ProjectRef {
  id: string;
  key: string;
  type: string;
}

export interface IssueRef {
  id: string;
  key: string;
  type: string;
}

export interface AppContext {
  moduleKey: string;
  /** Raw locale from the product, e.g. "uk-UA". */
  locale: string;
  language: Language;
  timezone: string;
  accountId: string | null;
  siteUrl: string;
  colorMode: 'light' | 'dark';
  extensionType: string;
  project: ProjectRef | null;
  issue: IssueRef | null;
  content: { id: string; type: string } | null;
  space: { id: string | null; key: string } | null;
  config: Record<string, unknown> | null;
  isEditing: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : null);

/** "uk-UA" / "uk_UA" / "ru" → our language; anything else falls back to English. */
export function languageOf(locale: string | null | undefined): Language {
  const lang = (locale ?? '').slice(0, 2).toLowerCase();
  return lang === 'uk' || lang === 'ru' ? lang : 'en';
}

function ref(v: unknown): { id: string; key: string; type: string } | null {
  if (!isObj(v)) return null;
  const key = str(v.key);
  if (!key) return null;
  return { id: str(v.id) ?? '', key, type: str(v.type) ?? '' };
}

export function toAppContext(raw: FullContext | Obj): AppContext {
  const r: Obj = raw as Obj;
  const ext: Obj = isObj(r.extension) ? r.extension : {};
  const theme: Obj = isObj(r.theme) ? r.theme : {};
  const locale = str(r.locale) ?? 'en-US';
  const content = isObj(ext.content) && str(ext.content.id) ? { id: str(ext.content.id) as string, type: str(ext.content.type) ?? 'page' } : null;
  const space = isObj(ext.space) && str(ext.space.key) ? { id: str(ext.space.id), key: str(ext.space.key) as string } : null;
  return {
    moduleKey: str(r.moduleKey) ?? '',
    locale,
    language: languageOf(locale),
    timezone: str(r.timezone) ?? 'UTC',
    accountId: str(r.accountId),
    siteUrl: str(r.siteUrl) ?? '',
    colorMode: theme.colorMode === 'dark' ? 'dark' : 'light',
    extensionType: str(ext.type) ?? '',
    project: ref(ext.project),
    issue: ref(ext.issue),
    content,
    space,
    config: isObj(ext.config) ? ext.config : null,
    isEditing: ext.isEditing === true,
  };
}
