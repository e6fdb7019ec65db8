/**
 * Codes of rules that were removed. A code is never reused: a test fails when a registered rule or diagnostic
 * takes a code listed here. Add `{ code, slug, reason }` when a rule is retired.
 */
export const RETIRED: ReadonlyArray<{ code: string; slug: string; reason: string }> = [];
