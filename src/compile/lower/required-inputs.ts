/** A required input of a card that is neither set, wired, nor filled in by its template is a mistake naming it. */
import type { Recording } from "../../dsl/recording.js";
import { DslError } from "../../dsl/errors.js";
import { dataOf, entryRefKey, isEmpty } from "../../shapes/entries.js";
import { isObject } from "../../util/json.js";
import type { FlowState } from "./state.js";

export function checkRequiredInputs(state: FlowState, recording: Recording): void {
  const pinned = new Set<string>();
  for (const l of state.lowered.values())
    for (const p of l.card.pins) pinned.add(`${p.target}\u0000${p.input.group}\u0000${p.input.key}\u0000${p.input.nth ?? 0}`);
  for (const node of recording.nodes) {
    const l = state.lowered.get(node)!;
    if (l.failed || l.incomplete) continue;
    for (const x of l.inputs) {
      const e = x.entry;
      if (e.required !== true || e.flags === "p" || (isObject(e.metadata) && e.metadata.custom === true)) continue;
      const r = x.ref;
      const set = l.given.has(entryRefKey(r));
      if (!set && !pinned.has(`${l.card.ref}\u0000${r.group}\u0000${r.key}\u0000${r.nth ?? 0}`) && isEmpty(dataOf(e))) {
        state.pack.diagnostics.report(
          new DslError(
            `card ${JSON.stringify(l.card.name)} in flow ${JSON.stringify(state.name)} is missing the required input ${JSON.stringify(r.key)}`,
            node.spec.site,
          ),
        );
      }
    }
  }
}
