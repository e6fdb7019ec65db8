/**
 * Loads a flow or pack file (TypeScript or JavaScript) and returns its default export.
 * TypeScript is compiled on the fly by tsx; `flocode` imports resolve to this flocode (see self-resolve-hooks).
 */
import { register } from "node:module";
import { pathToFileURL } from "node:url";
import { UserError } from "../util/errors.js";
import { loadFailure } from "./user-errors.js";

let registered = false;

async function ensureLoaders(): Promise<void> {
  if (registered) return;
  registered = true;
  register(new URL("./self-resolve-hooks.js", import.meta.url));
  const tsx = await import("tsx/esm/api");
  tsx.register();
  // Registered last, so it resolves first: `flocode` must mean this flocode even where a tsconfig's `paths`
  // (which tsx follows) map it elsewhere, e.g. to the sources of a flocode checkout. One module instance.
  register(new URL("./self-first-hooks.js", import.meta.url));
}

export async function loadDefaultExport(file: string): Promise<unknown> {
  await ensureLoaders();
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    if (isUserFacing(error)) throw error;
    // A syntax error, a misspelled import, an error thrown by the file's own code: the user's mistake, at its place.
    const mistake = await loadFailure(error, file);
    if (!mistake) throw error;
    throw mistake;
  }
  if (mod.default === undefined) throw new UserError(`${file}: has no default export (export default flow({...}) or pack({...}))`, 1);
  return mod.default;
}

/** Errors flocode raised on purpose (a DslError in a flow body), whichever module instance threw them. */
export function isUserFacing(error: unknown): error is UserError {
  return (
    error instanceof Error &&
    (error.name === "DslError" || error.name === "UserError" || error.name === "FlowFileErrors") &&
    typeof (error as UserError).exitCode === "number"
  );
}
