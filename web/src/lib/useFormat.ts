// Formatters bound to the current language and the user's time zone.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useOptionalMe } from '../app/session';
import { formatDate, formatDateTime, formatMoney, formatNumber } from './format';

export function useFormat() {
  const { i18n } = useTranslation();
  const me = useOptionalMe();
  const lang = i18n.language;
  const tz = me?.timeZone;
  return useMemo(
    () => ({
      dateTime: (v: string | null | undefined) => formatDateTime(v, lang, tz),
      date: (v: string | null | undefined) => formatDate(v, lang),
      number: (v: number | null | undefined) => formatNumber(v, lang),
      money: (v: number | null | undefined, currency?: string) => formatMoney(v, lang, currency),
    }),
    [lang, tz],
  );
}
