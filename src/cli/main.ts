#!/usr/bin/env node
/**
 * The flocode command line. Each command lives in its own module and registers itself; heavy modules
 * (ts-morph, Graphviz) are imported inside the command actions so that `flocode --version` stays fast.
 *
 * Exit codes (the CLI contract): 0 success / no findings, 1 findings (invalid file, differences),
 * 2 usage or I/O error.
 */
import { Command, CommanderError } from "commander";
import { readFileSync } from "node:fs";
import { UserError } from "../util/errors.js";
import { registerValidate } from "./validate.js";
import { registerBuild } from "./build.js";
import { registerImport } from "./import.js";
import { registerShow } from "./show.js";
import { registerDiff } from "./diff.js";
import { registerGraph } from "./graph.js";
import { registerChecklist } from "./checklist.js";
import { registerCatalog } from "./catalog.js";
import { registerRun } from "./run.js";
import { guardTerminalOutput } from "./terminal-output.js";

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

export function createProgram(): Command {
  const program = new Command("flocode")
    .description(
      "Okta Workflows as code: build, validate, import, show, diff, graph and run Okta Workflows exports (.flow, .folder, .flopack).",
    )
    .version(packageVersion(), "-V, --version")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  registerBuild(program);
  registerValidate(program);
  registerImport(program);
  registerShow(program);
  registerDiff(program);
  registerGraph(program);
  registerChecklist(program);
  registerCatalog(program);
  registerRun(program);
  program.addHelpText(
    "after",
    `
Exit codes: 0 success, 1 findings or differences, 2 usage or I/O error.
Every command takes --json for machine-readable output.

Examples:
  $ flocode build flows/ --out dist
  $ flocode validate dist/*
  $ flocode import userOffboarding.flow --out flows/offboarding
  $ flocode diff old.folder new.folder --format markdown
  $ flocode run flows/m365-keepalive.flow.ts --auto-mocks`,
  );
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  const unguard = guardTerminalOutput();
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit 0; usage errors exit 2 (commander already printed the message).
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UserError) {
      process.stderr.write(`flocode: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`flocode: internal error: ${message}\n`);
    if (process.env.FLOCODE_DEBUG && error instanceof Error && error.stack) process.stderr.write(error.stack + "\n");
    return 2;
  } finally {
    unguard();
  }
}

const isEntry = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry || process.argv[1]?.endsWith("/flocode")) {
  // `flocode show x | head` must end quietly when the reader goes away.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    });
  }
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 2;
    },
  );
}
