// Prices are integer cents everywhere; this is the only place they become text.
const cache = new Map<string, Intl.NumberFormat>();

export function formatCents(cents: number, currency: string, language: string): string {
  const key = `${currency}:${language}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, { style: "currency", currency });
    cache.set(key, format);
  }
  return format.format(cents / 100);
}
