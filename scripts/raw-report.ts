/**
 * Which cards of the corpus import needs raw escape hatches for, and why: the to-do list for teaching the DSL.
 * `FLOCODE_CORPUS=../shared/flopacks npm run raw-report [-- --cards]`
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { importFlopack } from "../src/cli/run-import.js";

const corpus = process.env.FLOCODE_CORPUS;
if (!corpus) {
  process.stderr.write("raw-report: set FLOCODE_CORPUS to a folder of .flopack exports\n");
  process.exit(2);
}
const listCards = process.argv.includes("--cards");
let cards = 0;
const byReason = new Map<string, number>();
const byAddress = new Map<string, number>();
let raw = 0;
for (const name of readdirSync(corpus)
  .filter((n) => n.endsWith(".flopack"))
  .sort()) {
  const { result } = importFlopack(join(corpus, name), { out: join(tmpdir(), "flocode-raw-report") });
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
