// RecordList: a metadata-driven list of any entity. See README.md.
import { useEffect, useMemo, useRef, useState, type Key, type ReactNode } from 'react';
import { Flex, Table, Tag } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import type { QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FilterBar } from './FilterBar';
import { ColumnPicker } from './ColumnPicker';
import { ExportButton, type ExportParams } from './ExportButton';
import { BulkBar, type BulkConfig } from './BulkBar';
import { ViewsBar, stateOfView } from './ViewsBar';
import { useSavedViews } from './savedViews';
import { fromFilterParams, toFilterParams } from './filterParams';
import { useListState } from './useListState';
import { hasRight } from '../../app/rights';
import { useOptionalMe } from '../../app/session';
import { renderValue } from './renderValue';
import { namePath } from './customField';
import { useColumnPrefs } from './useColumnPrefs';
import { useEntityMeta } from './useEntityMeta';
import type { EntityMeta, FieldMeta, FilterValue, ListQuery, Page, RefOptions } from './types';
import { LoadMore } from '../LoadMore';
import { QueryErrorView } from '../QueryErrorView';
import { FullPageSpin } from '../FullPageSpin';
import { useCursorList } from '../../lib/useCursorList';
import { useFormat } from '../../lib/useFormat';

export interface RecordListProps<T extends { id: number }> {
  /** Entity name in /api/v1/meta (e.g. "user"). */
  entity: string;
  /** Metadata to use instead of fetching /api/v1/meta (tests, custom screens). */
  meta?: EntityMeta;
  /** Base React Query key; list parameters are appended. Invalidate it after writes. */
  queryKey: QueryKey;
  /** Loads one page; map ListQuery onto the endpoint's query parameters. */
  fetchPage: (query: ListQuery) => Promise<Page<T>>;
  /** Columns shown until the user picks their own (default: first 6 non-sensitive fields). */
  defaultColumns?: string[];
  /** Fields never offered as columns or filters. */
  exclude?: string[];
  /** Custom cell renderers by field name. */
  render?: Partial<Record<string, (value: unknown, record: T) => ReactNode>>;
  /** Page-specific columns after the field columns (always visible). */
  extraColumns?: TableColumnsType<T>;
  /** Per-row action buttons (last column). */
  rowActions?: (record: T) => ReactNode;
  /** Buttons shown above the table (e.g. "New"). */
  toolbar?: ReactNode;
  /** Enables row selection; rendered above the table while rows are selected. */
  bulkActions?: (selected: T[], clearSelection: () => void) => ReactNode;
  /** Options for ref fields (filters and labels), keyed by field name. */
  refOptions?: RefOptions;
  /**
   * Fields offered as filters (default: every `filterable` field). List the ones the
   * endpoint has query parameters for; metadata can advertise more than a list supports.
   */
  filterFields?: string[];
  /** Fields the user can sort by (default: every `sortable` field); same reason as filterFields. */
  sortFields?: string[];
  /** Show the free-text search box (default true). */
  search?: boolean;
  pageSize?: number;
  /**
   * Export endpoint (e.g. "/api/v1/accounts/export"): shows an Export control (CSV, Excel) for the
   * current view. Pass it only when the user holds the export right.
   */
  exportUrl?: string;
  /** Maps the current view onto the export's list parameters (required with exportUrl). */
  exportParams?: (query: Pick<ListQuery, 'q' | 'filters' | 'rawFilters' | 'sort'>) => ExportParams;
  /**
   * Saved views (entity must be offered by /api/v1/views): shows the views bar and keeps the list's
   * search, filters, sort, columns and chosen view in the URL, so a reload or a link restores them.
   */
  views?: boolean;
  /** Generic bulk actions (assign, tags, edit, delete) on the selected rows or all matching ones. */
  bulk?: BulkConfig;
}

const NO_FIELDS: string[] = [];

export function RecordList<T extends { id: number }>(props: RecordListProps<T>) {
  const { meta, isPending, error } = useEntityMeta(props.entity, props.meta);
  if (error) return <QueryErrorView error={error} />;
  if (isPending || !meta) return <FullPageSpin />;
  return <RecordListView {...props} meta={meta} />;
}

function RecordListView<T extends { id: number }>({
  entity,
  meta,
  queryKey,
  fetchPage,
  defaultColumns,
  exclude = NO_FIELDS,
  render = {},
  extraColumns = [],
  rowActions,
  toolbar,
  bulkActions,
  refOptions,
  filterFields,
  sortFields,
  search = true,
  pageSize = 50,
  exportUrl,
  exportParams,
  views,
  bulk,
}: RecordListProps<T> & { meta: EntityMeta }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const fields = useMemo(
    () => (meta.fields ?? []).filter((f) => !f.sensitive && f.type !== 'custom' && !exclude.includes(f.name)),
    [meta, exclude],
  );
  const filterable = useMemo(
    () => fields.map((f) => (f.filterable && filterFields && !filterFields.includes(f.name) ? { ...f, filterable: false } : f)),
    [fields, filterFields],
  );
  const canSort = (f: FieldMeta) => f.sortable && (!sortFields || sortFields.includes(f.name));
  const defaults = useMemo(() => defaultColumns ?? fields.slice(0, 6).map((f) => f.name), [defaultColumns, fields]);
  const columnsPref = useColumnPrefs(entity, defaults);
  const me = useOptionalMe();
  const [state, setState] = useListState(!!views);
  // Every field the conditions may name (custom ones included), for converting values to conditions.
  const typed = useMemo(() => (meta.fields ?? []).map((f) => ({ name: f.name, type: f.type })), [meta]);
  const { values: filters, raw: rawFilters } = useMemo(() => fromFilterParams(state.filters, typed), [state.filters, typed]);
  const q = state.q;
  const sort = state.sort;
  const visible = state.columns ?? columnsPref.visible;
  const [selectedKeys, setSelectedKeys] = useState<Key[]>([]);
  const update = (patch: Partial<typeof state>) => setState({ ...state, ...patch });
  const setFilter = (name: string, value: FilterValue) =>
    update({ filters: [...toFilterParams({ ...filters, [name]: value }, typed), ...rawFilters] });

  // A link to ?view=<id> alone opens that view with what it saved.
  const savedViews = useSavedViews(entity, !!views && !!state.viewId);
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || !views || !state.viewId || !savedViews.data) return;
    opened.current = true;
    const v = savedViews.data.find((x) => x.id === state.viewId);
    if (v && !state.q && !state.sort && !state.columns && state.filters.length === 0) setState(stateOfView(v));
  }, [views, state, savedViews.data, setState]);
  // A different result set makes the old selection meaningless.
  const queryKeyOfState = JSON.stringify([q, state.filters, sort]);
  useEffect(() => setSelectedKeys([]), [queryKeyOfState]);

  const list = useCursorList<T>([...queryKey, { q, filters, rawFilters, sort, pageSize }], (cursor) =>
    fetchPage({ q, filters, rawFilters: rawFilters.length ? rawFilters : undefined, sort, cursor, limit: pageSize }),
  );

  const sortOrderOf = (f: FieldMeta) => (sort === f.name ? ('ascend' as const) : sort === `-${f.name}` ? ('descend' as const) : null);
  const columns: TableColumnsType<T> = [
    ...fields
      .filter((f) => visible.includes(f.name))
      .sort((a, b) => (state.columns ? visible.indexOf(a.name) - visible.indexOf(b.name) : 0))
      .map((f) => ({
        key: f.name,
        dataIndex: namePath(f.name),
        title: f.label,
        sorter: canSort(f),
        sortOrder: canSort(f) ? sortOrderOf(f) : undefined,
        render: (value: unknown, record: T) =>
          render[f.name] ? render[f.name]!(value, record) : renderValue(f, value, record as unknown as Record<string, unknown>, fmt, t, refOptions),
      })),
    ...extraColumns,
    ...(rowActions ? [{ key: '__actions', title: t('actions'), fixed: 'right' as const, render: (_: unknown, r: T) => rowActions(r) }] : []),
  ];

  const onTableChange: TableProps<T>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.columnKey ? String(s.columnKey) : undefined;
    update({ sort: !field || !s.order ? undefined : s.order === 'descend' ? `-${field}` : field });
  };

  const selected = list.items.filter((r) => selectedKeys.includes(r.id));
  const clearSelection = () => setSelectedKeys([]);

  if (list.isError) return <QueryErrorView error={list.error} onRetry={() => void list.refetch()} />;

  const selectable = !!bulkActions || !!bulk?.actions.length;
  return (
    <div data-testid={`record-list-${entity}`}>
      {views && (
        <ViewsBar entity={entity} state={state} onApply={setState} canShare={hasRight(me?.rights, 'saved_view:share')} />
      )}
      <FilterBar
        fields={filterable}
        values={filters}
        refOptions={refOptions}
        entity={views ? entity : undefined}
        onChange={setFilter}
        search={search ? { value: q, onChange: (v) => update({ q: v }) } : undefined}
      />
      {rawFilters.length > 0 && (
        <Flex gap={4} wrap style={{ marginBottom: 12 }}>
          {rawFilters.map((r) => (
            <Tag key={r} closable onClose={() => update({ filters: state.filters.filter((x) => x !== r) })}>
              {r}
            </Tag>
          ))}
        </Flex>
      )}
      <Flex justify="space-between" wrap gap="small" style={{ marginBottom: 12 }}>
        <Flex gap="small" wrap>
          {bulk && bulk.actions.length > 0 && selected.length > 0 && (
            <BulkBar
              entity={entity}
              config={bulk}
              selectedIds={selected.map((r) => r.id)}
              query={{ q, filters: state.filters }}
              fields={fields}
              refOptions={refOptions}
              onClear={clearSelection}
            />
          )}
          {bulkActions && selected.length > 0 && (
            <>
              {!bulk?.actions.length && <span>{t('record:selected', { count: selected.length })}</span>}
              {bulkActions(selected, clearSelection)}
            </>
          )}
        </Flex>
        <Flex gap="small" wrap>
          {toolbar}
          {exportUrl && (
            <ExportButton
              url={exportUrl}
              params={exportParams ? exportParams({ q, filters, rawFilters, sort }) : { q, sort }}
              columns={fields.filter((f) => visible.includes(f.name)).map((f) => f.name)}
            />
          )}
          <ColumnPicker
            fields={fields}
            visible={visible}
            onChange={(next) => {
              columnsPref.setVisible(next);
              if (views) update({ columns: next });
            }}
            onReset={() => {
              columnsPref.reset();
              if (views) update({ columns: undefined });
            }}
          />
        </Flex>
      </Flex>
      <Table<T>
        rowKey="id"
        size="middle"
        loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
        dataSource={list.items}
        columns={columns}
        pagination={false}
        onChange={onTableChange}
        scroll={{ x: 'max-content' }}
        rowSelection={selectable ? { selectedRowKeys: selectedKeys, onChange: setSelectedKeys } : undefined}
      />
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
    </div>
  );
}
