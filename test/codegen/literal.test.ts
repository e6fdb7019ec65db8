import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ts } from "ts-morph";
import { commentText, literal, propertyKey } from "../../src/codegen/literal.js";
import { IdentifierScope, baseIdentifier } from "../../src/codegen/names.js";

const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
const print = (node: ts.Node): string =>
  printer.printNode(ts.EmitHint.Unspecified, node, ts.createSourceFile("x.ts", "", ts.ScriptTarget.Latest));
/** Evaluates printed literal code (data only: the printed text is an expression of literals). */
const evaluate = (code: string): unknown => new Function(`return (${code});`)();

describe("literal", () => {
  const hostile = [
    "a\"b'c`d",
    "${process.exit(1)}",
    "*/ evil() /*",
    "line\nbreak",
    "\u2028\u2029",
    "\\",
    "</script>",
    "💥👩‍💻",
    "",
    "\u0000",
  ];
  it.each(hostile)("keeps %j as data", (s) => {
    const code = print(literal(s));
    expect(code.includes("\n")).toBe(false);
    expect(evaluate(code)).toBe(s);
  });

  it("writes objects with hostile keys without setting the prototype", () => {
    const value = { __proto__: { polluted: true }, constructor: 1, "a-b": [1, -2, 0.5, null, true], ok: { nested: "x" } };
    const json = JSON.parse(JSON.stringify(value).replace('"__proto__"', '"__proto__"')) as Record<string, unknown>;
    const parsed = JSON.parse('{"__proto__":{"polluted":true},"constructor":1,"a-b":[1,-2,0.5,null,true],"ok":{"nested":"x"}}');
    const code = print(literal(parsed));
    expect(code).toContain('["__proto__"]');
    const back = evaluate(code) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.hasOwn(back, "__proto__")).toBe(true);
    expect(JSON.stringify(back)).toBe(JSON.stringify(parsed));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    void json;
  });

  it("writes negative zero and negative numbers", () => {
    expect(evaluate(print(literal(-0)))).toBe(-0);
    expect(evaluate(print(literal(-12.5)))).toBe(-12.5);
  });

  it("uses identifiers only for plain, harmless keys", () => {
    expect(ts.isIdentifier(propertyKey("relativeUrl"))).toBe(true);
    expect(ts.isStringLiteral(propertyKey("Relative URL"))).toBe(true);
    expect(ts.isStringLiteral(propertyKey("constructor"))).toBe(true);
    expect(ts.isComputedPropertyName(propertyKey("__proto__"))).toBe(true);
    expect(ts.isStringLiteral(propertyKey("ümlaut"))).toBe(true);
  });
});

describe("commentText", () => {
  it("cannot end a comment or start a code line", () => {
    const t = commentText("a */ b\nc\u2028d\re");
    expect(t).not.toContain("*/");
    expect(/[\n\r\u2028\u2029]/.test(t)).toBe(false);
  });
});

describe("identifiers", () => {
  it("are valid, unique and never reserved", () => {
    const scope = new IdentifierScope();
    const names = ["Helper Flow", "Helper Flow", "flow", "class", "eval", "123 go", "💥", "__proto__", "", "constructor"].map((n) =>
      scope.take(n),
    );
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[A-Za-z_$][A-Za-z0-9_$]*$/);
    expect(names).not.toContain("flow");
    expect(names).not.toContain("class");
    expect(names).not.toContain("eval");
    expect(names.slice(0, 2)).toEqual(["helperFlow2", "helperFlow3"]); // "helperFlow" is a flocode export
    for (const builder of ["g2", "then", "otherwise3", "f"]) expect(scope.take(builder)).not.toBe(builder);
  });
  it("fall back to a hash when nothing is usable", () => {
    expect(baseIdentifier("💥", "card")).toMatch(/^card_[0-9a-f]{6}$/);
    expect(baseIdentifier("💥", "card")).not.toBe(baseIdentifier("🔥", "card"));
  });
});

describe("src/codegen", () => {
  it("never splices data into quoted code text", () => {
    const dir = join(import.meta.dirname, "../../src/codegen");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const text = readFileSync(join(dir, file), "utf8");
      for (const q of ['"', "'"]) expect(text.includes(`${q}\${`), `${file} splices into a ${q}-quoted string`).toBe(false);
    }
  });
});
