#!/usr/bin/env node
/**
 * The flocode command line. Each command lives in its own module and registers itself; heavy modules
 * (ts-morph, Graphviz) are imported inside the command actions so that `flocode --version` stays fast.
 *
 * Exit codes (the CLI contract): 0 success / no findings, 1 findings (invalid file, differences, mistakes in a
 * flow file), 2 usage or I/O error, 3 internal error (a bug in flocode, never the user's mistake).
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
import { registerInit } from "./init.js";
import { registerPrComment } from "./pr-comment.js";
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
  registerInit(program);
  registerPrComment(program);
  program.addHelpText(
    "after",
    `
Exit codes: 0 success, 1 findings, differences or mistakes in flow files, 2 usage or I/O error,
3 internal error (a bug in flocode: please report it; FLOCODE_DEBUG=1 prints its stack).
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

/** The exit code of a bug in flocode. */
const INTERNAL_ERROR = 3;

/** A bug in flocode, said to be one: never the user's mistake, with the way to get its stack. */
function reportInternalError(error: unknown): void {
  const message = error instanceof Error ? `${error.name === "Error" ? "" : `${error.name}: `}${error.message}` : String(error);
  process.stderr.write(`flocode: internal error: ${message.split("\n")[0]}\n`);
  process.stderr.write(
    process.env.FLOCODE_DEBUG && error instanceof Error && error.stack
      ? `${error.stack}\n`
      : "flocode: this is a bug in flocode, not a mistake of yours: please report it, with the output of the same command run with FLOCODE_DEBUG=1 (it prints the stack)\n",
  );
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
      // One line per mistake (a flow file's mistakes come together).
      process.stderr.write(
        error.message
          .split("\n")
          .map((line) => `flocode: ${line}\n`)
          .join(""),
      );
      return error.exitCode;
    }
    reportInternalError(error);
    return INTERNAL_ERROR;
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
    (error: unknown) => {
      reportInternalError(error);
      process.exitCode = INTERNAL_ERROR;
    },
  );
}
