/**
 * Two flows of one name: an error, unless the second is a copy of the first (an export may hold the same flow
 * twice, both exported by Okta with the same content under two ids). A copy is marked `copyOf` and emit writes
 * it as the first flow with its own id.
 */
import type { IrFlow } from "../../ir/types.js";
import { DslError } from "../../dsl/errors.js";
import type { FlowDef } from "../../dsl/types.js";

export function markCopies(flows: IrFlow[], defs: readonly FlowDef[]): IrFlow[] {
  const first = new Map<string, IrFlow>();
  return flows.map((flow, i) => {
    const original = first.get(flow.name);
    if (!original) {
      first.set(flow.name, flow);
      return flow;
    }
    if (contentOf(original) !== contentOf(flow))
      throw new DslError(
        `two flows are named ${JSON.stringify(flow.name)}; flow names must be unique in a pack (unless one is an exact copy of the other)`,
        defs[i]?.site,
      );
    return { ...flow, copyOf: original.ref };
  });
}

/** The flow without its own ref. */
function contentOf(flow: IrFlow): string {
  return JSON.stringify({ ...flow, ref: "" });
}
