import type { Command } from "commander";

interface ImportCliOptions {
  out?: string;
  json?: boolean;
  force?: boolean;
}

/** `flocode import <export> --out DIR`: an export (.flow, .folder, .flopack) → a pack folder of TypeScript. */
export function registerImport(program: Command): void {
  program
    .command("import")
    .description("turn an export (.flow, .folder or .flopack) into TypeScript flow files (a pack folder that builds back into it)")
    .argument("<file>", "the export to import: a .flow, .folder or .flopack file (any name; the content decides)")
    .option("-o, --out <dir>", "the pack folder to write (pack.ts, resources.ts, one <flow>.flow.ts per flow); default flows/<file name>")
    .option("--force", "overwrite files in --out that import did not write, or that changed since it wrote them")
    .option("--json", "machine-readable output")
    .addHelpText(
      "after",
      `
Cards the catalog does not know are learned into the project catalog (flocode.catalog.json, the nearest one
above --out, else one in --out) before the code is written. Nothing is written when the file is invalid.
Flows the export calls but holds only as stubs (data: null) become externalFlow("name") in resources.ts.

The folder keeps a list of what import wrote (.flocode-import.json, with each file's hash): a re-import
overwrites only those files, and only when nobody changed them since; anything else needs --force. Files of
the previous import that this one no longer writes are removed (kept and reported when they were changed).

Examples:
  $ flocode import userOffboarding.flow --out flows/offboarding
  $ flocode import export.flopack --out flows/export
  $ flocode build flows/export --out dist     # gives back the same flopack`,
    )
    .action(async (file: string, options: ImportCliOptions) => {
      const { runImportFile, formatImportFindings, safeName } = await import("./run-import.js");
      const { basename, join } = await import("node:path");
      const out = options.out ?? join("flows", safeName(basename(file)));
      const result = runImportFile(file, { out, force: options.force === true });
      if (!result.ok) {
        if (options.json) process.stdout.write(JSON.stringify({ files: [], findings: result.findings }) + "\n");
        else process.stderr.write(formatImportFindings(result.findings) + "\n");
        // Unreadable (missing, a folder, too large) is an I/O error; anything else is an invalid file.
        const io = result.findings.every((x) => x.slug === "io-error");
        process.stderr.write(`flocode: ${io ? `cannot read ${file}` : `${file} is not a valid flopack`}; nothing was written\n`);
        process.exitCode = io ? 2 : 1;
        return;
      }
      if (options.json) {
        const { ok: _ok, ...rest } = result;
        process.stdout.write(JSON.stringify(rest) + "\n");
      } else {
        for (const f of result.files) process.stdout.write(`wrote ${f}\n`);
        for (const f of result.removed) process.stdout.write(`removed ${f} (no longer part of the import)\n`);
        const pct = result.cards === 0 ? 0 : (100 * result.rawCards) / result.cards;
        process.stdout.write(
          `${result.cards} cards, ${result.rawCards} written with raw escape hatches (${pct.toFixed(1)}%)${result.learned > 0 ? `; ${result.learned} card variants learned into ${result.catalogFile}` : ""}\n`,
        );
      }
      if (result.externalFlows.length > 0 && !options.json)
        process.stdout.write(
          `flows kept elsewhere (the export holds only their stubs), written as externalFlow(...) in resources.ts: ${result.externalFlows.map((n) => JSON.stringify(n)).join(", ")}; import them into the org before the built file\n`,
        );
      for (const w of result.warnings) process.stderr.write(`flocode: warning: ${w}\n`);
      process.exitCode = 0;
    });
}
