/**
 * Import of wormholes (FLOPACK.md §6.3): outer values used inside If Error / If-ElseIf flows come back as plain
 * references where lower's automatic wormholes give the same pairs, as compact `context` fields where they do not
 * (two wormholes carrying one value into one flow), never as raw entries; either way the flopack builds back equal.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { card, flow, helperFlow, inline, pack } from "../../src/index.js";
import type { Card, FlowDef } from "../../src/index.js";
import { Catalog } from "../../src/catalog/store.js";
import { lower } from "../../src/compile/lower.js";
import { emitPack } from "../../src/compile/emit.js";
import { importFlopack, runImportFile } from "../../src/cli/run-import.js";
import { runCli } from "../support/cli.js";
import { firstDifference, normaliseFlopack } from "../support/normalise.js";

const CONCAT = "root:kernel:string:0.0.1:concat";
const TRY = "root:kernel:control:0.0.1:tryCatch";
const CALLABLE = "root:kernel:control:0.0.1:callable";

const work = mkdtempSync(join(tmpdir(), "flocode-wormholes-"));
writeFileSync(join(work, "package.json"), JSON.stringify({ type: "module", private: true }));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function emit(flows: FlowDef[]): unknown {
  const def = pack({ name: "wormholes", flows });
  const ir = lower({ flows, pack: def, defaultFolder: "wormholes" }, Catalog.builtin());
  return emitPack(ir, { template: (a, v) => Catalog.builtin().get(a, v)?.template }, { created: "2026-01-01T00:00:00.000Z" });
}

/** Imports the flopack; returns the flow file's text and the raw-card report. */
function importText(doc: unknown, name: string): { text: string; raw: string[]; file: string } {
  const file = join(work, `${name}.flopack`);
  writeFileSync(file, JSON.stringify(doc));
  const { result, writes } = importFlopack(file, { out: join(work, "unused") });
  expect(result.ok).toBe(true);
  const text = writes
    .filter((w) => w.path.endsWith(".flow.ts"))
    .map((w) => w.text)
    .join("\n");
  return { text, raw: result.ok ? result.raw.map((r) => `${r.card}: ${r.why.join("; ")}`) : [], file };
}

function buildsBackEqual(file: string, original: unknown, name: string): void {
  const out = join(work, "packs", name);
  expect(runImportFile(file, { out }).ok).toBe(true);
  const dist = join(work, `dist-${name}`);
  const build = runCli(["build", out, "--out", dist, "--no-checklist"], { env: { SOURCE_DATE_EPOCH: "0" } });
  expect(build.status, build.stderr).toBe(0);
  const built = JSON.parse(readFileSync(join(dist, `${name}.folder`), "utf8"));
  expect(firstDifference(normaliseFlopack(original as never), normaliseFlopack(built))).toBeUndefined();
}

const params = { first: "string", last: "string" } as const;

describe("import of wormholes", () => {
  const plain = flow({ name: "Plain", trigger: helperFlow({ params }) }, (f) => {
    const name = f.add(card(CONCAT, { name: "Name", inputs: { string1: f.trigger.$out("first"), string2: f.trigger.$out("last") } }));
    f.ifError(
      (attempt) => {
        attempt.add(card(CONCAT, { name: "Greeting", inputs: { string1: "Hi ", string2: name.$out("output") } }));
        attempt.ifError(
          (inner) =>
            void inner.add(card(CONCAT, { name: "Deep", inputs: { string1: f.trigger.$out("last"), string2: name.$out("output") } })),
        );
      },
      (failed) => void failed.add(card(CONCAT, { name: "Sorry", inputs: { string1: "Sorry ", string2: name.$out("output") } })),
    );
  });

  it("writes outer values used inside inline flows as plain references, without the wormhole fields", () => {
    const { text, raw } = importText(emit([plain]), "plain");
    expect(text).not.toContain('"context"');
    expect(text).not.toMatch(/get wormhole/);
    // Inside the attempt, the handler and the nested attempt: the outer card's output itself.
    expect(text.match(/string2: name\.output\b/g)).toHaveLength(3);
    expect(text).toMatch(/string1: helperFlow\d*\.last\b/);
    expect(raw.filter((r) => /wormhole|forceHide/.test(r))).toEqual([]);
    // Both If Error cards come back as f.ifError / g.ifError, with ifError's defaults left out.
    expect(text.match(/\b(f|g\d*)\.ifError\(/g)).toHaveLength(2);
    expect(text).not.toContain("tryCatch");
    expect(text).not.toContain("kernel.control.return");
  });

  it("builds plain references back into the same wormholes", () => {
    const doc = emit([plain]);
    const { file } = importText(doc, "plain-rt");
    buildsBackEqual(file, doc, "plain-rt");
  });

  // An If Error card as exports have it: other start cards and inline-flow keys, outputs read by a later card, a
  // Return with a value ending the attempt.
  const RETURN = "root:kernel:control:0.0.1:return";
  const shaped = flow({ name: "Shaped", trigger: helperFlow({ params }) }, (f) => {
    const caught = f.ifError(
      (t) => void t.add(card(RETURN, { customInputs: [{ key: "Message", type: "string", value: f.trigger.$out("first") }] })),
      (e) => void e.add(card(CONCAT, { name: "Why", inputs: { string1: "failed: ", string2: f.trigger.$out("last") } })),
      {
        name: "Try it",
        customOutputs: [{ key: "Message", type: "string" }],
        attempt: { start: card(CALLABLE, { variant: "c7a5e767" }) },
        onError: {
          start: card(CALLABLE, { variant: "9c69c833" }),
          shape: {
            id: null,
            uuid: "",
            tree: { id: 1, name: "all" },
            methods: [],
            model: {},
            orderings: {},
            security_level: "high",
            log: false,
            inheritLog: false,
            group: null,
          },
        },
      },
    );
    f.add(card(CONCAT, { name: "After", inputs: { string1: caught.$out("Message"), string2: "" } }));
  });

  it("writes an If Error card's start cards, inline-flow keys and outputs as f.ifError options", () => {
    const doc = emit([shaped]);
    const { text, file } = importText(doc, "shaped");
    expect(text).toMatch(/const \w+ = f\.ifError\(/);
    expect(text).not.toContain("tryCatch");
    expect(text).toContain('name: "Try it"');
    expect(text).toMatch(/attempt: \{\s*start: kernel\.control\.callable\(\{ variant: "c7a5e767" \}\)\s*\}/);
    expect(text).toMatch(/onError: \{\s*start: kernel\.control\.callable\(\{ variant: "9c69c833" \}\),\s*shape: \{/);
    expect(text).toMatch(/customOutputs: \[\s*\{ key: "Message"/);
    buildsBackEqual(file, doc, "shaped");
  });

  // Two wormholes carrying one value into one inline flow (exports have them): lower would make one from plain
  // references, so the second is written out.
  const twice = flow({ name: "Twice", trigger: helperFlow({ params }) }, (f) => {
    let start: Card<unknown> = f.trigger;
    const holder: Card<unknown> = f.add(
      card(TRY, {
        inputs: {
          flo: inline(
            card(CALLABLE, {
              name: "Helper Flow",
              customInputs: [
                {
                  key: "k1",
                  group: "context",
                  type: "string",
                  get wormhole() {
                    return holder;
                  },
                },
              ],
            }),
            (g) => {
              start = g.trigger;
              g.add(card(CONCAT, { name: "Use", inputs: { string1: g.trigger.$out("k1"), string2: f.trigger.$out("first") } }));
            },
          ) as never,
        },
        customInputs: [
          {
            key: "k1",
            group: "context",
            type: "string",
            value: f.trigger.$out("first"),
            get wormhole() {
              return start;
            },
          },
        ],
      }),
    );
  });

  it("writes a second wormhole for the same value as compact context fields, and builds it back", () => {
    const doc = emit([twice]);
    const { text, raw, file } = importText(doc, "twice");
    expect(raw.filter((r) => /context|wormhole|forceHide/.test(r))).toEqual([]);
    expect(text).not.toContain("raw:");
    // One wormhole written out (entrance on the If Error card, exit on the start card), one left to lower.
    expect(text.match(/group: "context"/g)).toHaveLength(2);
    expect(text).toMatch(/string[12]: helperFlow\d*\.first\b/);
    buildsBackEqual(file, doc, "twice");
  });
});
