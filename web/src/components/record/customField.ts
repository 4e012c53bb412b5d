// Custom fields (SPEC B2) arrive in the metadata as fields named `custom.<key>`; their values live in
// the record's `custom` object. These helpers let the generic components read and write them like
// any other field.
export const CUSTOM_PREFIX = 'custom.';

export function isCustomField(name: string): boolean {
  return name.startsWith(CUSTOM_PREFIX);
}

/** The antd name path of a field: `['custom', key]` for a custom field, else the name. */
export function namePath(name: string): string | string[] {
  return isCustomField(name) ? ['custom', name.slice(CUSTOM_PREFIX.length)] : name;
}

/** The value of a field in a record (API shape). */
export function getFieldValue(record: Record<string, unknown> | undefined, name: string): unknown {
  if (!record) return undefined;
  if (!isCustomField(name)) return record[name];
  const custom = record.custom;
  return custom && typeof custom === 'object' ? (custom as Record<string, unknown>)[name.slice(CUSTOM_PREFIX.length)] : undefined;
}

/** Sets a field's value in out (copying its `custom` object, never changing the original). */
export function setFieldValue(out: Record<string, unknown>, name: string, value: unknown): void {
  if (!isCustomField(name)) {
    out[name] = value;
    return;
  }
  const custom = out.custom && typeof out.custom === 'object' ? (out.custom as Record<string, unknown>) : {};
  out.custom = { ...custom, [name.slice(CUSTOM_PREFIX.length)]: value };
}
