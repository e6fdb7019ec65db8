/** Which flow of one pack is which flow of the other: by name, then leftover flows by the shape of their cards (a rename). */
import { kindKey } from "./address.js";
import { compareStrings } from "./json.js";
import type { FlowView } from "./view-types.js";

function kindSequence(flow: FlowView): string[] {
  return [flow.triggerKind, ...flow.cards.map((c) => kindKey(c.kind))];
}

export function pairFlows(a: FlowView[], b: FlowView[]): { pairs: Array<[FlowView, FlowView]>; removed: FlowView[]; added: FlowView[] } {
  const pairs: Array<[FlowView, FlowView]> = [];
  const restB = [...b];
  const restA: FlowView[] = [];
  for (const x of a) {
    const i = restB.findIndex((y) => y.name === x.name);
    if (i >= 0) pairs.push([x, restB.splice(i, 1)[0]!]);
    else restA.push(x);
  }
  // Renames: leftover flows with the same trigger kind and mostly the same cards.
  const candidates: Array<{ x: FlowView; y: FlowView; score: number }> = [];
  for (const x of restA)
    for (const y of restB) {
      if (x.triggerKind !== y.triggerKind) continue;
      const sx = kindSequence(x);
      const sy = kindSequence(y);
      const score = lcsLength(sx, sy) / Math.max(sx.length, sy.length, 1);
      if (score >= 0.6) candidates.push({ x, y, score });
    }
  candidates.sort((p, r) => r.score - p.score || compareStrings(p.x.name, r.x.name) || compareStrings(p.y.name, r.y.name));
  const usedA = new Set<FlowView>();
  const usedB = new Set<FlowView>();
  for (const c of candidates) {
    if (usedA.has(c.x) || usedB.has(c.y)) continue;
    usedA.add(c.x);
    usedB.add(c.y);
    pairs.push([c.x, c.y]);
  }
  pairs.sort((p, r) => compareStrings(p[1].name, r[1].name));
  return { pairs, removed: restA.filter((x) => !usedA.has(x)), added: restB.filter((y) => !usedB.has(y)) };
}

function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let prev = 0;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = a[i - 1] === b[j - 1] ? prev + 1 : Math.max(row[j]!, row[j - 1]!);
      prev = tmp;
    }
  }
  return row[b.length]!;
}
