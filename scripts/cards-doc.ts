/**
 * docs/simulated-cards.md: every kernel card (and Tables card) seen in real exports, how often, whether the
 * simulator runs it (the function library, the interpreter, or not yet) and the tests that check it. Rendered
 * from card counts (read from the export folders, or from the committed document), the library and the tests,
 * so tests/simulate/cards-doc.test.ts can fail when any of them changed without the document.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { forEachCard } from "../src/catalog/index.js";
import { parseJsonDocument, readTextFile } from "../src/format/index.js";
import { parseAddress } from "../src/shapes/address.js";
import { functionCards } from "../src/simulate/functions/index.js";
import { INTERPRETER_CARDS } from "../src/simulate/interpreter-cards.js";
import { CASE_FILES } from "../test/simulate/functions/cases/index.js";
import { CARD_DOCS } from "../test/simulate/functions/pages.js";

export const DOC_PATH = "docs/simulated-cards.md";
/** The export files of a folder: flopacks and single-flow / folder exports (all flopack JSON). */
export const EXPORT_FILE = /\.(flopack|flow|folder)$/;

/** Card type (`module:key`) → instances, per export folder (by folder name). */
export interface CardCounts {
  readonly folders: ReadonlyArray<{ readonly name: string; readonly files: number }>;
  readonly counts: ReadonlyMap<string, readonly number[]>;
}

/** The card type a card counts under: kernel cards, and Tables cards of any version; undefined for others. */
export function countedType(address: string): string | undefined {
  const a = parseAddress(address);
  if (!a) return undefined;
  if (a.kind === "kernel") return a.moduleKey;
  return a.module === "stash" ? a.moduleKey : undefined;
}

/** Counts the cards (inline flows included) of the export files of each folder. Unreadable files are skipped. */
export function countFolders(folders: ReadonlyArray<{ name: string; files: readonly string[] }>): CardCounts {
  const counts = new Map<string, number[]>();
  folders.forEach((folder, column) => {
    for (const file of folder.files) {
      const read = readTextFile(file);
      if (!read.ok) continue;
      const json = parseJsonDocument(read.text, file);
      if (!json.ok) continue;
      forEachCard(json.value, ({ card }) => {
        const type = typeof card.address === "string" ? countedType(card.address) : undefined;
        if (!type) return;
        let row = counts.get(type);
        if (!row) counts.set(type, (row = folders.map(() => 0)));
        row[column]!++;
      });
    }
  });
  return { folders: folders.map((f) => ({ name: f.name, files: f.files.length })), counts };
}

export function exportFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => EXPORT_FILE.test(name))
    .sort()
    .map((name) => join(dir, name));
}

export function countDirs(dirs: readonly string[]): CardCounts {
  return countFolders(dirs.map((dir) => ({ name: basename(dir), files: exportFiles(dir) })));
}

/**
 * Test files that check a card: the conformance cases (how many, and how many assume what the card's page does
 * not say or there is no page), and interpreter tests naming it.
 */
export function testsOf(repo: string): Map<string, string[]> {
  const tests = new Map<string, string[]>();
  const add = (type: string, entry: string): void => void tests.set(type, [...(tests.get(type) ?? []), entry]);
  for (const [file, cases] of CASE_FILES) {
    const perCard = new Map<string, { n: number; assumed: number }>();
    for (const c of cases) {
      const count = perCard.get(c.card) ?? { n: 0, assumed: 0 };
      perCard.set(c.card, { n: count.n + 1, assumed: count.assumed + (c.assumed ? 1 : 0) });
    }
    for (const [card, { n, assumed }] of perCard) add(card, `${file} (${n} ${n === 1 ? "case" : "cases"}, ${assumed} assumed)`);
  }
  const own = [join("simulate", "functions"), join("simulate", "cards-doc.test.ts")];
  for (const file of testFiles(join(repo, "test", "simulate")).filter((f) => !own.some((o) => f.includes(o)))) {
    const text = readFileSync(file, "utf8");
    for (const type of INTERPRETER_CARDS)
      if (text.includes(`"${type}"`) || text.includes(`'${type}'`)) add(type, relative(repo, file).split("\\").join("/"));
  }
  return tests;
}

function testFiles(dir: string): string[] {
  let out: string[] = [];
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out = out.concat(testFiles(path));
    else if (e.name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

export type Simulation = "library" | "interpreter" | "not yet";

export function simulationOf(type: string): Simulation {
  if (functionCards.has(type)) return "library";
  return INTERPRETER_CARDS.has(type) ? "interpreter" : "not yet";
}

/** Why a card seen in exports is not simulated yet. */
const NOT_YET: Readonly<Record<string, string>> = {
  "object:process": "not in the catalog (one instance, in the community exports): its fields are not known yet",
  "stash:exportToCSV": "produces a File; the simulator has no File values yet",
  "stash:importFromCSV": "reads a File; the simulator has no File values yet",
  "list:collapse": "semantics not documented clearly enough to simulate",
  "list:merge": "semantics not documented clearly enough to simulate",
};

/** The documentation column: the Okta page a library card's cases follow, or that none was found. */
export function docColumn(type: string): string {
  const doc = CARD_DOCS[type];
  if (!doc) return "";
  return "page" in doc ? `[${doc.page.kind}](${doc.page.url})` : "none found";
}

/** Library cards by documentation, and conformance cases by whether they assume anything. */
function docSummary(): string[] {
  const docs = [...functionCards.keys()].map((type) => CARD_DOCS[type]);
  const pages = docs.filter((d) => d !== undefined && "page" in d) as Array<{ page: { kind: string } }>;
  const references = pages.filter((d) => d.page.kind === "reference").length;
  const cases = CASE_FILES.flatMap(([, list]) => list);
  const assumed = cases.filter((c) => c.assumed).length;
  return [
    `Documentation: ${pages.length} of the library's ${docs.length} cards follow an Okta page that was found and read (${references} function`,
    `reference pages, ${pages.length - references} Okta support articles or Workflows team posts); ${docs.length - pages.length} rest on assumptions (no page found).`,
    `Their ${cases.length} conformance cases: ${cases.length - assumed} follow a page's examples or rules, ${assumed} say what they assume.`,
  ];
}

export function renderDoc(counts: CardCounts, tests: ReadonlyMap<string, readonly string[]>): string {
  const types = [...counts.counts.keys()].sort((a, b) => {
    const ta = total(counts.counts.get(a)!);
    const tb = total(counts.counts.get(b)!);
    return tb - ta || (a < b ? -1 : a > b ? 1 : 0);
  });
  const bySimulation = (s: Simulation): string[] => types.filter((t) => simulationOf(t) === s);
  const instances = (list: readonly string[]): number => list.reduce((n, t) => n + total(counts.counts.get(t)!), 0);
  const all = instances(types);
  const folderText = counts.folders.map((f) => `\`${f.name}\` (${f.files} files)`).join(" and ");
  const lines = [
    "# Kernel cards in real exports, and how `flocode run` simulates them",
    "",
    `Generated by \`npm run docs:cards\` from the exports in ${folderText}, the simulator's function library`,
    "(`src/simulate/functions/`), the interpreter's card list (`src/simulate/interpreter-cards.ts`) and the tests.",
    "`test/simulate/cards-doc.test.ts` fails when this file is stale.",
    "",
    "Counts are card instances, inline flows included; Tables cards (`root:channels:http:stash:*`) of every version",
    "count under `stash:<key>`. **library**: a function of the library, checked by the conformance cases named;",
    "**interpreter**: run by the interpreter itself (control flow, helper flows, wiring, triggers; the HTTP cards and",
    "Export Flow reach outside the run and are answered by mocks, as connector cards are);",
    "**not yet**: a run stops at the card with a message naming it. **Okta page**: for a library card, the Okta page",
    "its cases follow (found and read: `test/simulate/functions/pages.ts`), or *none found*: then every case says",
    "what it assumes. In **tests**, *assumed* counts the cases that assume what the page does not say.",
    "",
    `${types.length} card types, ${all} instances: library ${bySimulation("library").length} types (${instances(bySimulation("library"))} instances),`,
    `interpreter ${bySimulation("interpreter").length} (${instances(bySimulation("interpreter"))}), not yet ${bySimulation("not yet").length} (${instances(bySimulation("not yet"))}).`,
    "",
    ...docSummary(),
    "",
    `| card | ${counts.folders.map((f) => f.name).join(" | ")} | total | simulated | Okta page | tests |`,
    `|---|${counts.folders.map(() => "---:").join("|")}|---:|---|---|---|`,
  ];
  for (const type of types) {
    const row = counts.counts.get(type)!;
    const simulation = simulationOf(type);
    const testText = (tests.get(type) ?? []).map((t) => `\`${t}\``).join(", ") || (simulation === "not yet" ? (NOT_YET[type] ?? "") : "");
    lines.push(`| \`${type}\` | ${row.join(" | ")} | ${total(row)} | ${simulation} | ${docColumn(type)} | ${testText} |`);
  }
  const unseen = [...functionCards.keys()].filter((t) => !counts.counts.has(t)).sort();
  lines.push("", "The library also runs these cards, which no export of the corpus uses:", "");
  for (const type of unseen) {
    const testText = (tests.get(type) ?? []).map((t) => `\`${t}\``).join(", ");
    lines.push(`- \`${type}\` (Okta page: ${docColumn(type)})${testText ? `: ${testText}` : ""}`);
  }
  return `${lines.join("\n")}\n`;
}

function total(row: readonly number[]): number {
  return row.reduce((a, b) => a + b, 0);
}

/** The counts a rendered document holds (its table), so the library and tests can be checked without the exports. */
export function countsFromDoc(doc: string): CardCounts | undefined {
  const header = /^\| card \| (.+) \| total \| simulated \| Okta page \| tests \|$/m.exec(doc);
  const files = /exports in (.+), the simulator's/.exec(doc.replace(/\n/g, " "));
  if (!header || !files) return undefined;
  const names = header[1]!.split(" | ");
  const fileCounts = [...files[1]!.matchAll(/`([^`]+)` \((\d+) files\)/g)].map((m) => Number(m[2]));
  const counts = new Map<string, number[]>();
  for (const m of doc.matchAll(/^\| `([^`]+)` \| ([\d |]+) \| \d+ \| /gm)) counts.set(m[1]!, m[2]!.split(" | ").map(Number));
  return { folders: names.map((name, i) => ({ name, files: fileCounts[i] ?? 0 })), counts };
}
