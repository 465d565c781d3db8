/** A latitude or longitude as a place is written down: five decimals (about a metre), in the locale's digits. */
export function degrees(locale: string, value: number): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 5, maximumFractionDigits: 5 }).format(value);
}
