import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { basename } from "node:path";
import { CHECKED_ON, RULES, RETIRED, buildIndex, runRules, validateFlopack, validateText, type Rule } from "../../src/rules/index.js";
import { DIAGNOSTICS } from "../../src/format/diagnostics.js";
import type { Finding } from "../../src/util/finding.js";
import { corpus, readCorpusJson } from "../support/corpus.js";
import { minimal, rich } from "./fixture.js";
import { ERROR_MUTATIONS, WARNING_MUTATIONS, type Mutation } from "./mutations.js";

type Obj = Record<string, unknown>;
const errorsOf = (fs: Finding[]) => fs.filter((f) => f.severity === "error");
const codes = (fs: Finding[]) => [...new Set(fs.map((f) => f.code))].sort();
const count = (fs: Finding[], code: string) => fs.filter((f) => f.code === code).length;

describe("rule registry", () => {
  const all = [...Object.values(DIAGNOSTICS), ...RULES];

  it("has unique codes and slugs, and reuses no retired code", () => {
    expect(new Set(all.map((r) => r.code)).size).toBe(all.length);
    expect(new Set(all.map((r) => r.slug)).size).toBe(all.length);
    const retired = new Set(RETIRED.map((r) => r.code));
    expect(all.filter((r) => retired.has(r.code))).toEqual([]);
  });

  it("names every rule file by its slug and uses FP1xx for errors, FP2xx for warnings", () => {
    for (const rule of RULES) {
      expect(existsSync(fileURLToPath(new URL(`../../src/rules/${rule.slug}.ts`, import.meta.url))), rule.slug).toBe(true);
      expect(rule.code).toMatch(rule.severity === "error" ? /^FP1\d\d$/ : /^FP2\d\d$/);
      expect(rule.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it("has a mutation test for every rule", () => {
    const tested = new Set([...ERROR_MUTATIONS, ...WARNING_MUTATIONS].map((m) => m.code));
    expect(RULES.map((r) => r.code).filter((c) => !tested.has(c))).toEqual([]);
  });
});

describe("self-made fixtures", () => {
  it("minimal.flopack (§10 skeleton + the real Schedule card) validates clean", () => {
    expect(validateText(JSON.stringify(minimal()), "minimal.flopack")).toEqual([]);
  });

  it("the rich fixture validates clean", () => {
    expect(validateText(JSON.stringify(rich()), "rich.flopack")).toEqual([]);
  });
});

function expectOnly(m: Mutation, findings: Finding[], baseline: Finding[]): void {
  const rule = RULES.find((r) => r.code === m.code)!;
  if (rule.severity === "error") {
    expect(codes(errorsOf(findings)), `${m.code} (${m.what})`).toEqual([m.code]);
  } else {
    expect(codes(errorsOf(findings)), `${m.code} (${m.what})`).toEqual([]);
    expect(count(findings, m.code), `${m.code} (${m.what})`).toBeGreaterThan(count(baseline, m.code));
  }
  for (const f of findings.filter((f) => f.code === m.code)) expect(f.pointer === "" || f.pointer.startsWith("/")).toBe(true);
}

describe("each rule fires alone when its property is broken (self-made fixture)", () => {
  const base = rich();
  const baseline = validateFlopack(base);
  it.each([...ERROR_MUTATIONS, ...WARNING_MUTATIONS].map((m) => [m.code, m] as const))("%s", (_code, m) => {
    const doc = structuredClone(base);
    expect(m.mutate(doc), "mutation found its target").toBe(true);
    expectOnly(m, validateFlopack(doc, { file: "rich.flopack" }), baseline);
  });

  it("a pretty-printed file (as Okta's Export Flow card writes on request) is as valid as a compact one", () => {
    for (const indent of [1, 2, 8, "\t"]) expect(validateText(JSON.stringify(rich(), null, indent), "pretty.flopack")).toEqual([]);
    expect(validateText(JSON.stringify(rich()) + "\n", "newline.flopack")).toEqual([]);
    expect(RETIRED.map((r) => r.code)).toContain("FP213");
  });
});

const c = corpus();
/** Mutations no export of the shared corpus has a target for (their tests skip, saying why). */
const NOT_IN_CORPUS = ["FP111", "FP120"];

describe.skipIf(!c)(`real exports (${c ? c.files.length : 0} files)`, () => {
  const texts = c ? c.files.map((f) => ({ file: f, text: readFileSync(f, "utf8").replace(/^\uFEFF/, "") })) : [];

  it("every real export validates with 0 errors", () => {
    const bad = texts.flatMap(({ file, text }) => errorsOf(validateText(text, file)));
    expect(bad.map((f) => `${f.file}: ${f.pointer}: ${f.code} ${f.message}`)).toEqual([]);
  });

  it("the evidence docs/rules.md gives (src/rules/evidence.ts) holds for each corpus folder it names", (ctx) => {
    const checked = c!.folders.filter((f) => CHECKED_ON.some((e) => e.folder === basename(f.dir)));
    if (checked.length === 0) ctx.skip("FLOCODE_CORPUS names none of the folders src/rules/evidence.ts counts");
    for (const folder of checked) {
      const evidence = CHECKED_ON.find((e) => e.folder === basename(folder.dir))!;
      expect(folder.files.length, `${folder.dir}: the folder changed; recount src/rules/evidence.ts`).toBe(evidence.files);
      const fired = new Map<string, number>();
      for (const file of folder.files) {
        const found = new Set(validateFlopack(readCorpusJson(file) as Obj, { file }).map((f) => f.code));
        for (const code of found) fired.set(code, (fired.get(code) ?? 0) + 1);
      }
      const counted = Object.fromEntries(
        RULES.filter((r) => r.severity === "warning" && fired.has(r.code)).map((r) => [r.code, fired.get(r.code)!]),
      );
      expect(counted, `${folder.dir}: warnings by files`).toEqual(evidence.warnings);
      expect(
        RULES.filter((r) => r.severity === "error" && fired.has(r.code)).map((r) => r.code),
        folder.dir,
      ).toEqual([]);
    }
  });

  it.for([...ERROR_MUTATIONS, ...WARNING_MUTATIONS].map((m) => [m.code, m] as const))(
    "%s fires alone on a real export",
    ([code, m], ctx) => {
      const target = texts.find(({ text }) => m.mutate(JSON.parse(text) as Obj));
      if (!target) {
        // Said, not passed: a mutation that stops finding its target in every export must not go green.
        expect(NOT_IN_CORPUS, `${code} (${m.what}) found no target in any export`).toContain(code);
        ctx.skip(`no export has the structure ${code} needs; the self-made fixture covers the rule`);
      }
      expect(NOT_IN_CORPUS, `${code} now finds a target in ${target!.file}: take it off NOT_IN_CORPUS`).not.toContain(code);
      const doc = JSON.parse(target!.text) as Obj;
      m.mutate(doc);
      expectOnly(m, validateFlopack(doc, { file: target!.file }), validateFlopack(JSON.parse(target!.text) as Obj));
    },
  );
});

describe("rules never crash on odd shapes", () => {
  const odd: Array<[string, unknown]> = [
    ["data is a number", { type: "flopack", data: 5 }],
    ["flos holds scalars", { data: { flos: { a: 5, b: null, c: [] } } }],
    ["methods is a string", { data: { flos: { a: { id: "a", data: { methods: "x", orderings: [], cron: 5 } } } } }],
    [
      "cards are odd",
      {
        data: {
          flos: {
            a: {
              data: {
                methods: [null, 1, { node: 5 }, { address: 7, pins: { o: { t: 5 } } }, { node: { model: { inputs: { data: [] } } } }],
                orderings: { e: "x", f: [1, 2, 3] },
              },
            },
          },
        },
      },
    ],
    [
      "__proto__ keys everywhere",
      JSON.parse(
        '{"__proto__":{"x":1},"data":{"flos":{"__proto__":{"id":"__proto__","data":{"methods":[{"uuid":"__proto__","pins":{"__proto__":{"__proto__":[{"input":"__proto__"}]}}}],"orderings":{"__proto__":["__proto__","constructor"]}}}},"configs":{"__proto__":{"data":1}}}}',
      ),
    ],
  ];
  it.each(odd)("%s", (_name, doc) => {
    const findings = validateFlopack(doc as Obj);
    expect(findings.filter((f) => f.code === DIAGNOSTICS.internal.code)).toEqual([]);
    expect(({} as Obj).x).toBeUndefined();
  });

  it("survives any JSON value planted anywhere in a valid pack (property)", () => {
    const base = rich();
    const paths: string[][] = [];
    const walk = (v: unknown, path: string[]) => {
      if (path.length > 14 || v === null || typeof v !== "object") return;
      for (const [k, x] of Object.entries(v)) {
        paths.push([...path, k]);
        walk(x, [...path, k]);
      }
    };
    walk(base, []);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: paths.length - 1 }), fc.jsonValue({ maxDepth: 3 }), (i, value) => {
        const doc = structuredClone(base);
        const path = paths[i]!;
        let o = doc as Obj;
        for (const k of path.slice(0, -1)) o = o[k] as Obj;
        o[path[path.length - 1]!] = value;
        const findings = validateFlopack(doc);
        return findings.every((f) => f.code !== DIAGNOSTICS.internal.code);
      }),
      { numRuns: Number(process.env.FLOCODE_FUZZ_RUNS ?? 300) },
    );
  });
});

describe("runRules", () => {
  it("reports a crashing rule once as an internal error, keeps what it reported before, and runs the others", () => {
    const card = (n: number): Rule => ({
      code: `FP19${n}`,
      slug: `crash-${n}`,
      severity: "error",
      description: "",
      visitCard(c, report) {
        report(c.pointer, "seen");
        if (c.index === 1) throw new Error("card");
      },
    });
    const entry: Rule = {
      code: "FP189",
      slug: "crash-entry",
      severity: "error",
      description: "",
      visitEntry: () => {
        throw new Error("entry");
      },
    };
    const check: Rule = {
      code: "FP188",
      slug: "crash-check",
      severity: "error",
      description: "",
      check: (_ctx, report) => {
        report("", "first");
        throw new Error("check");
      },
    };
    const doc = rich() as Obj;
    const plain = runRules(doc);
    const withCrashes = runRules(doc, { rules: [...RULES, card(1), entry, check] });
    const internal = withCrashes
      .filter((f) => f.code === DIAGNOSTICS.internal.code)
      .map((f) => f.message)
      .sort();
    expect(internal).toEqual([
      "rule FP188 crash-check crashed: check",
      "rule FP189 crash-entry crashed: entry",
      "rule FP191 crash-1 crashed: card",
    ]);
    expect(withCrashes.filter((f) => f.code === "FP188").map((f) => f.message)).toEqual(["first"]);
    const seen = withCrashes.filter((f) => f.code === "FP191");
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(buildIndex(doc).cards.length); // dropped after its crash
    const others = withCrashes.filter((f) => !["FP188", "FP189", "FP191", DIAGNOSTICS.internal.code].includes(f.code));
    expect(others).toEqual(plain);
  });
});

describe("validateFlopack", () => {
  it("turns an object nested too deep for the validator into a finding, not a crash", () => {
    const doc = rich() as Record<string, any>;
    let deep: Record<string, unknown> = { type: "string", collection: false };
    for (let i = 0; i < 100_000; i++) deep = { type: { f: deep }, collection: false };
    const flow = Object.values<any>(doc.data.flos).find((f) => f.name === "Helper with branches");
    flow.data.methods[0].node.model.inputs.data.hCallIn01.value.type = deep.type;
    const findings = validateFlopack(doc);
    expect(findings.map((f) => f.code)).toContain(DIAGNOSTICS.depth.code);
    expect(findings.filter((f) => f.code === DIAGNOSTICS.internal.code)).toEqual([]);
  });

  it("is pure: it does not modify its input and gives the same findings twice", () => {
    const doc = rich();
    (doc as Obj).extra = 1;
    const before = JSON.stringify(doc);
    const a = validateFlopack(doc, { file: "x" });
    expect(JSON.stringify(doc)).toBe(before);
    expect(validateFlopack(doc, { file: "x" })).toEqual(a);
    expect(a.every((f) => f.file === "x")).toBe(true);
  });
});
