/**
 * Loads a flow or pack file (TypeScript or JavaScript) and returns its default export.
 * TypeScript is compiled on the fly by tsx; `flocode` imports resolve to this flocode (see self-resolve-hooks).
 */
import { register } from "node:module";
import { pathToFileURL } from "node:url";
import { UserError } from "../util/errors.js";

let registered = false;

async function ensureLoaders(): Promise<void> {
  if (registered) return;
  registered = true;
  register(new URL("./self-resolve-hooks.js", import.meta.url));
  const tsx = await import("tsx/esm/api");
  tsx.register();
}

export async function loadDefaultExport(file: string): Promise<unknown> {
  await ensureLoaders();
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    if (isUserFacing(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new UserError(`${file}: cannot load: ${firstLine(message)}`, 1);
  }
  if (mod.default === undefined) throw new UserError(`${file}: has no default export (export default flow({...}) or pack({...}))`, 1);
  return mod.default;
}

/** Errors flocode raised on purpose (a DslError in a flow body), whichever module instance threw them. */
export function isUserFacing(error: unknown): error is UserError {
  return (
    error instanceof Error && (error.name === "DslError" || error.name === "UserError") && typeof (error as UserError).exitCode === "number"
  );
}

function firstLine(s: string): string {
  return s.split("\n").find((l) => l.trim() !== "") ?? s;
}
