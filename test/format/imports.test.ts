import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { builtFile } from "../support/repo.js";

// The schemas recurse across files (a card holds an inline flow that holds cards), so module initialisation order
// matters. Whichever format module another module imports first, it must load: one fresh process per module, on
// the built modules (lib/, what users run; the same import graph as src/, without a loader's start-up per process).
const dir = fileURLToPath(new URL("../../src/format/", import.meta.url));
const modules = readdirSync(dir)
  .filter((f) => f.endsWith(".ts"))
  .sort();

describe("src/format modules load in any order", () => {
  it("finds the modules", () => {
    expect(modules.length).toBeGreaterThan(5);
  });

  it.each(modules)("%s can be the first module imported", (file) => {
    const url = pathToFileURL(builtFile(`format/${file.replace(/\.ts$/, ".js")}`)).href;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", `await import(${JSON.stringify(url)});`], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
