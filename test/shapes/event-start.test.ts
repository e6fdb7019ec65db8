/**
 * The proof of src/shapes/event-start.ts: for every real event flow of the corpus ([event card → For Each - Ignore
 * Errors], FLOPACK.md §3.10), the start card derived from the event card alone is the real start card of the body,
 * field by field (ids, the uuid, and the body's wires — `pins` and the `_used` marks they leave — aside).
 *
 * Over both corpus folders: 57 event flows, 49 identical, 8 that differ only where the flow's author changed the
 * start card in the designer (each kind below, with how many). A difference of any other kind fails the test.
 */
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { eventStartFields, eventStartTemplate } from "../../src/shapes/event-start.js";
import { ASYNC_EACH_ADDRESS, CALLABLE_ADDRESS } from "../../src/shapes/known-cards.js";
import { isObject, type Json, type JsonObject } from "../../src/util/json.js";
import { corpus, readCorpusJson } from "../support/corpus.js";

const c = corpus();

/** A real event flow: its event card and the start card of its body. */
interface EventFlow {
  where: string;
  event: JsonObject;
  start: JsonObject;
}

function eventFlows(files: readonly string[]): EventFlow[] {
  const out: EventFlow[] = [];
  for (const file of files) {
    const pack = readCorpusJson(file);
    for (const flo of Object.values<JsonObject>(pack.data.flos)) {
      const methods = isObject(flo.data) && Array.isArray(flo.data.methods) ? (flo.data.methods as JsonObject[]) : [];
      const event = methods.find((m) => isObject(m.node) && isObject(m.node.model) && m.node.model.webhookList === true);
      if (!event) continue;
      const wrapper = methods.find((m) => m.address === ASYNC_EACH_ADDRESS)!;
      const flo2 = Object.values((wrapper.node as any).model.inputs.data as Record<string, JsonObject>).find((e) => e.key === "flo")!;
      const start = ((flo2.value as any).data.methods as JsonObject[]).find((m) => m.address === CALLABLE_ADDRESS)!;
      out.push({ where: `${basename(file)}#${String(flo.name)}`, event, start });
    }
  }
  return out;
}

/** The card without what the body writes into it (uuid, pins, `_used`) and with its entries as lists (no ids). */
function comparable(card: JsonObject): JsonObject {
  const out = structuredClone(card) as any;
  delete out.uuid;
  delete out.pins;
  for (const side of ["inputs", "outputs"]) {
    const s = out.node.model[side];
    s.data = Object.values(s.data).map((e: any) => {
      const { id: _id, _used: _u, ...rest } = e;
      return rest;
    });
  }
  return out;
}

/** Every path where two JSON values differ (a key present on one side only included). */
function differences(a: Json | undefined, b: Json | undefined, path = ""): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    const order = Object.keys(a).join() === Object.keys(b).join() ? [] : [`${path} (key order)`];
    return [...order, ...keys.flatMap((k) => differences(a[k], b[k], `${path}.${k}`))];
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.flatMap((x, i) => differences(x, b[i], `${path}[${i}]`));
  return [path];
}

/**
 * What an author can change on the start card in the designer, by the path where it shows. `type` is only an
 * author's change when one side is a plain `object` (a schema given to it, or taken from it): the test checks.
 */
const AUTHOR_CHANGES: Array<{ kind: string; path: RegExp }> = [
  {
    kind: "an object output folded or unfolded (metadata.collapsed)",
    path: /^\.node\.model\.(inputs|outputs)\.data\[\d+\]\.metadata(\.collapsed| \(key order\))$/,
  },
  {
    kind: "a schema given to (or taken from) an object output",
    path: /^\.node\.model\.(inputs|outputs)\.data\[\d+\]\.value\.type(\..*)?$/,
  },
];

function authorChange(derived: JsonObject, real: JsonObject, path: string): string | undefined {
  const change = AUTHOR_CHANGES.find((x) => x.path.test(path));
  if (!change) return undefined;
  const [, side, index] = /^\.node\.model\.(inputs|outputs)\.data\[(\d+)\]/.exec(path)!;
  const entry = (card: JsonObject) => ((card.node as any).model[side!].data as any[])[Number(index)];
  const [d, r] = [entry(derived), entry(real)];
  if (change.path === AUTHOR_CHANGES[0]!.path) {
    const { collapsed, ...rest } = r.metadata;
    return typeof collapsed === "boolean" && JSON.stringify(rest) === JSON.stringify(d.metadata) ? change.kind : undefined;
  }
  const plainObject = (t: Json) => t === "object" || (isObject(t) && Object.values(t).some((f) => isObject(f) && f.type === "object"));
  return d.key === r.key && (plainObject(d.value.type) || plainObject(r.value.type)) ? change.kind : undefined;
}

describe.skipIf(!c)("an event flow's start card is derived from its event card", () => {
  const flows = eventFlows(c?.files ?? []);

  it("for every real event flow: identical but for its author's changes in the designer", () => {
    expect(flows.length).toBeGreaterThan(0);
    const identical: string[] = [];
    const changed = new Map<string, string[]>();
    const unexplained: string[] = [];
    for (const flow of flows) {
      const derived = eventStartTemplate(flow.event);
      if (!derived) {
        unexplained.push(`${flow.where}: no start card derived`);
        continue;
      }
      const [d, r] = [comparable(derived), comparable(flow.start)];
      const paths = differences(d, r);
      if (paths.length === 0) identical.push(flow.where);
      for (const path of paths) {
        const kind = authorChange(d, r, path);
        if (kind) changed.set(kind, [...(changed.get(kind) ?? []), flow.where]);
        else unexplained.push(`${flow.where}: ${path}`);
      }
    }
    expect(unexplained).toEqual([]);
    const summary = [...changed].map(([kind, where]) => `${new Set(where).size} ${kind}`).join(", ");
    console.log(`event start cards: ${flows.length} event flows, ${identical.length} identical to the derived card; ${summary}`);
    // Both corpus folders: 57 flows, 49 identical, 5 schemas, 3 folds.
    const changedFlows = new Set([...changed.values()].flat());
    expect(identical.length + changedFlows.size).toBe(flows.length);
  });

  it("every real event card says its fields (the start card can always be derived)", () => {
    expect(flows.filter((f) => !eventStartFields(f.event)).map((f) => f.where)).toEqual([]);
  });
});

describe("eventStartTemplate", () => {
  const eventCard = (outputType: Json, extra: JsonObject = {}): JsonObject => ({
    node: {
      data: { name: "User Activated" },
      model: {
        webhookList: true,
        outputs: { data: { a: { id: "a", group: null, key: "collection", value: { type: outputType, collection: true } } } },
        ...extra,
      },
    },
  });

  it("names the card after the event, takes its comments and one entry per field after the execution id", () => {
    const card = eventStartTemplate(
      eventCard(
        { Output: { type: { Message: { type: "string", collection: false }, Tags: { type: "string", collection: true } } } },
        { comments: "Why" },
      ),
    )!;
    const model = (card.node as any).model;
    expect([(card.node as any).data.name, model.metadata.name, model.comments]).toEqual(["User Activated", "User Activated", "Why"]);
    for (const side of ["inputs", "outputs"]) {
      const entries = Object.values(model[side].data) as any[];
      expect(entries.map((e) => [e.id[0], e.group, e.key, e.value.collection, e.metadata.index])).toEqual([
        [side[0], "context", "execution_id", false, 0],
        [side[0], "Output", "Message", false, 1],
        [side[0], "Output", "Tags", true, 2],
      ]);
    }
  });

  it("is undefined for a card that is no list event or does not spell its list item", () => {
    expect(eventStartTemplate({ node: { model: { webhookList: false } } })).toBeUndefined();
    expect(eventStartTemplate(eventCard("object"))).toBeUndefined();
    expect(eventStartTemplate(eventCard({ Output: { type: { Bad: "string" } } }))).toBeUndefined();
  });
});
