/**
 * Which cards of the corpus import needs raw escape hatches for, and why: the to-do list for teaching the DSL.
 * `FLOCODE_CORPUS=../shared/flopacks npm run raw-report [-- --cards]`
 */
import { readdirSync } from "node:fs";
import { delimiter, join } from "node:path";
import { tmpdir } from "node:os";
import { importFlopack } from "../src/cli/run-import.js";
import { isExportFileName } from "../src/format/file-kinds.js";

const corpus = process.env.FLOCODE_CORPUS;
if (!corpus) {
  process.stderr.write("raw-report: set FLOCODE_CORPUS to folders of exports (.flow, .folder, .flopack), separated by ':'\n");
  process.exit(2);
}
const listCards = process.argv.includes("--cards");
let cards = 0;
const byReason = new Map<string, number>();
const byAddress = new Map<string, number>();
let raw = 0;
const files = corpus
  .split(delimiter)
  .filter((d) => d !== "")
  .flatMap((dir) =>
    readdirSync(dir)
      .filter(isExportFileName)
      .sort()
      .map((name) => ({ dir, name })),
  );
for (const { dir, name } of files) {
  const { result } = importFlopack(join(dir, name), { out: join(tmpdir(), "flocode-raw-report") });
  if (!result.ok) continue;
  cards += result.cards;
  raw += result.rawCards;
  for (const r of result.raw) {
    byAddress.set(r.address, (byAddress.get(r.address) ?? 0) + 1);
    for (const w of new Set(r.why.map((x) => x.replace(/ "[^"]*":/, ":"))))
      byReason.set(
        `${r.address.split(":").slice(-2).join(":")}  ${w}`,
        (byReason.get(`${r.address.split(":").slice(-2).join(":")}  ${w}`) ?? 0) + 1,
      );
    if (listCards) process.stdout.write(`${name}\t${r.flow}\t${r.card}\t${r.address}\t${r.why.join("; ")}\n`);
  }
}
const top = (m: Map<string, number>): string =>
  [...m]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, n]) => `${String(n).padStart(5)}  ${k}`)
    .join("\n");
process.stdout.write(
  `rawCards ${raw} / ${cards} = ${((100 * raw) / cards).toFixed(1)}%\n\nby address:\n${top(byAddress)}\n\nby reason:\n${top(byReason)}\n`,
);
