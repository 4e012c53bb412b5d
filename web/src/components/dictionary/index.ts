export { DictSelect, DictLabel } from './DictSelect';
export type { DictSelectProps } from './DictSelect';
export { useDictionary, dictionaryKey, fetchDictionaryItems, itemLabel } from './useDictionary';
