// Types shared by the metadata-driven record components.
import type { EntityMeta, FieldMeta, Page } from '../../api/types';

export type { EntityMeta, FieldMeta, Page };

/** A from–to range of a number or date filter (inclusive; dates as YYYY-MM-DD). */
export interface RangeValue {
  from?: string;
  to?: string;
}

/** A filter value from the filter bar: text (contains), enum/ref value, boolean, dict codes or tags, or a range. */
export type FilterValue = string | number | boolean | string[] | RangeValue | undefined;

/** What RecordList asks the page's fetch function for. */
export interface ListQuery {
  /** Free-text search (the list endpoints' `q`). */
  q?: string;
  /** Filter values keyed by field name; undefined = no filter. */
  filters: Record<string, FilterValue>;
  /** Conditions `field:op:value` the filter bar cannot show (from a saved view or the URL); send them as they are. */
  rawFilters?: string[];
  /** Field name, or `-field` for descending. */
  sort?: string;
  cursor?: string;
  limit: number;
}

export interface Option {
  value: string | number;
  label: string;
}

/** Options for `ref` fields (and their filters), keyed by field name. */
export type RefOptions = Record<string, Option[] | undefined>;
