import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { countDirs, countFolders, countsFromDoc, DOC_PATH, exportFiles, renderDoc, testsOf } from "../../scripts/cards-doc.js";
import { REPO } from "../support/cli.js";
import { corpus } from "../support/corpus.js";

const DOC = join(REPO, DOC_PATH);
const REGENERATE = "regenerate with `npm run docs:cards`";

describe("docs/simulated-cards.md", () => {
  const doc = existsSync(DOC) ? readFileSync(DOC, "utf8") : "";
  const counts = countsFromDoc(doc);

  it("holds the card table", () => {
    expect(counts, `${DOC_PATH} is missing or has no card table: ${REGENERATE}`).toBeDefined();
    expect(counts!.counts.size).toBeGreaterThan(50);
  });

  it(`says what the library, the interpreter and the tests simulate today (${REGENERATE})`, () => {
    expect(doc).toBe(renderDoc(counts!, testsOf(REPO)));
  });

  it("is stale when a card's simulation changes", () => {
    const fewer = renderDoc(
      { ...counts!, counts: new Map([...counts!.counts].filter(([type]) => type !== "string:concat")) },
      testsOf(REPO),
    );
    expect(fewer).not.toBe(doc);
  });

  it("counts kernel cards at any depth and Tables cards of every version, per folder", () => {
    const result = countFolders([{ name: "fixtures", files: [join(REPO, "test/fixtures/simulate/counted.flopack")] }]);
    expect(Object.fromEntries(result.counts)).toEqual({
      "control:callable": [2],
      "control:tryCatch": [1],
      "string:concat": [2],
      "stash:createRow": [2],
    });
  });

  describe.skipIf(!corpus())("against the corpus", () => {
    it("has the card counts of each corpus folder FLOCODE_CORPUS names", () => {
      for (const { dir } of corpus()!.folders) {
        const column = counts!.folders.findIndex((f) => f.name === basename(dir));
        const measured = countDirs([dir]);
        expect(measured.folders[0]!.files).toBe(exportFiles(dir).length);
        if (column === -1) {
          // a corpus of its own: every card type it uses is in the table
          for (const type of measured.counts.keys()) expect(counts!.counts.has(type), `${type} (${REGENERATE})`).toBe(true);
          continue;
        }
        const documented = new Map([...counts!.counts].map(([type, row]) => [type, row[column]!] as const).filter(([, n]) => n > 0));
        expect(Object.fromEntries([...measured.counts].map(([type, row]) => [type, row[0]!])), dir).toEqual(Object.fromEntries(documented));
      }
    });
  });
});
