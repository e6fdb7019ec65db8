/**
 * The real exports every rule was checked on: Okta's public templates (the folder `flopacks`) and exports by other
 * authors from public repositories (the folder `community`: .flow, .folder and .flopack files). Every error rule
 * holds on every one of them; `warnings` counts, per warning, the files it fires on. docs/rules.md says so for
 * each rule, and test/rules/rules.test.ts re-counts whenever FLOCODE_CORPUS names these folders.
 */
export interface CorpusEvidence {
  /** The folder's name (`../shared/<folder>` in CI). */
  folder: string;
  /** How docs/rules.md names its files. */
  label: string;
  files: number;
  /** Warning code → files of this folder it fires on (absent: none). */
  warnings: Readonly<Record<string, number>>;
}

export const CHECKED_ON: readonly CorpusEvidence[] = [
  {
    folder: "flopacks",
    label: "Okta templates",
    files: 61,
    warnings: { FP201: 10, FP202: 5, FP205: 4, FP206: 22, FP207: 1, FP208: 11, FP209: 25, FP210: 13, FP211: 38, FP212: 2 },
  },
  {
    folder: "community",
    label: "community exports",
    files: 60,
    warnings: { FP202: 3, FP205: 1, FP206: 33, FP207: 1, FP208: 1, FP209: 23, FP210: 20, FP211: 45, FP212: 3, FP214: 5 },
  },
];

/** One sentence for a rule's documentation: on how many real exports it was checked, and what it found. */
export function evidenceSentence(code: string, severity: "error" | "warning"): string {
  const total = CHECKED_ON.reduce((n, c) => n + c.files, 0);
  const parts = CHECKED_ON.map((c) => `${c.files} ${c.label}`).join(" and ");
  if (severity === "error") return `Checked on ${total} real exports (${parts}): it holds on every one of them.`;
  const fires = CHECKED_ON.map((c) => `${c.warnings[code] ?? 0} of the ${c.files} ${c.label}`).join(" and ");
  return `Checked on ${total} real exports (${parts}): it fires on ${fires}.`;
}
