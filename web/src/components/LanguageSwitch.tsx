// Switches the UI language. Logged in, the choice is saved on the server
// (PATCH /api/v1/me); before login it is remembered in localStorage.
import { Select } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { Me } from '../api/types';
import { meKey } from '../app/session';
import { LANGUAGES, currentLanguage, rememberLanguage, type Language } from '../i18n/language';
import { useErrorNotifier } from './useErrorNotifier';

export const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '简体中文', en: 'English' };

export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const qc = useQueryClient();
  const notifyError = useErrorNotifier();

  const change = async (lang: Language) => {
    await i18n.changeLanguage(lang);
    rememberLanguage(lang);
    const me = qc.getQueryData<Me | null>(meKey);
    if (me && me.locale !== lang) {
      try {
        qc.setQueryData(meKey, await unwrap(api.PATCH('/api/v1/me', { body: { locale: lang } })));
      } catch (err) {
        notifyError(err);
      }
    }
  };

  return (
    <Select<Language>
      aria-label={t('language')}
      size="small"
      variant="borderless"
      value={normalize(i18n.language)}
      onChange={change}
      suffixIcon={<GlobalOutlined />}
      popupMatchSelectWidth={false}
      options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
    />
  );
}

function normalize(lang: string): Language {
  return (LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : currentLanguage();
}
