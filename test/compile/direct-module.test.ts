/**
 * A flow file compiled before that imports only flocode loads without the module hooks (src/compile/direct-module.ts):
 * which compiled modules qualify, and a build through the hooks (empty cache) against the next build of the same
 * files (loaded directly): the same exit code, output, messages with their file:line:col, and files.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { directModuleText } from "../../src/compile/direct-module.js";
import { REPO, runCli } from "../support/cli.js";

const self = (specifier: string): string | undefined =>
  ({ flocode: "file:///x/lib/index.js", "flocode/cards": "file:///x/lib/cards/index.js" })[specifier];

describe("directModuleText", () => {
  it("makes the flocode imports absolute and keeps node: built-ins", () => {
    const code = [
      `import { flow, manual } from "flocode";`,
      `import * as cards from "flocode/cards";`,
      `import def, { x } from "flocode";`,
      `import { readFileSync } from "node:fs";`,
      `export default flow({ name: "a", trigger: manual() }, () => {});`,
    ].join("\n");
    expect(directModuleText(code, self)).toBe(
      [
        `import { flow, manual } from "file:///x/lib/index.js";`,
        `import * as cards from "file:///x/lib/cards/index.js";`,
        `import def, { x } from "file:///x/lib/index.js";`,
        `import { readFileSync } from "node:fs";`,
        `export default flow({ name: "a", trigger: manual() }, () => {});`,
      ].join("\n"),
    );
  });

  it.each([
    ["a relative import", `import { a } from "./helpers.js";\nexport default a;`],
    ["a package", `import { z } from "zod";\nexport default z;`],
    ["import.meta", `import { flow } from "flocode";\nexport default import.meta.url;`],
    ["a dynamic import", `import { flow } from "flocode";\nexport default await import("./x.js");`],
    ["an import after code", `const a = 1;\nimport { flow } from "flocode";\nexport default flow;`],
    ["a re-export", `import { flow } from "flocode";\nexport { helper } from "./helper.js";\nexport default flow;`],
    ["an import esbuild would not print", `import {flow} from 'flocode'\nexport default flow;`],
  ])("leaves a module with %s to the hooks", (_what, code) => {
    expect(directModuleText(code, self)).toBeUndefined();
  });
});

describe("loading a compiled flow file directly", () => {
  const work = mkdtempSync(join(tmpdir(), "flocode-direct-"));
  const throws = join(work, "throws.flow.ts");
  writeFileSync(
    throws,
    `import { flow, manual } from "flocode";\nconst x: { y?: { z: number } } = {};\nexport default flow({ name: "T", trigger: manual() }, () => {\n  console.log(x.y!.z);\n});\n`,
  );
  const badFlows = join(REPO, "test/fixtures/bad-flows");
  const files = [
    join(REPO, "flows/m365-keepalive.flow.ts"),
    throws,
    ...readdirSync(badFlows)
      .filter((n) => n.endsWith(".flow.ts"))
      .map((n) => join(badFlows, n)),
  ];

  it.each(files.map((f) => [f.slice(f.lastIndexOf("/") + 1), f]))("%s: the second build is the first one", (_name, file) => {
    const cache = mkdtempSync(join(work, "cache-"));
    const out = mkdtempSync(join(work, "out-"));
    const build = () => {
      const r = runCli(["build", file, "--out", out], { env: { FLOCODE_CACHE_DIR: cache } });
      const written = readdirSync(out).map((n) => [n, readFileSync(join(out, n), "utf8")]);
      return { status: r.status, stdout: r.stdout, stderr: r.stderr, written };
    };
    const throughHooks = build();
    expect(readdirSync(cache).filter((n) => n.endsWith(".direct.mjs"))).toEqual([]);
    const direct = build();
    expect(readdirSync(cache).filter((n) => n.endsWith(".direct.mjs"))).toHaveLength(1);
    expect(direct).toEqual(throughHooks);
    expect(throughHooks.stderr).not.toMatch(/ at .*\(/); // no stack trace either way
  });
});
