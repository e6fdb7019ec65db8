/** `flow()` and `pack()`: what flow files and pack files default-export. */
import { DslError } from "./errors.js";
import type { FlowBuilder } from "./builder.js";
import { describeValue as describe, plainValueProblem } from "./plain-value.js";
import { userCallSite } from "./site.js";
import type { Connection, ExternalFlow, FlowDef, FlowOptions, FlowRefLike, Folder, Input, Table } from "./types.js";

export type FlowBody<O = Record<never, never>> = (f: FlowBuilder<O>) => Record<string, Input<unknown>> | void;

/**
 * A flow. `body` places the cards after the trigger, in order; it may return values (a helper flow's
 * result), which become a Return card.
 */
export function flow<O = Record<never, never>>(options: FlowOptions<O>, body?: FlowBody<O>): FlowDef {
  const site = userCallSite();
  if (!options || typeof options !== "object")
    throw new DslError("flow() takes its options first: flow({ name, trigger }, (f) => {...})", site);
  if (typeof options.name !== "string" || options.name.trim() === "")
    throw new DslError(
      `flow() needs a name (a non-empty string)${options.name === undefined ? "" : `, got ${describe(options.name)}`}`,
      site,
    );
  const what = `flow ${JSON.stringify(options.name)}`;
  if (options.description !== undefined && typeof options.description !== "string")
    throw new DslError(`${what}: description must be a string, got ${describe(options.description)}`, site);
  if (options.saveAllData !== undefined && typeof options.saveAllData !== "boolean")
    throw new DslError(`${what}: saveAllData must be true or false, got ${describe(options.saveAllData)}`, site);
  const raw = plainValueProblem(options.raw, "raw");
  if (raw !== undefined) throw new DslError(`${what}: ${raw}`, site);
  if (!options.trigger || typeof options.trigger !== "object") {
    throw new DslError(
      `flow ${JSON.stringify(options.name)} needs a trigger: schedule.weekly(...), apiEndpoint(), helperFlow(), event(...) or manual()`,
      site,
    );
  }
  return Object.freeze({ kind: "flow" as const, options: options as FlowOptions<unknown>, body: body as FlowDef["body"], site });
}

/** A flow of the same pack by name (when importing it would make a cycle). */
export function flowNamed(name: string): FlowRefLike {
  return Object.freeze({ kind: "flowName" as const, name });
}

/**
 * A flow kept outside this pack (maintained in another pack, or only in the Okta org), called by its name:
 * `f.add(kernel.control.callFlow({ flo: externalFlow("Send Slack Message") }))`. The built file holds its stub
 * (`{ id, name, description, data: null }`), as Okta's own .flow and .folder exports do for the flows they call
 * but do not hold; the import checklist says to import that flow into the org first.
 */
export function externalFlow(name: string, options: { description?: string } = {}): ExternalFlow {
  const site = userCallSite();
  if (typeof name !== "string" || name.trim() === "") throw new DslError("externalFlow() needs the flow's name", site);
  const description = options?.description ?? "";
  if (typeof description !== "string") throw new DslError(`externalFlow ${JSON.stringify(name)}: description must be text`, site);
  return Object.freeze({ kind: "externalFlow" as const, name, description, site });
}

export interface PackOptions {
  /** The flopack's file name (without `.flopack`); default: the folder's name. */
  name?: string;
  /** The flows of the pack, helper flows included (helpers referenced by a flow are added anyway). */
  flows: readonly FlowDef[];
  /** Folders to write even when no flow or table is in them. */
  folders?: readonly Folder[];
  tables?: readonly Table[];
  /** Connections to declare even when no card uses them. */
  connections?: readonly Connection[];
  /** Flows kept outside the pack whose stubs to write even when no flow calls them (`externalFlow(...)`). */
  externalFlows?: readonly ExternalFlow[];
  /** Pack fields written verbatim (escape hatch used by import): `data.projectOverview`. */
  raw?: { projectOverview?: unknown };
}

export interface PackDef {
  readonly kind: "pack";
  readonly options: PackOptions;
  readonly site?: ReturnType<typeof userCallSite>;
}

/** Several flows (with their helpers, folders and tables) built into one flopack: a folder's `pack.ts`. */
export function pack(options: PackOptions): PackDef {
  const site = userCallSite();
  if (!options || !Array.isArray(options.flows)) throw new DslError("pack() needs flows: [...]", site);
  if (options.name !== undefined && (typeof options.name !== "string" || options.name.trim() === ""))
    throw new DslError(`pack(): name must be a non-empty string, got ${describe(options.name)}`, site);
  const raw = plainValueProblem(options.raw, "raw");
  if (raw !== undefined) throw new DslError(`pack(): ${raw}`, site);
  return Object.freeze({ kind: "pack" as const, options, site });
}
