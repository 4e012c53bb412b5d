export { RecordList, type RecordListProps } from './RecordList';
export { RecordForm, type RecordFormProps } from './RecordForm';
export { useMeta, useEntityMeta } from './useEntityMeta';
export type { ListQuery, FilterValue, RefOptions, Option } from './types';
export { isCustomField, namePath, getFieldValue, setFieldValue, CUSTOM_PREFIX } from './customField';
export { ExportButton, exportHref, fileNameOf, type ExportParams, type ExportFormat } from './ExportButton';
