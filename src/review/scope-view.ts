/**
 * The cards of one scope as a reviewer reads them: lift's structure recovery walks the scope (in content order,
 * hidden Object Expand cards left out), and each walked card becomes a view with its place (`location`), nested in
 * the blocks of its If/Else (branch heads are not shown) and of its inline flows (If/ElseIf, If Error, For Each).
 * Cards the walk cannot reach are kept in `unreachable`, free-standing comments in `notes`.
 */
import { indexScope, recoverStructure, type StructureStep } from "../lift/structure.js";
import { isKernel } from "./address.js";
import { commentText, newCard } from "./card-view.js";
import { sortedEntries } from "./entries.js";
import { compareStrings, get, getPath, isObject, str } from "./json.js";
import { branchGroupLabels } from "./labels.js";
import { DANGLING_EDGE, displayName, indexRawScope, methodKind, structureScope, type RawCard, type RawScope } from "./raw-scope.js";
import { reviewOrder } from "./scope-order.js";
import type { FlowContext } from "./view-context.js";
import type { Block, Card } from "./view-types.js";

export interface WalkedScope {
  root: Card | null;
  steps: Card[];
  unreachable: Card[];
  notes: string[];
}

const isExpand = (card: RawCard): boolean => isKernel(methodKind(card.method), "object", "expand");

export function walkScope(scope: RawScope, flow: FlowContext, location: string, topLevel: boolean): WalkedScope {
  const index = indexScope(structureScope(scope, flow.anomalies), isExpand);
  for (let i = 0; i < index.dangling; i++) flow.anomalies.push(DANGLING_EDGE);
  const structure = recoverStructure(index, reviewOrder(scope, index, flow.pack));
  if (structure.starts.length > 1) flow.anomalies.push("more than one start card");
  if (structure.starts.length === 0 && scope.methods.size > 0) flow.anomalies.push("no start card");

  const makeCard = (step: StructureStep<RawCard>, loc: string): Card => {
    const card = newCard(step.card.method, loc, flow.pack);
    flow.sources.set(card, { method: step.card.method, scope });
    scope.views.set(step.card.ref, card);
    flow.order.push(card);
    card.blocks = inlineBlocks(step.card.method, card, scope, flow, loc);
    for (const block of step.blocks) {
      const value = block.branch.value;
      const label = value === true ? "then" : value === false ? "else" : `branch ${String(value)}`;
      card.blocks.push({ label, root: null, steps: cardsOf(block.steps, joinLocation(card.location, label)), unreachable: [] });
    }
    return card;
  };
  // If/Else branch heads (No-op cards) are not shown: their block is what follows them.
  const isShown = (step: StructureStep<RawCard>): boolean =>
    !(index.isBranchHead(step.card.ref) && isKernel(methodKind(step.card.method), "control", "noop") && step.blocks.length === 0);
  const cardsOf = (steps: ReadonlyArray<StructureStep<RawCard>>, loc: string): Card[] => {
    const cards: Card[] = [];
    for (const step of steps) if (isShown(step)) cards.push(makeCard(step, joinLocation(loc, `step ${cards.length + 1}`)));
    return cards;
  };

  let root: Card | null = null;
  let steps: Card[] = [];
  if (structure.root) {
    scope.rootUuid = structure.root.card.ref;
    root = makeCard(structure.root, topLevel ? "trigger" : joinLocation(location, "start"));
    steps = cardsOf(structure.steps, location);
  }
  const notes = structure.notes
    .map((n) => commentText(get(getPath(n.method, "node", "model"), "comments")) ?? displayName(n.method))
    .sort(compareStrings);
  const unreachable = structure.unreachable.flatMap((walk) => cardsOf(walk, joinLocation(location, "unreachable")));
  if (unreachable.length > 0) flow.anomalies.push("cards that cannot be reached from the start card");
  // Hidden expand cards get a view too (never shown) so that wires through them resolve.
  for (const [uuid, m] of scope.methods) {
    if (!isKernel(methodKind(m), "object", "expand")) continue;
    const card = newCard(m, "", flow.pack);
    card.pos = -1;
    scope.views.set(uuid, card);
  }
  return { root, steps, unreachable, notes };
}

function joinLocation(prefix: string, segment: string): string {
  return prefix === "" ? segment : `${prefix} / ${segment}`;
}

/** Nested inline flows of a card: If/ElseIf branches, If Error try + handler, inline For Each. */
function inlineBlocks(m: unknown, card: Card, scope: RawScope, flow: FlowContext, loc: string): Block[] {
  const blocks: Block[] = [];
  const kind = card.kind;
  const groupLabels = isKernel(kind, "control", "branch") ? branchGroupLabels(flow.pack, m) : null;
  for (const entry of sortedEntries(flow.pack, getPath(m, "node", "model", "inputs", "data"))) {
    const value = get(entry, "value");
    const data = get(value, "data");
    if (get(value, "type") !== "flo" || !isObject(data)) continue;
    const group = str(get(entry, "group"));
    const label = groupLabels
      ? (groupLabels.get(group ?? "") ?? "branch")
      : isKernel(kind, "control", "tryCatch")
        ? "try"
        : `flow (${str(get(entry, "key")) ?? "?"})`;
    blocks.push(inlineBlock(data, label, card, m, scope, flow, loc));
  }
  const policyFlo = getPath(m, "node", "model", "policy", "error", "flo");
  if (isObject(policyFlo)) blocks.push(inlineBlock(policyFlo, "on error", card, m, scope, flow, loc));
  return blocks;
}

function inlineBlock(
  fd: unknown,
  label: string,
  owner: Card,
  ownerMethod: unknown,
  parent: RawScope,
  flow: FlowContext,
  loc: string,
): Block {
  const scope = indexRawScope(fd, parent, owner, ownerMethod, flow.anomalies);
  const walked = walkScope(scope, flow, joinLocation(loc, label), false);
  if (walked.root) {
    walked.root.pos = -1;
    flow.pack.aliases.set(walked.root, owner);
    flow.order.splice(flow.order.indexOf(walked.root), 1);
  }
  return { label, root: walked.root, steps: walked.steps, unreachable: walked.unreachable };
}
