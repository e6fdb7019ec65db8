/**
 * Every conformance case's outputs (or failure) as JSON text: what determinism.test.ts compares between this
 * process and one under another time zone and locale. Run as a script, it prints the text.
 */
import { pathToFileURL } from "node:url";
import { CASE_FILES } from "./cases/index.js";
import { runCard } from "./harness.js";

export function caseOutputs(): string {
  const lines: string[] = [];
  for (const [, cases] of CASE_FILES) {
    for (const c of cases) {
      let outcome: unknown;
      try {
        outcome = { out: runCard(c.card, c).out };
      } catch (error) {
        outcome = { error: (error as Error).message };
      }
      lines.push(JSON.stringify({ card: c.card, title: c.title, ...(outcome as object) }));
    }
  }
  return `${lines.join("\n")}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.stdout.write(caseOutputs());
