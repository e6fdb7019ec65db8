/**
 * Errors a flow file throws that flocode did not raise on purpose: a syntax error, a misspelled card factory
 * (`office365admin.getLicences is not a function`), any JavaScript error in the file's own code. Each is the
 * user's mistake, reported at its position in the flow file, with "did you mean" where a name was misspelled.
 * An error thrown inside flocode's own modules is a bug in flocode instead: these functions return undefined for
 * it, and the CLI reports it as an internal error.
 */
import { fileURLToPath } from "node:url";
import { DslError, FlowFileErrors } from "../dsl/errors.js";
import { parseFrame } from "../dsl/call-site.js";
import type { CallSite } from "../dsl/types.js";
import { FlowBuilder } from "../dsl/builder.js";
import { didYouMean } from "../util/suggest.js";

/** The flocode package (src/ and lib/ hold its modules; its node_modules are libraries). */
const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

type Frame = { site: CallSite; own: boolean };

/** The stack frames of an error that are in a file: flocode's own modules, or the user's files. */
function framesOf(error: Error): Frame[] {
  const frames: Frame[] = [];
  for (const line of (error.stack ?? "").split("\n")) {
    if (!/^\s+at /.test(line)) continue;
    const site = parseFrame(line);
    if (!site || site.file.includes("/node_modules/") || site.file.includes("\\node_modules\\")) continue;
    const own = site.file.startsWith(PACKAGE_ROOT + "src") || site.file.startsWith(PACKAGE_ROOT + "lib");
    frames.push({ site, own });
  }
  return frames;
}

/**
 * The user's mistake a thrown value stands for, at its position in the flow file; undefined when it was thrown
 * inside flocode (a bug). `what` prefixes errors without a message of their own; `fallback` places errors whose
 * stack names no file.
 */
export function userMistake(error: unknown, what: string, fallback: CallSite | undefined): DslError | undefined {
  if (error instanceof DslError || (error instanceof Error && error.name === "DslError")) return error as DslError;
  if (!(error instanceof Error)) return new DslError(`${what} threw ${describeThrown(error)}`, fallback);
  const first = framesOf(error)[0];
  if (first?.own) return undefined;
  return new DslError(error.message, first?.site ?? fallback);
}

/**
 * The errors with "did you mean" added where a card factory or FlowBuilder method was misspelled (`x.y is not a
 * function`): done once a target failed, so that a build that succeeds never loads every card factory.
 */
export async function withSuggestions(errors: readonly DslError[]): Promise<DslError[]> {
  const misspelled = /^([\w$]+(?:\.[\w$]+)*)\.([\w$]+) is not a function$/;
  if (!errors.some((e) => misspelled.test(e.detail))) return [...errors];
  const cards = (await import("flocode/cards")) as Record<string, unknown>;
  return errors.map((e) => {
    const m = misspelled.exec(e.detail);
    return m ? new DslError(`${e.detail}${suggestionFor(cards, m[1]!, m[2]!)}`, e.site) : e;
  });
}

function suggestionFor(cards: Record<string, unknown>, path: string, name: string): string {
  let holder: unknown = cards;
  for (const segment of path.split(".")) holder = isRecord(holder) && Object.hasOwn(holder, segment) ? holder[segment] : undefined;
  if (isRecord(holder)) {
    const factories = Object.keys(holder).filter((k) => typeof holder[k] === "function" || isRecord(holder[k]));
    return `: ${path} has no card ${JSON.stringify(name)}${didYouMean(name, factories)}`;
  }
  const methods = Object.getOwnPropertyNames(FlowBuilder.prototype).filter((k) => k !== "constructor");
  return didYouMean(name, methods);
}

/**
 * Why a flow file could not be loaded, as the user's mistakes at their positions (syntax errors as the compiler
 * states them; an import of a name flocode does not export; an error thrown while the file runs), or undefined
 * for an error inside flocode.
 */
export async function loadFailure(error: unknown, file: string): Promise<DslError | FlowFileErrors | undefined> {
  if (!(error instanceof Error)) return new DslError(`cannot load: the file threw ${describeThrown(error)}`, { file, line: 1, column: 1 });
  const syntax = syntaxErrors(error);
  if (syntax.length > 0) return syntax.length === 1 ? syntax[0]! : new FlowFileErrors(syntax);
  const code = (error as { code?: unknown }).code;
  if (code === "ERR_MODULE_NOT_FOUND" || code === "ERR_UNSUPPORTED_DIR_IMPORT" || code === "ERR_UNKNOWN_FILE_EXTENSION")
    return new DslError(`cannot load ${file}: ${firstLine(error.message)}`);
  const missing = /^The requested module '([^']+)' does not provide an export named '([^']+)'/.exec(error.message);
  if (missing) {
    const [, specifier, name] = missing as unknown as [string, string, string];
    return new DslError(
      `${firstLine(error.message)}${await exportSuggestion(specifier, name)}`,
      linkPosition(error) ?? { file, line: 1, column: 1 },
    );
  }
  if (error.name === "SyntaxError")
    return new DslError(`syntax error: ${firstLine(error.message)}`, linkPosition(error) ?? { file, line: 1, column: 1 });
  return userMistake(error, "the file", { file, line: 1, column: 1 });
}

/** esbuild's "Transform failed with N errors:" lines, `file:line:column: ERROR: text` (column counted from 0). */
function syntaxErrors(error: Error): DslError[] {
  if (!/^Transform failed with \d+ errors?:/.test(error.message)) return [];
  const out: DslError[] = [];
  for (const line of error.message.split("\n").slice(1)) {
    const m = /^(.+?):(\d+):(\d+): (?:ERROR: )?(.*)$/.exec(line);
    if (m) out.push(new DslError(`syntax error: ${m[4]!}`, { file: m[1]!, line: Number(m[2]), column: Number(m[3]) + 1 }));
  }
  return out;
}

/** The position V8 prints first in the stack of a link-time error: `file:///path/x.flow.ts:3`. */
function linkPosition(error: Error): CallSite | undefined {
  const m = /^(file:\/\/\S+?|\/\S+?):(\d+)$/m.exec(error.stack ?? "");
  if (!m) return undefined;
  const file = m[1]!.startsWith("file:") ? fileURLToPath(m[1]!) : m[1]!;
  return { file, line: Number(m[2]), column: 1 };
}

async function exportSuggestion(specifier: string, name: string): Promise<string> {
  if (specifier !== "flocode" && specifier !== "flocode/cards") return "";
  // The names the flow file could import, from the module it imports them from (resolved as it resolves them).
  const names = Object.keys((await import(specifier)) as object);
  return didYouMean(name, names);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

function describeThrown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  return value === null ? "null" : typeof value;
}

function firstLine(s: string): string {
  return s.split("\n").find((l) => l.trim() !== "") ?? s;
}
