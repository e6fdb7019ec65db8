import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { parseFlopackText, readFlopackFile } from "../../src/format/parse.js";
import { locateJsonError } from "../../src/format/json-syntax.js";
import { scanJsonText, lineColumn } from "../../src/format/json-text.js";
import { DIAGNOSTICS } from "../../src/format/diagnostics.js";
import { validateText } from "../../src/rules/validate.js";
import { MINIMAL_PATH, minimal } from "../rules/fixture.js";

const dir = mkdtempSync(join(tmpdir(), "flocode-parse-"));
const write = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const fail = (r: ReturnType<typeof parseFlopackText>) => {
  if (r.ok) throw new Error("expected a failure");
  return r.findings;
};

describe("parseFlopackText / readFlopackFile", () => {
  it("accepts a valid flopack and returns the typed object and its text", () => {
    const r = readFlopackFile(MINIMAL_PATH);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.flopack.version).toBe("1.5.0");
      expect(Object.keys(r.flopack.data.flos)).toHaveLength(1);
      expect(r.text.startsWith('{"type":"flopack"')).toBe(true);
    }
  });

  it("names line and column of a JSON syntax error", () => {
    const [f] = fail(parseFlopackText('{\n  "type": "flopack",\n  "version": }', "bad.flopack"));
    expect(f!.code).toBe(DIAGNOSTICS.syntax.code);
    expect(f!.source).toEqual({ file: "bad.flopack", line: 3, column: 14 });
    expect(f!.message).toBe("invalid JSON at line 3 column 14: unexpected '}' where a value was expected");
  });

  it("says a truncated file is truncated", () => {
    const text = JSON.stringify(minimal());
    const [f] = fail(parseFlopackText(text.slice(0, text.length / 2), "cut.flopack"));
    expect(f!.code).toBe(DIAGNOSTICS.syntax.code);
    expect(f!.message).toContain("unexpected end of input");
  });

  it("rejects text that is not JSON, and describes control characters safely", () => {
    expect(fail(parseFlopackText("hello", "x"))[0]!.message).toBe(
      "invalid JSON at line 1 column 1: unexpected 'h' where a value was expected",
    );
    const [f] = fail(parseFlopackText('{"a":"\u0001"}', "x"));
    expect(f!.message).toContain("U+0001");
    expect(f!.message).not.toMatch(/[\u0000-\u001f]/);
  });

  it("rejects an empty file", () => {
    for (const t of ["", "  \n\t"]) expect(fail(parseFlopackText(t, "e"))[0]!.code).toBe(DIAGNOSTICS.empty.code);
  });

  it.each([
    ["[]", "an array"],
    ["42", "a number"],
    ['"flopack"', "a string"],
    ["null", "null"],
    ["true", "a boolean"],
  ])("rejects the JSON document %s", (text, kind) => {
    const [f] = fail(parseFlopackText(text, "s"));
    expect(f!.code).toBe(DIAGNOSTICS.notObject.code);
    expect(f!.message).toContain(kind);
  });

  it("rejects 200k nested brackets quickly, before any recursive code runs", () => {
    const deep = "[".repeat(200_000) + "]".repeat(200_000);
    const [f] = fail(parseFlopackText(deep, "deep"));
    expect(f!.code).toBe(DIAGNOSTICS.depth.code);
    expect(f!.source?.column).toBe(257);
    expect(fail(parseFlopackText('{"a":' + "{".repeat(200_000), "deep2"))[0]!.code).toBe(DIAGNOSTICS.depth.code);
    // inside strings brackets do not count
    expect(scanJsonText(JSON.stringify({ s: "[".repeat(1000) })).tooDeepAt).toBe(-1);
  });

  it("treats __proto__ and constructor keys as plain data (no pollution)", () => {
    const doc = minimal();
    const text = JSON.stringify(doc).replace(
      '"flags":',
      '"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"flags":',
    );
    const findings = validateText(text, "proto.flopack");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(findings.map((f) => `${f.pointer} ${f.code}`)).toEqual(["/__proto__ FP101", "/constructor FP101"]);
  });

  it("handles a 10 MB string value", () => {
    const doc = minimal() as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
    const flo = Object.values(doc.data!.flos!)[0]!;
    flo.description = "x".repeat(10 * 1024 * 1024);
    const r = parseFlopackText(JSON.stringify(doc), "big");
    expect(r.ok).toBe(true);
    const bad = parseFlopackText(JSON.stringify({ ...doc, version: "y".repeat(10 * 1024 * 1024) }), "big2");
    const f = fail(bad)[0]!;
    expect(f.pointer).toBe("/version");
    expect(f.message.length).toBeLessThan(200);
  });

  it("reports I/O problems as io-error findings: missing file, directory", () => {
    expect(readFlopackFile(join(dir, "nope.flopack"))).toEqual({
      ok: false,
      findings: [expect.objectContaining({ code: DIAGNOSTICS.io.code, message: `no such file: ${join(dir, "nope.flopack")}` })],
    });
    const r = readFlopackFile(dir);
    expect(r.ok === false && r.findings[0]!.code).toBe(DIAGNOSTICS.io.code);
  });

  it("rejects binary content and invalid UTF-8", () => {
    const r1 = readFlopackFile(write("bin.flopack", new Uint8Array([0x7b, 0x00, 0x01, 0xff])));
    expect(r1.ok === false && r1.findings[0]!.code).toBe(DIAGNOSTICS.binary.code);
    const r2 = readFlopackFile(write("latin1.flopack", new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d])));
    expect(r2.ok === false && r2.findings[0]!.message).toBe("file is not valid UTF-8 text");
  });

  it("accepts a UTF-8 byte-order mark", () => {
    const p = write("bom.flopack", "\ufeff" + JSON.stringify(minimal()));
    expect(readFlopackFile(p).ok).toBe(true);
  });

  it("returns schema findings (not ok) for JSON that is not a flopack", () => {
    const findings = fail(parseFlopackText('{"type":"flopack"}', "s"));
    expect(findings.map((f) => `${f.pointer} ${f.code} ${f.message}`)).toEqual([
      '/created FP010 missing required key "created"',
      '/data FP010 missing required key "data"',
      '/flags FP010 missing required key "flags"',
      '/version FP010 missing required key "version"',
    ]);
  });
});

describe("locateJsonError agrees with JSON.parse", () => {
  it("finds no error in valid JSON", () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        (v) => locateJsonError(JSON.stringify(v)) === undefined && locateJsonError(JSON.stringify(v, null, 2)) === undefined,
      ),
    );
  });

  it("finds an error exactly when JSON.parse fails (truncations and single-character edits)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.constantFrom("", "}", "]", ",", ":", '"', "x", "\\", "\u0001"), (v, n, ch) => {
        const text = JSON.stringify(v);
        const at = n % (text.length + 1);
        for (const t of [text.slice(0, at), text.slice(0, at) + ch + text.slice(at)]) {
          let valid = true;
          try {
            JSON.parse(t);
          } catch {
            valid = false;
          }
          const located = locateJsonError(t);
          if (valid !== (located === undefined)) return false;
          if (located && (located.offset < 0 || located.offset > t.length)) return false;
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it("computes 1-based line and column", () => {
    expect(lineColumn("ab\ncd\n", 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn("x", 0)).toEqual({ line: 1, column: 1 });
  });
});

describe("schema findings on a file that is wrong everywhere", () => {
  it("stay bounded and fast", () => {
    const doc = minimal() as Record<string, any>;
    const flo = Object.values<any>(doc.data.flos)[0];
    const card = flo.data.methods[0];
    const data: Record<string, unknown> = {};
    for (let i = 0; i < 20_000; i++)
      data[`e${i}`] = {
        id: `e${i}`,
        key: "k",
        ref: false,
        required: false,
        flags: "d",
        value: { type: 42, collection: false, data: null },
      };
    card.node.model.inputs.data = data;
    const started = performance.now();
    const r = parseFlopackText(JSON.stringify(doc), "many.flopack");
    const findings = r.ok ? [] : r.findings;
    expect(findings.length).toBe(51);
    expect(findings.some((f) => f.message.endsWith("more schema errors not shown"))).toBe(true);
    expect(performance.now() - started).toBeLessThan(60_000); // a hang guard, not a benchmark
  });
});
