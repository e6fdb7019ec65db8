/**
 * diff and show see every change to what a card's inputs and fields hold. Over flopacks flocode builds (flows/)
 * and the real exports (FLOCODE_CORPUS), a random change of one card entry (the domain below), one that alters the
 * flopack beyond ids and storage order (`normaliseFlopack` differs), must make `diff` report a change naming the
 * card and the field, and must change `show`'s text. And constant objects (a Tables filter expression, an object
 * constant) mean the same whatever the order of their keys: a copy with every such object's keys reordered shows
 * byte for byte the same, and diff finds nothing.
 *
 * The domain, per card (inline flows' cards included; hidden entries such as wormhole ends and Tables filter
 * fields, which only carry what a visible entry says, and the start cards of inline flows, which Okta fills, aside):
 * - the data of an input or option that no wire feeds (its constant);
 * - the list item field a For Each / Map argument takes (`value.proxy.path`, `fromItem` in the DSL);
 * - the type or list flag of a field the author added (`metadata.custom`: parameters, arguments, Assign, Return,
 *   If Error and Call Flow fields), on either side;
 * - the key of such a field, or the field itself (removed, when nothing is wired to or from it);
 * - the type, key or presence of what Okta puts in a start card's context (group "context": a scheduled flow's
 *   Current Time, a helper flow's index, parent and error, Execution ID), on either side.
 * Template entries' types are the card's own shape (the catalog's), not part of the domain.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { diffPacks } from "../../src/review/diff.js";
import { buildPackView } from "../../src/review/pack-view.js";
import { renderShow } from "../../src/review/show.js";
import { runCli } from "../support/cli.js";
import { corpus } from "../support/corpus.js";
import { normaliseFlopack } from "../support/normalise.js";

type Obj = Record<string, any>;
const runs = Number(process.env.FLOCODE_FUZZ_RUNS ?? 300);
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (doc: unknown) => renderShow(buildPackView(doc));

/** One entry of one card, as the mutations find it. */
interface Site {
  card: Obj;
  /** The start card of an inline flow (If Error block, If/ElseIf branch, event body): what Okta passes in. */
  inlineStart: boolean;
  /** The card a change must be reported on: the card, or for an event flow's hidden wrapper the event card. */
  shownAs: string;
  side: "inputs" | "outputs";
  /** The card is in the flow itself, not in an inline flow. */
  topLevel: boolean;
  id: string;
  entry: Obj;
  wired: boolean;
}

/** Every card of every flow, inline flows included, with its entries and whether a wire touches each. */
function sitesOf(doc: Obj): Site[] {
  const sites: Site[] = [];
  const visitScope = (scope: Obj, depth: number): void => {
    if (depth > 20 || !Array.isArray(scope.methods)) return;
    const wired = new Set<string>();
    const feeders = new Map<string, string>();
    for (const m of scope.methods.filter(isObj)) {
      for (const [out, targets] of Object.entries(isObj(m.pins) ? m.pins : {})) {
        wired.add(`${m.uuid}/outputs/${out}`);
        for (const [target, list] of Object.entries(isObj(targets) ? targets : {})) {
          feeders.set(target, String(m.node?.data?.name ?? ""));
          for (const p of Array.isArray(list) ? list : []) if (isObj(p)) wired.add(`${target}/inputs/${String(p.input)}`);
        }
      }
    }
    for (const m of scope.methods.filter(isObj)) {
      const model = m.node?.model;
      if (!isObj(model)) continue;
      for (const side of ["inputs", "outputs"] as const) {
        const data = model[side]?.data;
        if (!isObj(data)) continue;
        for (const [id, entry] of Object.entries(data)) {
          if (!isObj(entry)) continue;
          const inlineStart = depth > 0 && String(m.address).endsWith(":control:0.0.1:callable");
          // An event flow is stored as [event card → For Each - Ignore Errors holding the body]; show folds the wrapper into the trigger.
          const eventWrapper =
            depth === 0 && scope.methods.length === 2 && String(m.address).endsWith(":list:0.0.1:asyncEach") && feeders.has(String(m.uuid));
          const shownAs = eventWrapper ? feeders.get(String(m.uuid))! : String(m.node?.data?.name ?? "");
          sites.push({
            card: m,
            inlineStart,
            shownAs,
            side,
            topLevel: depth === 0,
            id,
            entry,
            wired: wired.has(`${m.uuid}/${side}/${id}`),
          });
          if (entry.value?.type === "flo" && isObj(entry.value.data)) visitScope(entry.value.data, depth + 1);
        }
      }
      const handler = model.policy?.error?.flo;
      if (isObj(handler)) visitScope(handler, depth + 1);
    }
  };
  for (const flow of Object.values<Obj>(isObj(doc.data?.flos) ? doc.data.flos : {})) if (isObj(flow?.data)) visitScope(flow.data, 0);
  return sites;
}

const hidden = (e: Obj): boolean =>
  e.metadata?.forceHide === true || e.metadata?.wormholeMethodId !== undefined || e.group === "_expr" || e.group === "context";
const isCustom = (e: Obj): boolean => e.metadata?.custom === true && !hidden(e);
const isPlaceholderCard = (card: Obj): boolean => /:(string:0\.0\.1:compose|math:0\.0\.1:expression)$/.test(String(card.address));
const wiredAnywhere = (s: Site): boolean => s.wired;
/** What Okta puts in a start card's context (a scheduled flow's Current Time, a helper flow's index, Execution ID). */
const isStartContext = (s: Site): boolean =>
  s.topLevel && s.entry.group === "context" && s.entry.metadata?.forceHide !== true && s.entry.metadata?.wormholeMethodId === undefined;
const TYPES = ["string", "number", "boolean", "object", "Date"];
const changeType = (value: Obj, n: number): void => {
  if (n % 3 === 0) value.collection = value.collection !== true;
  else value.type = TYPES.find((t, i) => t !== value.type && i >= n % TYPES.length) ?? TYPES.find((t) => t !== value.type);
};

type Mutation = { kind: string; applies: (s: Site) => boolean; apply: (s: Site, n: number) => void };

const MUTATIONS: Mutation[] = [
  {
    kind: "constant",
    applies: (s) => s.side === "inputs" && !s.wired && !hidden(s.entry) && isObj(s.entry.value) && s.entry.value.type !== "flo",
    apply: (s, n) => {
      const values = [`changed-${n}`, n + 0.5, n % 2 === 0, { changed: n }, [`item-${n}`]];
      const old = JSON.stringify(s.entry.value.data);
      s.entry.value.data = values.find((v) => JSON.stringify(v) !== old)!;
    },
  },
  {
    kind: "fromItem",
    applies: (s) => s.side === "inputs" && isObj(s.entry.value?.proxy),
    apply: (s, n) => {
      const proxy = s.entry.value.proxy;
      const paths = ["", `field${n}`, "Row ID", `a.b${n}`];
      proxy.path = paths.find((p) => p !== proxy.path)!;
      proxy.dynamic = true;
    },
  },
  {
    kind: "type",
    applies: (s) => isCustom(s.entry) && !isPlaceholderCard(s.card) && isObj(s.entry.value),
    apply: (s, n) => changeType(s.entry.value, n),
  },
  {
    kind: "key",
    applies: (s) => isCustom(s.entry) && !isPlaceholderCard(s.card) && typeof s.entry.key === "string",
    apply: (s, n) => {
      s.entry.key = `${s.entry.key as string} renamed${n}`;
    },
  },
  {
    kind: "removed",
    applies: (s) => isCustom(s.entry) && !isPlaceholderCard(s.card) && !wiredAnywhere(s),
    apply: (s) => {
      delete s.card.node.model[s.side].data[s.id];
    },
  },
  {
    kind: "start card context type",
    applies: (s) => isStartContext(s) && isObj(s.entry.value),
    apply: (s, n) => changeType(s.entry.value, n),
  },
  {
    kind: "start card context key",
    applies: (s) => isStartContext(s) && typeof s.entry.key === "string",
    apply: (s, n) => {
      s.entry.key = `${s.entry.key as string}_renamed${n}`;
    },
  },
  {
    kind: "start card context removed",
    applies: (s) => isStartContext(s) && !wiredAnywhere(s),
    apply: (s) => {
      delete s.card.node.model[s.side].data[s.id];
    },
  },
];

/** The flopacks: flocode's builds of flows/, and the real exports when FLOCODE_CORPUS names them. */
function packTexts(builtDir: string): Array<{ name: string; text: string }> {
  const built = readdirSync(builtDir).map((f) => ({ name: `built ${f}`, text: readFileSync(join(builtDir, f), "utf8") }));
  const real = (corpus()?.files ?? []).map((f) => ({ name: f, text: readFileSync(f, "utf8") }));
  return [...built, ...real];
}

describe("diff and show see every change to a card's inputs and fields", () => {
  let packs: Array<{ name: string; text: string; shown: string; normal: string; sites: number }> = [];

  beforeAll(() => {
    const out = join(mkdtempSync(join(tmpdir(), "flocode-sees-")), "dist");
    const r = runCli(["build", "flows", "--out", out, "--no-checklist"]);
    expect(r.status, r.stderr).toBe(0);
    packs = packTexts(out).map((p) => {
      const doc = JSON.parse(p.text) as Obj;
      return { ...p, shown: show(doc), normal: JSON.stringify(normaliseFlopack(doc)), sites: sitesOf(doc).length };
    });
  }, 120_000);

  it("reports every change in the domain: diff names the card and the field, show's text changes", () => {
    const found: string[] = [];
    const arb = fc.record({
      pack: fc.nat(),
      site: fc.nat(),
      mutation: fc.nat({ max: MUTATIONS.length - 1 }),
      n: fc.nat({ max: 1000 }),
    });
    fc.assert(
      fc.property(arb, ({ pack: pi, site: si, mutation: mi, n }) => {
        const pack = packs[pi % packs.length]!;
        const doc = JSON.parse(pack.text) as Obj;
        const mutation = MUTATIONS[mi]!;
        const candidates = sitesOf(doc).filter((s) => !s.inlineStart && mutation.applies(s));
        fc.pre(candidates.length > 0);
        const site = candidates[si % candidates.length]!;
        const cardName = site.shownAs;
        const key = String(site.entry.key);
        const label = String(site.entry.metadata?.displayname ?? key);
        mutation.apply(site, n);
        fc.pre(JSON.stringify(normaliseFlopack(doc)) !== pack.normal);
        const where = `${pack.name}: ${mutation.kind} of ${site.side} ${JSON.stringify(key)} of card ${JSON.stringify(cardName)}`;
        const result = diffPacks(buildPackView(JSON.parse(pack.text)), buildPackView(doc));
        const named = result.changes.some(
          (c) =>
            ((c.card ?? "").startsWith(cardName === "" ? "(unnamed" : cardName) &&
              // A Compose / Expression placeholder is shown inside the card's text: a change to it is a change of the text.
              isPlaceholderCard(site.card) &&
              c.kind === "text") ||
            [key, label, site.entry.value?.proxy?.path].some(
              (k) => typeof k === "string" && k !== "" && (c.field === k || c.message.includes(k)),
            ),
        );
        if (!named) found.push(`${where}: diff says ${JSON.stringify(result.changes.map((c) => c.message))}`);
        else if (show(doc) === pack.shown) found.push(`${where}: show's text is unchanged`);
      }),
      { numRuns: runs, seed: Number(process.env.FLOCODE_FUZZ_SEED ?? 11) },
    );
    expect(found.slice(0, 15)).toEqual([]);
  }, 600_000);

  it("shows a constant object the same whatever the order of its keys (Tables filters included)", () => {
    const reorder = (v: unknown, seed: number): unknown => {
      if (Array.isArray(v)) return v.map((x) => reorder(x, seed + 1));
      if (!isObj(v)) return v;
      const keys = Object.keys(v);
      const rotated = [...keys.slice(seed % Math.max(keys.length, 1)), ...keys.slice(0, seed % Math.max(keys.length, 1))].reverse();
      return Object.fromEntries(rotated.map((k) => [k, reorder(v[k], seed + 1)]));
    };
    let objects = 0;
    const differs: string[] = [];
    for (const [i, pack] of packs.entries()) {
      const doc = JSON.parse(pack.text) as Obj;
      for (const s of sitesOf(doc)) {
        const data = s.entry.value?.data;
        if (s.side !== "inputs" || !isObj(s.entry.value) || s.entry.value.type === "flo" || !(isObj(data) || Array.isArray(data))) continue;
        s.entry.value.data = reorder(data, i);
        objects++;
      }
      if (show(doc) !== pack.shown) differs.push(pack.name);
      if (!diffPacks(buildPackView(JSON.parse(pack.text)), buildPackView(doc)).equal) differs.push(`${pack.name} (diff)`);
    }
    expect(objects).toBeGreaterThan(0);
    expect(differs).toEqual([]);
  }, 300_000);
});
