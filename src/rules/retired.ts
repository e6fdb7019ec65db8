/**
 * Codes of rules that were removed. A code is never reused: a test fails when a registered rule or diagnostic
 * takes a code listed here. Add `{ code, slug, reason }` when a rule is retired.
 */
export const RETIRED: ReadonlyArray<{ code: string; slug: string; reason: string }> = [
  {
    code: "FP213",
    slug: "compact-json",
    reason:
      "warned on pretty-printed files, but Okta writes them too: the Export Flow and Export Folder cards pretty-print on request, and 4 of the 60 community exports are indented",
  },
];
