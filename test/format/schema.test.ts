import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import formatsModule from "ajv-formats";
import { renderFlopackSchemaFile, SCHEMA_FILE_MARKER } from "../../src/format/schema-file.js";
import { FlopackSchema, FLOPACK_SCHEMA_ID } from "../../src/format/index.js";
import { checkSchema, createAjv } from "../../src/format/schema-check.js";
import { buildFlopackJsonSchema } from "../../src/format/json-schema.js";
import { validateFlopack } from "../../src/rules/validate.js";
import { corpus, readCorpusJson } from "../support/corpus.js";
import { minimal, rich } from "../rules/fixture.js";
import { builtFile } from "../support/repo.js";

type Obj = Record<string, any>;
const SCHEMA_PATH = fileURLToPath(new URL("../../schemas/flopack.schema.json", import.meta.url));
const committed = readFileSync(SCHEMA_PATH, "utf8");

function compileCommitted() {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  const mod = formatsModule as unknown as ((a: Ajv2020) => Ajv2020) | { default: (a: Ajv2020) => Ajv2020 };
  (typeof mod === "function" ? mod : mod.default)(ajv);
  return ajv.compile(JSON.parse(committed));
}

describe("schemas/flopack.schema.json", () => {
  it("is up to date with the zod model (run `npm run schemas`)", () => {
    expect(committed).toBe(renderFlopackSchemaFile());
  });

  it("carries the generated-by marker, $id and named $defs", () => {
    const schema = JSON.parse(committed) as Obj;
    expect(schema.$comment).toBe(SCHEMA_FILE_MARKER);
    expect(schema.$id).toBe(FLOPACK_SCHEMA_ID);
    expect(Object.keys(schema.$defs)).toEqual(
      expect.arrayContaining(["Flopack", "Flow", "FlowData", "Method", "InputEntry", "Value", "InlineFlow", "ErrorPolicy", "Pin", "Cron"]),
    );
  });

  it("compiles with Ajv2020 + ajv-formats and accepts the self-made fixtures", () => {
    const validate = compileCommitted();
    expect(validate(minimal()), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(rich()), JSON.stringify(validate.errors)).toBe(true);
  });

  const c = corpus();
  it.skipIf(!c)("accepts every real export", () => {
    const validate = compileCommitted();
    const failed = c!.files.filter((f) => !validate(readCorpusJson(f)));
    expect(failed).toEqual([]);
    expect(c!.files.length).toBeGreaterThan(0);
  });
});

describe("schema findings (FP010)", () => {
  const cases: Array<[string, (d: Obj) => void, string, string]> = [
    ["type", (d) => (d.type = "workflow"), "/type", 'string "workflow": expected "flopack"'],
    ["version", (d) => (d.version = "2.0.0"), "/version", 'string "2.0.0": expected one of "1.2.0", "1.3.0", "1.4.0", "1.5.0"'],
    ["created", (d) => (d.created = "yesterday"), "/created", "an ISO-8601 UTC time"],
    ["flags", (d) => (d.flags.looseNulls = false), "/flags/looseNulls", "expected true"],
    ["card uuid", (d) => (flow(d).methods.find((m: Obj) => m.address.endsWith(":comment")).uuid = "bad uuid!"), "/uuid", "a card uuid"],
    ["value type", (d) => (Object.values<Obj>(flow(d).methods[0].node.model.inputs.data)[0]!.value.type = "list"), "/value/type", '"list"'],
    ["table column", (d) => (Object.values<Obj>(d.data.tables)[0]!.data.structure[0].type = "int"), "/structure/0/type", '"str"'],
    ["inline flow", (d) => (inline(d).log = "yes"), "/policy/error/flo/log", 'string "yes": expected boolean'],
    ["config key", (d) => (Object.values<Obj>(d.data.configs)[0]!.secret = "x"), "/secret", 'unexpected key "secret"'],
  ];
  it.each(cases)("%s", (_name, mutate, pointerEnd, message) => {
    const doc = rich() as Obj;
    mutate(doc);
    const findings = validateFlopack(doc);
    const errors = findings.filter((f) => f.severity === "error");
    expect(errors.map((f) => f.code)).toEqual(["FP010"]);
    expect(errors[0]!.pointer.endsWith(pointerEnd), errors[0]!.pointer).toBe(true);
    expect(errors[0]!.message).toContain(message);
  });

  it("reports one finding per pointer, from the branch of a union that got furthest", () => {
    const doc = rich() as Obj;
    inline(doc).methods[0].uuid = 5;
    const findings = checkSchema(doc);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.pointer).toMatch(/\/policy\/error\/flo\/methods\/0\/uuid$/);
  });
});

describe("the fast-path validator (anyOf stops at its first match)", () => {
  const stock = createAjv().compile(buildFlopackJsonSchema()); // Ajv2020 as shipped: evaluates every anyOf branch
  const fastAccepts = (doc: unknown) => checkSchema(doc).length === 0;

  it.skipIf(!corpus())("accepts every real export, like a stock Ajv2020 compile", () => {
    for (const f of corpus()!.files) {
      const doc = readCorpusJson(f) as unknown;
      expect([fastAccepts(doc), stock(doc)], f).toEqual([true, true]);
    }
  });

  it("gives a stock Ajv2020 compile's verdict on entry values and planted values (property)", () => {
    const base = rich();
    const paths: string[][] = [];
    const values: string[][] = []; // paths of entry values: where the anyOf unions are
    const walk = (v: unknown, path: string[]) => {
      if (v === null || typeof v !== "object") return;
      for (const [k, x] of Object.entries(v)) {
        paths.push([...path, k]);
        if (k === "value" && path.at(-2) === "data") values.push([...path, k]);
        walk(x, [...path, k]);
      }
    };
    walk(base, []);
    const typeLike = fc.oneof(
      fc.constantFrom("string", "number", "object", "flo", "file", "list", 5, null, true),
      fc.dictionary(
        fc.constantFrom("f", "g"),
        fc.record(
          {
            type: fc.oneof(fc.constantFrom("string", "x", 3), fc.dictionary(fc.constant("h"), fc.record({ type: fc.constant("number") }))),
            collection: fc.boolean(),
          },
          { requiredKeys: ["type"] },
        ),
      ),
    );
    const plant = fc.oneof(
      fc.tuple(
        fc.integer({ min: 0, max: paths.length - 1 }).map((i) => paths[i]!),
        fc.jsonValue({ maxDepth: 3 }),
      ),
      fc.tuple(
        fc.integer({ min: 0, max: values.length - 1 }).map((i) => [...values[i]!, "type"]),
        typeLike,
      ),
      fc.tuple(
        fc.integer({ min: 0, max: values.length - 1 }).map((i) => [...values[i]!, "data"]),
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(structuredClone(base))),
      ),
    );
    const verdicts = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(plant, ([path, value]) => {
        const doc = structuredClone(base) as Obj;
        let o = doc;
        for (const k of path.slice(0, -1)) o = o[k];
        o[path.at(-1)!] = value;
        const verdict = stock(doc);
        verdicts[verdict ? "valid" : "invalid"]++;
        return fastAccepts(doc) === verdict;
      }),
      { numRuns: Number(process.env.FLOCODE_FUZZ_RUNS ?? 600) },
    );
    expect(verdicts.valid).toBeGreaterThan(10);
    expect(verdicts.invalid).toBeGreaterThan(10);
  });
});

describe("zod model", () => {
  it("parses a real-shaped pack and keeps unknown keys", () => {
    const doc = rich() as Obj;
    flow(doc).futureKey = { kept: true };
    const parsed = FlopackSchema.parse(doc) as Obj;
    expect(flow(parsed).futureKey).toEqual({ kept: true });
    expect(parsed).toEqual(doc);
  });
});

function flow(d: Obj): Obj {
  return Object.values<Obj>(d.data.flos).find((f) => f.name === "Helper with branches")!.data;
}

function inline(d: Obj): Obj {
  return flow(d).methods.find((m: Obj) => m.address.endsWith(":tryCatch")).node.model.policy.error.flo;
}

describe("built code (lib/) loads the zod model only for a document that fails", () => {
  it("gives the same schema findings as the source (the zod model is required on demand)", () => {
    const doc = rich() as Obj;
    doc.version = "2.0.0";
    inline(doc).log = "yes";
    const script = `
      import { checkSchema } from ${JSON.stringify(pathToFileURL(builtFile("format/schema-check.js")).href)};
      process.stdout.write(JSON.stringify(checkSchema(JSON.parse(process.argv[1]), "x.flopack")));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script, JSON.stringify(doc)], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual(checkSchema(doc, "x.flopack"));
    expect(checkSchema(doc, "x.flopack").length).toBe(2);
  });
});
