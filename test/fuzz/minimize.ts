/**
 * Shrinks a failing flopack for a regression fixture: greedily removes object members and array elements (largest
 * first, then smaller) and shortens strings while `stillFails(text)` holds. Used by hand when the fuzz test finds
 * a crash:
 *
 *   npx tsx test/fuzz/minimize.ts <failing.flopack> <command> [<out.flopack>]
 *
 * where <command> is validate | show | diff | import: keeps the same contract breach of that command.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { commandsFor } from "./cases.js";
import { runMain } from "../support/cli.js";
import { contractBreach } from "./contract.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export async function minimize(text: string, stillFails: (text: string) => Promise<boolean>): Promise<string> {
  let doc = JSON.parse(text) as Json;
  let changed = true;
  while (changed) {
    changed = false;
    for (const path of paths(doc).sort((a, b) => a.length - b.length)) {
      const candidate = withoutPath(doc, path);
      if (candidate === undefined) continue;
      if (await stillFails(JSON.stringify(candidate))) {
        doc = candidate;
        changed = true;
      }
    }
  }
  return JSON.stringify(doc);
}

/** Paths of every object member and array element. */
function paths(doc: Json): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const walk = (v: Json, p: Array<string | number>) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        out.push([...p, i]);
        walk(x, [...p, i]);
      });
    } else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        out.push([...p, k]);
        walk(x, [...p, k]);
      }
    }
  };
  walk(doc, []);
  return out;
}

function withoutPath(doc: Json, path: Array<string | number>): Json | undefined {
  const copy = structuredClone(doc);
  let parent: Json = copy;
  for (const k of path.slice(0, -1)) {
    if (parent === null || typeof parent !== "object") return undefined;
    parent = (parent as Record<string, Json>)[k as string]!;
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) parent.splice(last as number, 1);
  else if (parent !== null && typeof parent === "object" && Object.hasOwn(parent, last)) delete parent[last as string];
  else return undefined;
  return copy;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [input, command, output] = process.argv.slice(2);
  if (!input || !command) throw new Error("usage: tsx test/fuzz/minimize.ts <failing.flopack> <command> [<out>]");
  const work = mkdtempSync(join(tmpdir(), "flocode-minimize-"));
  const original = join(work, "original.flopack");
  writeFileSync(original, readFileSync(input, "utf8"));
  let breach: string | undefined;
  const fails = async (text: string): Promise<boolean> => {
    const file = join(work, "candidate.flopack");
    writeFileSync(file, text);
    const out = mkdtempSync(join(work, "out-"));
    const argv = commandsFor(file, original, out).find(([c]) => c === command)?.[1];
    if (!argv) throw new Error(`unknown command ${command}`);
    const b = contractBreach(await runMain(argv));
    rmSync(out, { recursive: true, force: true });
    if (b === undefined) return false;
    breach ??= b;
    return b === breach;
  };
  const text = readFileSync(input, "utf8");
  if (!(await fails(text))) throw new Error(`${input}: ${command} keeps the contract; nothing to minimise`);
  const small = await minimize(text, fails);
  writeFileSync(output ?? input.replace(/\.flopack$/, ".min.flopack"), small + "\n");
  process.stdout.write(`${breach}\n${text.length} → ${small.length} bytes\n`);
  rmSync(work, { recursive: true, force: true });
}
