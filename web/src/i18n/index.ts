// i18next setup. Namespaced JSON files live in src/locales/<lang>/<ns>.json;
// every user-facing string goes through t().
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { detectLanguage } from './language';
import { resources, NAMESPACES } from '../locales';

i18next.use(initReactI18next).init({
  resources,
  lng: detectLanguage(),
  fallbackLng: 'en',
  supportedLngs: ['zh-CN', 'en'],
  ns: NAMESPACES,
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

function syncDocumentLang(lng: string) {
  document.documentElement.lang = lng;
}
syncDocumentLang(i18next.language);
i18next.on('languageChanged', syncDocumentLang);

export default i18next;
