// The UI language: one of LANGUAGES, remembered in localStorage before login
// and on the server (user.locale) after login.
import i18next from 'i18next';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'kehu.lang';

/** Maps any BCP 47 tag to a supported language ("zh", "zh-Hans-CN" → zh-CN). */
export function normalizeLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const t = tag.toLowerCase();
  if (t.startsWith('zh')) return 'zh-CN';
  if (t.startsWith('en')) return 'en';
  return null;
}

/** localStorage first, then the browser's preferences, then Chinese. */
export function detectLanguage(): Language {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // storage may be disabled
  }
  const fromStorage = normalizeLanguage(stored);
  if (fromStorage) return fromStorage;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const lang = normalizeLanguage(tag);
    if (lang) return lang;
  }
  return 'zh-CN';
}

export function rememberLanguage(lang: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // storage may be disabled
  }
}

/** The language currently shown; sent as Accept-Language with every API call. */
export function currentLanguage(): Language {
  return normalizeLanguage(i18next.language) ?? 'zh-CN';
}
