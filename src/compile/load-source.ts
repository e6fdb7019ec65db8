/**
 * Loads a flow or pack file (TypeScript or JavaScript) and returns its default export.
 * TypeScript is compiled by flow-hooks.ts (esbuild, cached on disk); `flocode` imports resolve to this flocode.
 * In watch mode each load of a target is a new revision: the file and every user module it imports are evaluated
 * afresh, and the files it imported are reported (its module graph).
 */
import { register } from "node:module";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MessageChannel, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import { UserError } from "../util/errors.js";
import { loadFailure } from "./user-errors.js";
import { REVISION_PARAM, selfModule, type HooksData } from "./flow-hooks.js";
import { directModuleUrl } from "./direct-module.js";

let imports: MessagePort | undefined;

async function ensureLoaders(): Promise<MessagePort> {
  if (imports) return imports;
  // The DSL and the card factories every flow file imports: loaded now, before the hooks exist, so that their
  // modules do not each make a round trip to the hooks thread. The flow file's `flocode` import finds them loaded.
  await Promise.all(["flocode", "flocode/cards"].map((specifier) => import(selfModule(specifier)!)));
  const { port1, port2 } = new MessageChannel();
  port1.unref();
  process.setSourceMapsEnabled(true);
  const data: HooksData = { port: port2, cacheDir: transformCacheDir() };
  register(new URL("./flow-hooks.js", import.meta.url), { data, transferList: [port2] });
  imports = port1;
  return port1;
}

/** Compiled TypeScript, per user (FLOCODE_CACHE_DIR overrides; FLOCODE_CACHE_DIR="" turns the cache off). */
function transformCacheDir(): string | undefined {
  const set = process.env.FLOCODE_CACHE_DIR;
  if (set !== undefined) return set === "" ? undefined : set;
  let user: string;
  try {
    user = String(userInfo().uid);
  } catch {
    user = "user";
  }
  return join(tmpdir(), `flocode-${user}`, "transform");
}

let revisions = 0;

export interface LoadOptions {
  /** Evaluate the file and the user modules it imports again, even when loaded before (watch mode). */
  fresh?: boolean;
  /** Receives each file this load imported from a user module (absolute paths): the target's module graph. */
  onImport?: (parent: string, child: string) => void;
}

export async function loadDefaultExport(file: string, options: LoadOptions = {}): Promise<unknown> {
  // A flow file compiled before that imports only flocode loads without the hooks (direct-module.ts).
  const direct = imports || options.fresh || options.onImport ? undefined : directModuleUrl(file, transformCacheDir());
  if (direct !== undefined) process.setSourceMapsEnabled(true);
  const port = direct === undefined ? await ensureLoaders() : undefined;
  if (port) drainImports(port, undefined);
  const url = direct ?? pathToFileURL(file).href + (options.fresh ? `?${REVISION_PARAM}=${++revisions}` : "");
  let mod: { default?: unknown };
  try {
    mod = (await import(url)) as { default?: unknown };
  } catch (error) {
    if (port) drainImports(port, options.onImport);
    if (isUserFacing(error)) throw error;
    // A syntax error, a misspelled import, an error thrown by the file's own code: the user's mistake, at its place.
    const mistake = await loadFailure(error, file);
    if (!mistake) throw error;
    throw mistake;
  }
  if (port) drainImports(port, options.onImport);
  if (mod.default === undefined) throw new UserError(`${file}: has no default export (export default flow({...}) or pack({...}))`, 1);
  return mod.default;
}

/** The hooks thread posts each import before it answers the resolution, so all of them are queued by now. */
function drainImports(port: MessagePort, onImport: LoadOptions["onImport"]): void {
  for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
    const { parent, child } = m.message as { parent: string; child: string };
    onImport?.(fileURLToPath(parent), fileURLToPath(child));
  }
}

/** Errors flocode raised on purpose (a DslError in a flow body), whichever module instance threw them. */
export function isUserFacing(error: unknown): error is UserError {
  return (
    error instanceof Error &&
    (error.name === "DslError" || error.name === "UserError" || error.name === "FlowFileErrors") &&
    typeof (error as UserError).exitCode === "number"
  );
}
