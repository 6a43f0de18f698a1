/**
 * The one string order meshfed sorts by: UTF-16 code units, independent of locale, so every machine
 * renders, plans and reports in the same order (localeCompare would not).
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
