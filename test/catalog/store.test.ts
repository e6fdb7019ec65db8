import { mkdtempSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CatalogEntry } from "../../src/catalog/entry.js";
import {
  findProjectCatalog,
  parseCatalogText,
  readCatalogFile,
  renderCatalogText,
  writeCatalogFile,
} from "../../src/catalog/file.js";
import { learnIntoProjectCatalog } from "../../src/catalog/project.js";
import { Catalog, loadCatalog } from "../../src/catalog/store.js";
import { UserError } from "../../src/util/errors.js";
import { customApiAction } from "./fixtures.js";

const ADDR = "root:channels:http:testconn:1.0.2:customAPIAction";

function e(variant: string, count: number, options: CatalogEntry["options"] = {}, address = ADDR): CatalogEntry {
  return { address, variant, name: `v${variant}`, options, count, sources: [], template: { address } };
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "flocode-catalog-"));
}

describe("Catalog", () => {
  const catalog = new Catalog([e("bbbb", 2, { requestType: "GET" }), e("aaaa", 2, { requestType: ["DELETE", "GET"] }), e("cccc", 5, { requestType: "POST" })]);

  it("default variant = most instances; ties → smallest variant id", () => {
    expect(catalog.get(ADDR)?.variant).toBe("cccc");
    expect(catalog.variants(ADDR).map((v) => v.variant)).toEqual(["cccc", "aaaa", "bbbb"]);
    const tie = new Catalog([e("bbbb", 2), e("aaaa", 2)]);
    expect(tie.get(ADDR)?.variant).toBe("aaaa");
  });

  it("get/has by variant; unknown address → undefined", () => {
    expect(catalog.get(ADDR, "bbbb")?.name).toBe("vbbbb");
    expect(catalog.has(ADDR, "bbbb")).toBe(true);
    expect(catalog.has(ADDR, "zzzz")).toBe(false);
    expect(catalog.get("root:kernel:x:0.0.1:y")).toBeUndefined();
  });

  it("findByOptions prefers the matching variant with most instances and ignores unrecorded option keys", () => {
    expect(catalog.findByOptions(ADDR, { requestType: "GET" })?.variant).toBe("aaaa");
    expect(catalog.findByOptions(ADDR, { requestType: "DELETE" })?.variant).toBe("aaaa");
    expect(catalog.findByOptions(ADDR, { requestType: "POST", stash: "some-table" })?.variant).toBe("cccc");
    expect(catalog.findByOptions(ADDR, { requestType: "PUT" })).toBeUndefined();
    expect(catalog.findByOptions(ADDR, {})?.variant).toBe("cccc");
  });

  it("entries() are sorted by address then variant; add replaces the same variant", () => {
    const c = new Catalog([e("b", 1, {}, "root:kernel:z:0.0.1:k"), e("b", 1), e("a", 1)]);
    expect(c.entries().map((x) => `${x.address}#${x.variant}`)).toEqual([`${ADDR}#a`, `${ADDR}#b`, "root:kernel:z:0.0.1:k#b"]);
    c.add({ ...e("a", 9), name: "replaced" });
    expect(c.get(ADDR, "a")?.name).toBe("replaced");
    expect(c.size).toBe(3);
  });

  it("the built-in catalog is shared and read-only; clone() is mutable", () => {
    expect(Catalog.builtin()).toBe(Catalog.builtin());
    expect(() => Catalog.builtin().add(e("a", 1))).toThrow(/read-only/);
    const copy = Catalog.builtin().clone();
    copy.add(e("a", 1));
    expect(copy.has(ADDR, "a")).toBe(true);
    expect(Catalog.builtin().has(ADDR, "a")).toBe(false);
  });
});

describe("catalog files", () => {
  it("render is deterministic, one entry per line, sorted; parse round-trips", () => {
    const entries = [e("b", 1), e("a", 2, { requestType: "GET" })];
    const text = renderCatalogText(entries, { key: "$comment", text: "hi" });
    expect(text).toBe(renderCatalogText([...entries].reverse(), { key: "$comment", text: "hi" }));
    const lines = text.split("\n");
    expect(lines[0]).toBe('{"$comment":"hi","entries":[');
    expect(lines[1]).toContain('"variant":"a"');
    expect(lines[2]).toContain('"variant":"b"');
    expect(lines.slice(3)).toEqual(["]}", ""]);
    const parsed = parseCatalogText(text, "x.json");
    expect(parsed.header).toBe("hi");
    expect(parsed.entries).toEqual([e("a", 2, { requestType: "GET" }), e("b", 1)]);
  });

  it("invalid files → UserError naming the file and the JSON pointer", () => {
    const bad = (text: string): string => {
      try {
        parseCatalogText(text, "p.json");
      } catch (error) {
        expect(error).toBeInstanceOf(UserError);
        expect((error as UserError).exitCode).toBe(1);
        return (error as Error).message;
      }
      throw new Error("no error");
    };
    expect(bad("{")).toMatch(/^p\.json: not valid JSON/);
    expect(bad("[]")).toBe("p.json: a catalog file must hold a JSON object");
    expect(bad('{"entries":{}}')).toBe("p.json: /entries: must be an array of catalog entries");
    const entry = JSON.stringify({ ...e("a", 1), count: -1 });
    expect(bad(`{"entries":[${JSON.stringify(e("a", 1))},${entry}]}`)).toBe('p.json: /entries/1/count: "count" must be a non-negative integer');
    expect(bad(`{"entries":[${JSON.stringify({ ...e("a", 1), template: { address: "other" } })}]}`)).toMatch(/\/entries\/0\/template\/address/);
  });

  it("unreadable file → exit 2", () => {
    expect(() => readCatalogFile(join(tmp(), "missing.json"))).toThrow(expect.objectContaining({ exitCode: 2 }));
  });

  it("__proto__ keys in a catalog file stay data", () => {
    const text = `{"entries":[{"address":"${ADDR}","variant":"a","name":"n","options":{"__proto__":{"polluted":1}},"count":1,"sources":[],"template":{"address":"${ADDR}","__proto__":{"polluted":2}}}]}`;
    const [entry] = parseCatalogText(text, "x.json").entries;
    expect(Object.hasOwn(entry!.options, "__proto__")).toBe(true);
    expect(Object.hasOwn(entry!.template, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((entry!.template as Record<string, unknown>).polluted).toBeUndefined();
    const again = renderCatalogText([entry!], { key: "$comment", text: "" });
    expect(again).toContain('"__proto__":{"polluted":2}');
  });

  it("writeCatalogFile writes only when the bytes change", () => {
    const path = join(tmp(), "flocode.catalog.json");
    expect(writeCatalogFile(path, [e("a", 1)])).toBe(true);
    const before = statSync(path).mtimeMs;
    const text = readFileSync(path, "utf8");
    expect(writeCatalogFile(path, [e("a", 1)])).toBe(false);
    expect(readFileSync(path, "utf8")).toBe(text);
    expect(statSync(path).mtimeMs).toBe(before);
    expect(writeCatalogFile(path, [e("a", 2)])).toBe(true);
  });

  it("findProjectCatalog walks up to the nearest flocode.catalog.json", () => {
    const root = tmp();
    const deep = join(root, "a", "b", "c");
    mkdirSync(deep, { recursive: true });
    expect(findProjectCatalog(deep)).toBeUndefined();
    writeFileSync(join(root, "a", "flocode.catalog.json"), '{"entries":[]}');
    expect(findProjectCatalog(deep)).toBe(join(root, "a", "flocode.catalog.json"));
    mkdirSync(join(root, "a", "b", "flocode.catalog.json"));
    expect(findProjectCatalog(deep)).toBe(join(root, "a", "flocode.catalog.json"));
  });
});

describe("project catalogs", () => {
  const pack = (cards: unknown[]) => ({ data: { flos: { f: { id: "f", name: "F", data: { methods: cards } } } } });

  it("loadCatalog: project entries extend the built-in catalog and win on the same variant", () => {
    const dir = tmp();
    const builtinEntry = Catalog.builtin().entries()[0]!;
    const file = join(dir, "flocode.catalog.json");
    writeCatalogFile(file, [e("a", 1), { ...builtinEntry, name: "Project name" }]);
    const loaded = loadCatalog({ projectFile: file });
    expect(loaded.has(ADDR, "a")).toBe(true);
    expect(loaded.get(builtinEntry.address, builtinEntry.variant)?.name).toBe("Project name");
    expect(loaded.size).toBe(Catalog.builtin().size + 1);
    expect(loadCatalog({ searchFrom: dir }).has(ADDR, "a")).toBe(true);
    expect(loadCatalog().has(ADDR, "a")).toBe(false);
  });

  it("learnIntoProjectCatalog adds unknown variants, merges known ones, skips built-in ones", () => {
    const dir = tmp();
    const file = join(dir, "flocode.catalog.json");
    const builtinCard = Catalog.builtin().entries().find((x) => x.address.includes(":kernel:"))!;
    const first = learnIntoProjectCatalog(file, [{ flopack: pack([customApiAction("a", "GET", false), { ...builtinCard.template, uuid: "x" }]), source: "one.flopack" }]);
    expect(first.added.map((x) => x.address)).toEqual([ADDR]);
    expect(first.known).toBe(1);
    expect(first.written).toBe(true);
    const second = learnIntoProjectCatalog(file, [{ flopack: pack([customApiAction("b", "GET", false), customApiAction("c", "POST", true)]), source: "two.flopack" }]);
    expect(second.added).toHaveLength(1);
    expect(second.updated).toHaveLength(1);
    expect(second.updated[0]!.count).toBe(2);
    expect(second.total).toBe(2);
    const onDisk = readCatalogFile(file);
    expect(onDisk.entries.map((x) => x.count).sort()).toEqual([1, 2]);
    expect(onDisk.header).toMatch(/project catalog/);
  });

  it("does not create a file when there is nothing to record", () => {
    const file = join(tmp(), "flocode.catalog.json");
    const report = learnIntoProjectCatalog(file, [{ flopack: pack([]), source: "empty.flopack" }]);
    expect(report.written).toBe(false);
    expect(() => statSync(file)).toThrow();
  });
});
