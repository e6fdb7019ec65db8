/** Plain code-unit comparison of strings (never localeCompare: output must not depend on LANG). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
