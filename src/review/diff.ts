/**
 * Card-level semantic diff of two presentation models.
 *
 * Pipeline:
 *   1. folders, connections and tables, renames paired by what they hold (diff-collections.ts);
 *   2. pair flows: by name, then leftover flows by the shape of their cards (a rename; flow-pairing.ts);
 *   3. pair cards inside each flow pair (card-pairing.ts): leftovers of one kind and name (or content) become
 *      "moved", the rest "added"/"removed";
 *   4. compare paired cards field by field (card-changes.ts);
 *   5. flows kept elsewhere (stubs), by name (diff-collections.ts).
 * Ids never take part (the model has none), so id churn and storage order report nothing.
 */
import { diffConnectionData, diffConnections, diffExternalFlows, diffFolders, diffTables } from "./diff-collections.js";
import type { Change, DiffResult, Renames } from "./diff-types.js";
import { q } from "./diff-text.js";
import { FlowDiff } from "./flow-diff.js";
import { pairFlows } from "./flow-pairing.js";
import type { PackView } from "./view-types.js";

export type { Change, ChangeKind, DiffResult, Renames } from "./diff-types.js";

export function diffPacks(a: PackView, b: PackView): DiffResult {
  const changes: Change[] = [];
  const renames: Renames = { flows: new Map(), folders: new Map(), connections: new Map(), tables: new Map() };
  diffFolders(a, b, renames, changes);
  diffConnections(a, b, renames, changes);
  diffConnectionData(a, b, renames, changes);
  diffTables(a, b, renames, changes);
  const flowPairs = pairFlows(a.flows, b.flows);
  for (const [x, y] of flowPairs.pairs) renames.flows.set(x.name, y.name);
  for (const x of flowPairs.removed) changes.push({ subject: "flow", kind: "removed", flow: x.name, message: `flow ${q(x.name)} removed` });
  for (const y of flowPairs.added) changes.push({ subject: "flow", kind: "added", flow: y.name, message: `flow ${q(y.name)} added` });
  for (const [x, y] of flowPairs.pairs) {
    if (x.name !== y.name)
      changes.push({
        subject: "flow",
        kind: "renamed",
        flow: y.name,
        old: x.name,
        new: y.name,
        message: `flow ${q(x.name)} renamed to ${q(y.name)}`,
      });
    new FlowDiff(x, y, renames, changes).run();
  }
  diffExternalFlows(a, b, renames, changes);
  return { equal: changes.length === 0, changes };
}
