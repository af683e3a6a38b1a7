// Jira project keys, project names and Confluence space keys derived from the client's name.
// Cyrillic names are transliterated (Ukrainian: the official 2010 national table; Russian: a
// passport-style table), legal forms (ТОВ, ООО, LLC, …) are dropped, collisions get a number.
import type { Language, ServiceType } from './model';
import { ConflictError } from '../shared/errors';
import { SERVICE_TYPE_CODES, serviceTypeLabel } from './service-types';

export const JIRA_PROJECT_KEY_RE = /^[A-Z][A-Z0-9]{1,9}$/;
export const JIRA_PROJECT_KEY_MAX = 10;
export const JIRA_PROJECT_NAME_MAX = 80;
export const SPACE_KEY_MAX = 10;

/** Ukrainian and Russian letters that are the same in both tables. */
const COMMON: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', д: 'd', е: 'e', ж: 'zh', з: 'z', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p',
  р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ь: '',
};
const UK: Record<string, string> = { ...COMMON, г: 'h', ґ: 'g', и: 'y', і: 'i', ї: 'i', й: 'i', є: 'ie', ю: 'iu', я: 'ia', "'": '', '’': '', 'ʼ': '' };
/** Ukrainian letters spelled differently at the start of a word. */
const UK_INITIAL: Record<string, string> = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };
const RU: Record<string, string> = { ...COMMON, г: 'g', и: 'i', й: 'y', ё: 'e', ъ: '', ы: 'y', э: 'e', ю: 'yu', я: 'ya' };
/** Letters of neighbouring alphabets (Belarusian, Kazakh) and Latin letters NFD can't strip. */
const EXTRA: Record<string, string> = {
  ў: 'u', ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h',
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', þ: 'th', ı: 'i',
};

/** Which table a Cyrillic text needs: letters only one language has decide; otherwise Ukrainian. */
export function cyrillicLanguage(text: string): 'uk' | 'ru' {
  if (/[іїєґ]/i.test(text)) return 'uk';
  if (/[ыэёъ]/i.test(text)) return 'ru';
  return 'uk';
}

function keepCase(source: string, latin: string): string {
  if (latin === '' || source === source.toLowerCase()) return latin;
  return latin.charAt(0).toUpperCase() + latin.slice(1);
}

/** Cyrillic (Ukrainian or Russian) and accented Latin → plain ASCII Latin; other characters pass through. */
export function transliterate(text: string, lang?: 'uk' | 'ru'): string {
  const table = (lang ?? cyrillicLanguage(text)) === 'ru' ? RU : UK;
  const other = table === UK ? RU : UK;
  const ukrainian = table === UK;
  let out = '';
  const chars = [...text];
  chars.forEach((ch, i) => {
    const lower = ch.toLowerCase();
    const prev = (chars[i - 1] ?? ' ').toLowerCase();
    const wordStart = !/[\p{L}'’ʼ]/u.test(prev);
    let latin: string | undefined;
    if (ukrainian && wordStart && UK_INITIAL[lower] !== undefined) latin = UK_INITIAL[lower];
    else if (ukrainian && lower === 'г' && prev === 'з') latin = 'gh'; // зг → zgh, not zh
    else latin = table[lower] ?? other[lower] ?? EXTRA[lower];
    if (latin !== undefined) out += keepCase(ch, latin);
    else out += ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  });
  return out;
}

/** Legal forms and filler words that say nothing about the client (compared after transliteration). */
const STOP_WORDS = new Set([
  'llc', 'ltd', 'inc', 'corp', 'co', 'gmbh', 'ag', 'sa', 'srl', 'sro', 'plc', 'llp', 'bv', 'oy', 'ab', 'sp', 'zoo', 'the',
  'tov', 'tzov', 'pp', 'fop', 'flp', 'prat', 'pat', 'kp', 'ooo', 'ip', 'yp', 'oao', 'zao', 'pao', 'chp',
]);

/** Significant words of a client name, upper-case ASCII. */
export function nameWords(clientName: string): string[] {
  const words = transliterate(clientName)
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toUpperCase());
  const significant = words.filter((w) => !STOP_WORDS.has(w.toLowerCase()));
  return significant.length > 0 ? significant : words;
}

/** Short stem: initials of up to 4 words, or the first 4 characters of a single word. */
function projectStem(clientName: string): string {
  const words = nameWords(clientName);
  let stem = words.length >= 2 ? words.slice(0, 4).map((w) => w.charAt(0)).join('') : (words[0] ?? '').slice(0, 4);
  if (stem === '') stem = 'CL';
  if (!/^[A-Z]/.test(stem)) stem = `C${stem}`.slice(0, 4);
  return stem;
}

const upperSet = (keys: Iterable<string>): Set<string> => new Set([...keys].map((k) => k.toUpperCase()));

/** Fits stem + suffix + number into `max` characters by shortening the stem (never below 1 character). */
function withNumber(stem: string, suffix: string, n: number, max: number): string {
  const num = n <= 1 ? '' : String(n);
  const room = Math.max(1, max - suffix.length - num.length);
  return `${stem.slice(0, room)}${suffix}${num}`;
}

function firstFree(stem: string, suffix: string, max: number, taken: Set<string>, what: string): string {
  for (let n = 1; n < 100_000; n += 1) {
    const key = withNumber(stem, suffix, n, max);
    if (!taken.has(key)) return key;
  }
  throw new ConflictError(`No free ${what} key for ${stem}${suffix}`);
}

/**
 * Jira project key for a client's service: stem + service code, e.g. "Кавова Хата" + SEO → "KKSEO",
 * "Acme Ltd" + Google Ads → "ACMEGA". Taken keys (compared case-insensitively) get 2, 3, … appended.
 */
export function deriveProjectKey(clientName: string, serviceType: ServiceType, takenKeys: ReadonlySet<string>): string {
  return firstFree(projectStem(clientName), SERVICE_TYPE_CODES[serviceType], JIRA_PROJECT_KEY_MAX, upperSet(takenKeys), 'project');
}

/** Whether a key typed by a person can be used: Jira's format and not already taken. */
export function checkProjectKey(key: string, takenKeys: ReadonlySet<string>): { ok: true } | { ok: false; message: string } {
  if (!JIRA_PROJECT_KEY_RE.test(key)) return { ok: false, message: 'Project key: 2–10 capital Latin letters or digits, starting with a letter' };
  if (upperSet(takenKeys).has(key.toUpperCase())) return { ok: false, message: `Project key ${key} is already taken` };
  return { ok: true };
}

/** Jira project name: "Кавова Хата · SEO", at most 80 characters. */
export function deriveProjectName(clientName: string, serviceType: ServiceType, lang: Language): string {
  const suffix = ` · ${serviceTypeLabel(serviceType, lang)}`;
  const name = clientName.trim().replace(/\s+/g, ' ');
  const room = JIRA_PROJECT_NAME_MAX - suffix.length;
  return `${name.length <= room ? name : `${name.slice(0, room - 1)}…`}${suffix}`;
}

/**
 * Confluence space key for a client: the significant words run together, upper-case, at most 10
 * characters ("Кавова Хата" → "KAVOVAKHAT", "Acme Ltd" → "ACME"); taken keys get a number.
 */
export function deriveSpaceKey(clientName: string, takenKeys: ReadonlySet<string>): string {
  let stem = nameWords(clientName).join('').slice(0, SPACE_KEY_MAX);
  if (stem === '') stem = 'CLIENT';
  if (!/^[A-Z]/.test(stem)) stem = `C${stem}`.slice(0, SPACE_KEY_MAX);
  return firstFree(stem, '', SPACE_KEY_MAX, upperSet(takenKeys), 'space');
}
