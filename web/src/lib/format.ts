// Locale- and time-zone-aware formatting with Intl.

function safeTimeZone(tz: string | undefined): string | undefined {
  if (!tz) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return undefined;
  }
}

export function formatDateTime(value: string | null | undefined, lang: string, timeZone?: string): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: safeTimeZone(timeZone) }).format(d);
}

/** A calendar date ("2026-05-01") has no time zone; format it as-is. */
export function formatDate(value: string | null | undefined, lang: string): string {
  if (!value) return '';
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

export function formatNumber(value: number | null | undefined, lang: string): string {
  if (value === null || value === undefined) return '';
  return new Intl.NumberFormat(lang).format(value);
}

/** All IANA time zones the browser knows, for a time zone select. */
export function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.length ? zones : ['Asia/Shanghai', 'UTC'];
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Shanghai';
}

/** How many minor-unit digits a currency has (CNY 2, JPY 0); 2 when Intl does not know it. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Formats an amount held in integer minor units (fen, cents) in its currency (CNY by default). */
export function formatMoney(minor: number | null | undefined, lang: string, currency = 'CNY'): string {
  if (minor === null || minor === undefined) return '';
  const digits = currencyDigits(currency);
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency }).format(minor / 10 ** digits);
  } catch {
    return new Intl.NumberFormat(lang, { minimumFractionDigits: digits }).format(minor / 10 ** digits);
  }
}
