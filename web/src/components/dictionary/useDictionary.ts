// Dictionary items (SPEC B1) for pickers and labels. Items carry both labels, so a language switch
// needs no refetch; every signed-in user may read them.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { DictionaryItem } from '../../api/types';

/** React Query key of a kind's items (all of them, inactive included). Invalidate after writes. */
export const dictionaryKey = (kind?: string) => (kind ? ['dictionary', kind] : ['dictionary']);

export async function fetchDictionaryItems(kind: string): Promise<DictionaryItem[]> {
  const data = await unwrap(api.GET('/api/v1/dictionary/{kind}/items', { params: { path: { kind }, query: { includeInactive: true } } }));
  return data.items ?? [];
}

/** The label of an item in a language. */
export function itemLabel(item: Pick<DictionaryItem, 'labelZh' | 'labelEn'>, lang: string): string {
  return lang === 'zh-CN' ? item.labelZh : item.labelEn;
}

/**
 * All items of a kind (active and inactive, in order), with helpers: `active` for pickers and
 * `label(code)` that falls back to the code itself for an unknown item.
 */
export function useDictionary(kind: string | undefined) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const q = useQuery({
    queryKey: dictionaryKey(kind),
    queryFn: () => fetchDictionaryItems(kind!),
    enabled: !!kind,
    staleTime: 5 * 60_000,
  });
  const items = q.data ?? [];
  return {
    ...q,
    items,
    active: items.filter((i) => i.active),
    label: (code: string) => {
      const it = items.find((i) => i.code === code);
      return it ? itemLabel(it, lang) : code;
    },
    lang,
  };
}
