import type { Command } from "commander";
import { UserError } from "../util/errors.js";

/**
 * `flocode catalog list|learn`: the card catalog (built-in templates under `catalog/` plus the project's
 * `flocode.catalog.json`). Heavy modules load inside the actions.
 */
export function registerCatalog(program: Command): void {
  const catalog = program
    .command("catalog")
    .description("list the card catalog, or learn card templates from exports (.flow, .folder, .flopack) into the project catalog");

  catalog
    .command("list")
    .description("list catalog entries: address, variant, name, options, instance count")
    .option("--json", "machine-readable output")
    .option("--connector <key>", "only this connector or kernel module (e.g. office365admin, control)")
    .option("--project <file>", "project catalog file (default: the nearest flocode.catalog.json)")
    .addHelpText(
      "after",
      `
Examples:
  $ flocode catalog list --connector office365admin
  $ flocode catalog list --json --project flocode.catalog.json`,
    )
    .action(async (opts: { json?: boolean; connector?: string; project?: string }) => {
      await listCatalog(opts);
    });

  catalog
    .command("learn")
    .description("learn the cards of exports that the built-in catalog lacks into a project catalog file")
    .argument("<exports...>", ".flow, .folder or .flopack files")
    .option("--out <file>", "project catalog file", "flocode.catalog.json")
    .option("--json", "machine-readable output")
    .addHelpText(
      "after",
      `
Examples:
  $ flocode catalog learn exports/*.flow exports/*.folder
  $ flocode catalog learn export.flopack --out config/flocode.catalog.json`,
    )
    .action(async (files: string[], opts: { out: string; json?: boolean }) => {
      await learnCatalog(files, opts);
    });
}

async function listCatalog(opts: { json?: boolean; connector?: string; project?: string }): Promise<void> {
  const { existsSync } = await import("node:fs");
  const { Catalog } = await import("../catalog/store.js");
  const { findProjectCatalog, readCatalogFile } = await import("../catalog/file.js");
  const { parseAddress } = await import("../shapes/address.js");
  if (opts.project !== undefined && !existsSync(opts.project)) throw new UserError(`${opts.project}: project catalog file not found`, 2);
  const projectFile = opts.project ?? findProjectCatalog(process.cwd());
  const catalog = Catalog.builtin().clone();
  const fromProject = new Set<string>();
  if (projectFile !== undefined) {
    for (const e of readCatalogFile(projectFile).entries) {
      catalog.add(e);
      fromProject.add(`${e.address}\u0000${e.variant}`);
    }
  }
  const rows = catalog
    .entries()
    .filter((e) => opts.connector === undefined || parseAddress(e.address)?.module === opts.connector)
    .map((e) => ({
      address: e.address,
      variant: e.variant,
      name: e.name,
      options: e.options,
      count: e.count,
      origin: fromProject.has(`${e.address}\u0000${e.variant}`) ? "project" : "builtin",
      // a clean variant derived from one with an author's residue: seen in no export itself
      ...(e.derived !== undefined ? { derivedFrom: e.derived } : {}),
      ...(e.residue !== undefined ? { residue: e.residue } : {}),
    }));
  if (opts.json) {
    process.stdout.write(JSON.stringify({ projectFile: projectFile ?? null, entries: rows }, null, 2) + "\n");
  } else {
    const table = [
      ["ADDRESS", "VARIANT", "COUNT", "NAME", "OPTIONS"],
      ...rows.map((r) => [
        r.address,
        r.variant + (r.origin === "project" ? "*" : ""),
        r.derivedFrom !== undefined ? `0 (clean ${r.derivedFrom})` : String(r.count),
        r.name,
        JSON.stringify(r.options),
      ]),
    ];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
    const lines = table.map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join("  ")
        .trimEnd(),
    );
    const footer = `${rows.length} entries${projectFile !== undefined ? ` (* = from ${projectFile})` : ""}`;
    process.stdout.write(`${lines.join("\n")}\n${footer}\n`);
  }
  process.exitCode = 0;
}

async function learnCatalog(files: string[], opts: { out: string; json?: boolean }): Promise<void> {
  const { basename } = await import("node:path");
  const { readFlopackFile } = await import("../format/parse.js");
  const { formatFinding } = await import("../util/finding.js");
  const { learnIntoProjectCatalog } = await import("../catalog/project.js");
  const flopacks: { flopack: unknown; source: string }[] = [];
  for (const file of files) {
    const result = readFlopackFile(file);
    if (!result.ok) {
      const first = result.findings[0];
      const io = result.findings.some((f) => f.slug === "io-error");
      const more = result.findings.length > 1 ? ` (and ${result.findings.length - 1} more findings)` : "";
      throw new UserError(`${first ? formatFinding(first) : `${file}: invalid flopack`}${more}; nothing learned`, io ? 2 : 1);
    }
    flopacks.push({ flopack: result.flopack, source: basename(file) });
  }
  const report = learnIntoProjectCatalog(opts.out, flopacks);
  if (opts.json) {
    const summary = {
      file: report.file,
      added: report.added.map((e) => ({ address: e.address, variant: e.variant, name: e.name, count: e.count })),
      updated: report.updated.length,
      known: report.known,
      total: report.total,
      written: report.written,
    };
    process.stdout.write(JSON.stringify(summary, null, 2) + "\n");
  } else {
    const lines = report.added.map((e) => `+ ${e.address} ${e.variant} ${e.name}`);
    lines.push(
      `${report.file}: ${report.added.length} new ${report.added.length === 1 ? "entry" : "entries"}, ${report.updated.length} updated, ` +
        `${report.known} already built in; ${report.total} in the file${report.written ? "" : " (unchanged)"}`,
    );
    process.stdout.write(lines.join("\n") + "\n");
  }
  process.exitCode = 0;
}
