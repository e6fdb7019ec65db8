/**
 * Simulation speed (`npm run bench -- simulate`):
 * - kernel-card executions per second on a chain of function cards (To Lower Case, Trim, Concatenate, each
 *   reading the previous card's output), every card run recorded (and, second measure, the trace read), against the same card functions called directly in a
 *   loop (the interpreter's overhead as a ratio). The library's own functions when it has them, else trivial ones
 *   written here (the table says which).
 * - the cost of simulating real flows (every flow of every corpus export from its trigger, automatic mocks:
 *   read, validate, lift, run) against reading and parsing the same files.
 */
import { readFileSync } from "node:fs";
import type { Harness } from "./harness.js";
import { benchCorpus } from "./harness.js";
import { loadCatalog } from "../src/catalog/store.js";
import { lower } from "../src/compile/lower.js";
import { flow, manual } from "../src/index.js";
import { kernel } from "../src/cards/index.js";
import type { CardFunction, CardInput, CardLibrary } from "../src/simulate/card-function.js";
import { functionCards } from "../src/simulate/functions/index.js";
import { simulatePack, type SimulationInput } from "../src/simulate/simulate.js";
import { createTableStore } from "../src/simulate/tables.js";
import { loadSource } from "../src/testing/load.js";

const CHAIN = Number(process.env.FLOCODE_SIMULATE_CHAIN ?? 20_000);
const TYPES = ["string:toLowerCase", "string:trim", "string:concat"];

const text = (v: unknown): string => (v === undefined || v === null ? "" : String(v));
const TRIVIAL: CardLibrary = new Map<string, CardFunction>([
  ["string:toLowerCase", (c) => [text(c.inputs[0]?.value).toLowerCase()]],
  ["string:trim", (c) => [text(c.inputs[0]?.value).trim()]],
  ["string:concat", (c) => [c.inputs.map((i) => text(i.value)).join("")]],
]);

function chainInput(cards: number): SimulationInput {
  const chain = flow({ name: `Chain ${cards}`, trigger: manual() }, (f) => {
    let previous = f.add(kernel.string.toLowerCase({ string: " Hello World " })).output;
    for (let i = 1; i < cards; i++) {
      if (i % 3 === 1) previous = f.add(kernel.string.trim({ string: previous })).output;
      else if (i % 3 === 2) previous = f.add(kernel.string.concat({ string1: previous, string2: "" })).output;
      else previous = f.add(kernel.string.toLowerCase({ string: previous })).output;
    }
  });
  const catalog = loadCatalog();
  return { pack: lower({ flows: [chain], defaultFolder: "bench" }, catalog), templates: (a, v) => catalog.get(a, v)?.template };
}

export default async function run(h: Harness): Promise<void> {
  const library = TYPES.every((t) => functionCards.has(t)) ? functionCards : TRIVIAL;
  h.note(
    `card functions: ${library === functionCards ? "the function-card library's" : "trivial ones written in the bench (the library lacks them)"}`,
  );
  const input = chainInput(CHAIN);
  const t0 = performance.now();
  const first = simulatePack(input, { library });
  const prepareMs = performance.now() - t0;
  if (first.status !== "completed") throw new Error(`the chain did not complete: ${first.error?.message}`);
  const ran = first.trace.length - 1; // the trigger aside
  let sink = 0;
  // The same calls without the interpreter: the functions on prepared inputs, each output fed to the next card.
  const fns = TYPES.map((t) => library.get(t)!);
  const env = { now: () => 0, random: () => 0.5, tables: createTableStore([]) };
  const direct = await h.measure(
    `${ran} card functions called directly (baseline)`,
    () => {
      let value: unknown = " Hello World ";
      for (let i = 0; i < ran; i++) {
        const kind = i === 0 ? 0 : i % 3 === 1 ? 1 : i % 3 === 2 ? 2 : 0;
        const inputs: CardInput[] = [
          { group: null, key: "string", type: "string", collection: false, option: false, custom: false, value },
        ];
        if (kind === 2)
          inputs.push({ group: null, key: "string2", type: "string", collection: false, option: false, custom: false, value: "" });
        value = fns[kind]!({ address: "", name: "", inputs, outputs: [], env })[0];
      }
      sink += text(value).length;
    },
    { runs: 10 },
  );
  const simulated = await h.measure(
    `simulate a chain of ${ran} function cards (card runs recorded)`,
    () => (sink += simulatePack(input, { library }).status.length),
    {
      baseline: direct,
      runs: 15,
      warmup: 3,
    },
  );
  const withTrace = await h.measure(
    `the same, then read the whole trace (labelled inputs and outputs)`,
    () => (sink += simulatePack(input, { library }).trace.length),
    {
      baseline: direct,
      runs: 15,
      warmup: 3,
    },
  );
  const perSecond = (m: { medianMs: number; medianCpuMs: number }): string =>
    `${Math.round(ran / (m.medianMs / 1000)).toLocaleString("en-US")} (median wall), ${Math.round(ran / (m.medianCpuMs / 1000)).toLocaleString("en-US")} (median CPU)`;
  h.note(`kernel-card executions per second: ${perSecond(simulated)}; with the trace read: ${perSecond(withTrace)}`);
  h.note(`the first run of a pack also prepares it (once per pack and flags): ${prepareMs.toFixed(0)} ms for ${ran} cards`);

  const corpus = benchCorpus();
  if (!corpus) {
    h.note("corpus not found (set FLOCODE_CORPUS): real flows not measured");
    return;
  }
  const packs = await Promise.all(corpus.files.map((f) => loadSource(f)));
  const flows = packs.reduce((n, p) => n + p.pack.flows.length, 0);
  let cards = 0;
  for (const p of packs)
    for (const f of p.pack.flows) cards += simulatePack(p, { flow: f.ref, mocks: { auto: true }, maxCards: 20_000 }).trace.length;
  h.note(`real flows: ${corpus.files.length} files from ${corpus.dir}, ${flows} flows, ${cards} card runs with automatic mocks`);
  const parse = await h.measure(
    "read + JSON.parse (baseline)",
    () => {
      for (const f of corpus.files) sink += Object.keys(JSON.parse(readFileSync(f, "utf8")) as object).length;
    },
    { runs: 5 },
  );
  await h.measure(
    "read + validate + lift + simulate every flow (automatic mocks)",
    async () => {
      for (const f of corpus.files) {
        const p = await loadSource(f);
        for (const fl of p.pack.flows) sink += simulatePack(p, { flow: fl.ref, mocks: { auto: true }, maxCards: 20_000 }).trace.length;
      }
    },
    { baseline: parse, runs: 3, warmup: 1 },
  );
  await h.measure(
    "simulate every flow of the lifted packs (automatic mocks)",
    () => {
      for (const p of packs)
        for (const fl of p.pack.flows) sink += simulatePack(p, { flow: fl.ref, mocks: { auto: true }, maxCards: 20_000 }).trace.length;
    },
    { baseline: parse, runs: 3, warmup: 1 },
  );
  if (sink < 0) h.note("unreachable");
}
