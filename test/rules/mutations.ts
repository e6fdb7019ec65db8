import {
  buildIndex,
  cardKind,
  isObj,
  objAt,
  pinsOf,
  rootOf,
  type CardView,
  type FlopackIndex,
  type Obj,
  type ScopeView,
} from "../../src/rules/model.js";

/**
 * One mutation per rule: it breaks exactly the property the rule checks, on any flopack that has the needed
 * structure (a self-made fixture or a real export), and returns false when the document has no place for it.
 * Targets are found through the rules' own index; its `raw` objects are the document's, so mutating them
 * mutates the document.
 */
export interface Mutation {
  code: string;
  what: string;
  mutate(doc: Obj): boolean;
}

const NEW_UUID = "00000000-0000-4000-8000-000000000000";
const SPECIAL = new Set([
  "control:callable",
  "control:if",
  "control:join",
  "control:noop",
  "control:comment",
  "list:asyncEach",
  "object:expand",
  "http:accept",
  "http:delegated",
  "control:tryCatch",
  "control:branch",
]);

function idx(doc: Obj): FlopackIndex {
  return buildIndex(doc);
}

interface Entry {
  key: string;
  raw: Obj;
  value: Obj | undefined;
}

/** A card's entries that are objects, in stored order: inputs then outputs, or one side. */
function entries(card: CardView, side?: "inputs" | "outputs"): Entry[] {
  const out: Entry[] = [];
  for (const s of side ? [side] : (["inputs", "outputs"] as const)) {
    const map = (s === "inputs" ? card.inputData : card.outputData) ?? {};
    for (const key of Object.keys(map)) {
      const raw = objAt(map, key);
      if (raw) out.push({ key, raw, value: objAt(raw, "value") });
    }
  }
  return out;
}

function inputEntry(card: CardView | undefined, key: string): Entry | undefined {
  return card ? entries(card, "inputs").find((e) => e.key === key) : undefined;
}

function data(doc: Obj): Obj {
  return doc.data as Obj;
}

/** Re-adds `key` at the end of `o` (changes key order, keeps the value). */
function moveToEnd(o: Obj, key: string): void {
  const v = o[key];
  delete o[key];
  o[key] = v;
}

function renameKey(o: Obj, from: string, to: string): void {
  const pairs = Object.entries(o);
  for (const [k] of pairs) delete o[k];
  for (const [k, v] of pairs) o[k === from ? to : k] = v;
}

function plainKernelCard(scope: ScopeView): CardView | undefined {
  const root = rootOf(scope);
  return scope.cards.find((c) => c !== root && c.parsed?.kind === "kernel" && !SPECIAL.has(cardKind(c) ?? ""));
}

function incomingCount(scope: ScopeView, uuid: string): number {
  return scope.edges.filter((e) => e.to === uuid && e.from !== uuid).length;
}

function pinnedInputs(scope: ScopeView): Set<string> {
  const s = new Set<string>();
  for (const c of scope.cards) for (const p of pinsOf(c)) if (isObj(p.pin)) s.add(`${p.target}\u0000${String(p.pin.input)}`);
  return s;
}

function firstPin(ix: FlopackIndex, pred: (pin: Obj, c: CardView) => boolean) {
  for (const c of ix.cards) for (const p of pinsOf(c)) if (isObj(p.pin) && pred(p.pin, c)) return p;
  return undefined;
}

export const ERROR_MUTATIONS: Mutation[] = [
  { code: "FP101", what: "an extra top-level key", mutate: (d) => ((d.extra = 1), true) },
  { code: "FP102", what: "data.flos moved after the other collections", mutate: (d) => (moveToEnd(data(d), "flos"), true) },
  { code: "FP103", what: "no flows", mutate: (d) => ((data(d).flos = {}), true) },
  {
    code: "FP103",
    what: "every flow a stub (data: null)",
    mutate: (d) => {
      const flos = Object.values(data(d).flos as Record<string, Record<string, unknown>>);
      for (const flow of flos) flow.data = null;
      return flos.length > 0;
    },
  },
  {
    code: "FP142",
    what: "a flow named with white space only",
    mutate: (d) => {
      const flow = Object.values(data(d).flos as Record<string, Record<string, unknown>>)[0];
      if (!flow) return false;
      flow.name = " ";
      return true;
    },
  },
  {
    code: "FP104",
    what: "a connection or folder id that differs from its key",
    mutate: (d) => {
      const ix = idx(d);
      const target = ix.configs.values().next().value ?? ix.groups.values().next().value;
      if (!target) return false;
      target.id = NEW_UUID;
      return true;
    },
  },
  {
    code: "FP105",
    what: "a connection carrying credentials",
    mutate: (d) => {
      const cfg = idx(d).configs.values().next().value;
      if (!cfg) return false;
      cfg.data = { apiToken: "secret" };
      return true;
    },
  },
  {
    code: "FP106",
    what: "a folder path naming a folder that is not exported",
    mutate: (d) => {
      const g = idx(d).groups.values().next().value;
      if (!g || !isObj(g.data)) return false;
      g.data.path = NEW_UUID;
      return true;
    },
  },
  {
    code: "FP107",
    what: "a flow in a folder that is not exported",
    mutate: (d) => {
      const ix = idx(d);
      const f = ix.flows[0];
      if (ix.groups.size === 0 || !f?.data) return false;
      f.data.group = NEW_UUID;
      return true;
    },
  },
  {
    code: "FP108",
    what: "a connector card pointing at a missing connection",
    mutate: (d) => {
      const c = idx(d).cards.find((c) => c.parsed?.kind === "connector" && typeof c.model?.config === "string");
      if (!c?.model) return false;
      c.model.config = NEW_UUID;
      return true;
    },
  },
  {
    code: "FP109",
    what: "a Tables card pointing at a missing table",
    mutate: (d) => {
      const e = idx(d)
        .cards.flatMap((c) => (c.parsed?.module === "stash" ? entries(c, "inputs") : []))
        .find((e) => e.raw.key === "stash" && e.raw.group === "parameters" && typeof e.value?.data === "string" && e.value.data !== "");
      if (!e?.value) return false;
      e.value.data = NEW_UUID;
      return true;
    },
  },
  {
    code: "FP110",
    what: "a helper-flow call to a missing flow",
    mutate: (d) => {
      const e = idx(d)
        .cards.flatMap((c) => entries(c))
        .find((e) => e.value?.type === "flo" && typeof e.value.data === "string" && e.value.data !== "");
      if (!e?.value) return false;
      e.value.data = NEW_UUID;
      return true;
    },
  },
  {
    code: "FP111",
    what: "an error policy running a missing flow",
    mutate: (d) => {
      const c = idx(d).cards.find(
        (c) => isObj(c.model?.policy) && isObj(c.model.policy.error) && typeof c.model.policy.error.flo === "string",
      );
      if (!c) return false;
      ((c.model!.policy as Obj).error as Obj).flo = NEW_UUID;
      return true;
    },
  },
  { code: "FP112", what: "an extra key on a flow", mutate: (d) => ((idx(d).flows[0]!.raw.extra = true), true) },
  { code: "FP113", what: "flow data keys out of order", mutate: (d) => (moveToEnd(idx(d).flows[0]!.data!, "uuid"), true) },
  {
    code: "FP114",
    what: "two flows with the same name",
    mutate: (d) => {
      const [a, b] = idx(d).flows;
      if (!a || !b) return false;
      b.raw.name = a.raw.name;
      return true;
    },
  },
  {
    code: "FP115",
    what: "a second start card (the edge from the root removed)",
    mutate: (d) => {
      for (const scope of idx(d).scopes) {
        const root = rootOf(scope);
        const edge = root && scope.edges.find((e) => e.from === root.uuid && typeof e.to === "string" && incomingCount(scope, e.to) === 1);
        if (edge) {
          delete (scope.flow.orderings as Obj)[edge.id];
          return true;
        }
      }
      return false;
    },
  },
  {
    code: "FP116",
    what: "a scheduled flow without a schedule",
    mutate: (d) => {
      const f = idx(d).flows.find((f) => f.data?.scheduled === true);
      if (!f?.data) return false;
      f.data.cron = {};
      return true;
    },
  },
  {
    code: "FP117",
    what: "a callable flow marked not callable",
    mutate: (d) => {
      const f = idx(d).flows.find((f) => f.scopes[0] && cardKind(rootOf(f.scopes[0]) ?? ({} as CardView)) === "control:callable");
      if (!f?.data || !isObj(f.data.display)) return false;
      f.data.display.isCallable = false;
      return true;
    },
  },
  {
    code: "FP118",
    what: "an API Endpoint or Delegated flow without its security level",
    mutate: (d) => {
      const f = idx(d).flows.find((f) => {
        const r = f.scopes[0] && rootOf(f.scopes[0]);
        return r && (cardKind(r) === "http:accept" || cardKind(r) === "http:delegated");
      });
      if (!f?.data) return false;
      f.data.security_level = null;
      return true;
    },
  },
  {
    code: "FP119",
    what: "a schedule with seconds other than 00",
    mutate: (d) => {
      const f = idx(d).flows.find((f) => isObj(f.data?.cron) && Object.keys(f.data.cron).length > 0);
      if (!f) return false;
      (f.data!.cron as Obj).seconds = "30";
      return true;
    },
  },
  {
    code: "FP120",
    what: "a comment card reusing the uuid of an earlier card",
    mutate: (d) => {
      for (const scope of idx(d).scopes) {
        const comment = scope.cards.find(
          (c) => cardKind(c) === "control:comment" && entries(c).length === 0 && pinsOf(c).length === 0 && c.index > 0,
        );
        const earlier = comment && scope.cards.find((c) => c.index < comment.index && c.uuid !== undefined);
        if (comment && earlier && !scope.edges.some((e) => e.from === comment.uuid || e.to === comment.uuid)) {
          comment.raw.uuid = earlier.uuid!;
          return true;
        }
      }
      return false;
    },
  },
  {
    code: "FP121",
    what: "an input entry re-keyed to another card's entry id",
    mutate: (d) => {
      for (const flow of idx(d).flows) {
        for (const scope of flow.scopes) {
          const pinned = pinnedInputs(scope);
          for (const c of scope.cards) {
            const joins = isObj(c.raw.joins) ? c.raw.joins : {};
            const e = entries(c, "inputs").find((e) => !pinned.has(`${c.uuid}\u0000${e.key}`) && !Object.hasOwn(joins, e.key));
            const other = flow.scopes.flatMap((s) => s.cards).find((o) => o !== c && entries(o).length > 0);
            if (!e || !other) continue;
            const newKey = entries(other)[0]!.key;
            const map = (c.model!.inputs as Obj).data as Obj;
            (map[e.key] as Obj).id = newKey;
            renameKey(map, e.key, newKey);
            return true;
          }
        }
      }
      return false;
    },
  },
  {
    code: "FP122",
    what: "an ordering id reused in another scope",
    mutate: (d) => {
      const withEdges = idx(d).scopes.filter((s) => s.edges.length > 0);
      const [a, b] = withEdges;
      if (!a || !b) return false;
      renameKey(b.flow.orderings as Obj, b.edges[0]!.id, a.edges[0]!.id);
      return true;
    },
  },
  {
    code: "FP123",
    what: "an ordering to a card that does not exist",
    mutate: (d) => {
      const scope = idx(d).scopes.find((s) => rootOf(s) && isObj(s.flow.orderings));
      if (!scope) return false;
      (scope.flow.orderings as Obj).zzDangling1 = [rootOf(scope)!.uuid!, "missingCard1"];
      return true;
    },
  },
  {
    code: "FP124",
    what: "a pin into an input the target does not have",
    mutate: (d) => {
      const p = firstPin(idx(d), () => true);
      if (!p) return false;
      (p.pin as Obj).input = "missingInput";
      return true;
    },
  },
  {
    code: "FP125",
    what: "a transform whose dest is not the source output",
    mutate: (d) => {
      const p = firstPin(idx(d), (pin) => isObj(pin.transform));
      if (!p) return false;
      const t = (p.pin as Obj).transform as Obj;
      (t[Object.keys(t)[0]!] as Obj).dest = "someOtherId";
      return true;
    },
  },
  {
    code: "FP125",
    what: "an empty transform (import read it as no transform, and the flopack it built failed FP140)",
    mutate: (d) => {
      const p = firstPin(idx(d), (pin) => isObj(pin.transform));
      if (!p) return false;
      (p.pin as Obj).transform = {};
      return true;
    },
  },
  {
    code: "FP126",
    what: "branches on a card that is not an If",
    mutate: (d) => {
      for (const scope of idx(d).scopes) {
        const target = scope.cards.find((c) => c.uuid !== undefined && incomingCount(scope, c.uuid) > 0);
        const host = scope.cards.find((c) => c.parsed && cardKind(c) !== "control:if" && c !== target);
        if (target && host) {
          host.raw.branches = { [target.uuid!]: true };
          return true;
        }
      }
      return false;
    },
  },
  {
    code: "FP127",
    what: "a join naming an output the Join card does not have",
    mutate: (d) => {
      const c = idx(d).cards.find(
        (c) =>
          cardKind(c) === "control:join" && isObj(c.raw.joins) && Object.values(c.raw.joins).some((v) => Array.isArray(v) && v.length > 0),
      );
      if (!c) return false;
      const list = Object.values(c.raw.joins as Obj).find((v) => Array.isArray(v) && v.length > 0) as Obj[];
      list[0]!.output = "missingOutput";
      return true;
    },
  },
  {
    code: "FP128",
    what: "a kernel card with a version other than 0.0.1",
    mutate: (d) => {
      for (const scope of idx(d).scopes) {
        const c = plainKernelCard(scope);
        if (c) {
          c.raw.address = `root:kernel:${c.parsed!.module}:0.0.2:${c.parsed!.key}`;
          return true;
        }
      }
      return false;
    },
  },
  { code: "FP129", what: "card keys out of order", mutate: (d) => (moveToEnd(idx(d).cards[0]!.raw, "joins"), true) },
  {
    code: "FP130",
    what: "parents.channel.data.name differing from the address",
    mutate: (d) => {
      const c = idx(d).cards.find((c) => c.parsed);
      const ch =
        c && isObj(c.raw.parents) && isObj(c.raw.parents.channel) && isObj(c.raw.parents.channel.data)
          ? c.raw.parents.channel.data
          : undefined;
      if (!ch) return false;
      ch.name = "other";
      return true;
    },
  },
  { code: "FP131", what: "node.key differing from the address", mutate: (d) => (((idx(d).cards[0]!.raw.node as Obj).key = "other"), true) },
  {
    code: "FP132",
    what: "a kernel card with a connection",
    mutate: (d) => {
      const c = idx(d).cards.find((c) => c.parsed?.kind === "kernel" && c.model);
      if (!c) return false;
      c.model!.config = NEW_UUID;
      return true;
    },
  },
  {
    code: "FP133",
    what: "an entry id differing from its key",
    mutate: (d) => {
      const e = idx(d).cards.flatMap((c) => entries(c))[0];
      if (!e) return false;
      e.raw.id = `${e.key}x`;
      return true;
    },
  },
  {
    code: "FP134",
    what: "a data input flagged as an option",
    mutate: (d) => {
      const e = idx(d)
        .cards.flatMap((c) => entries(c, "inputs"))
        .find((e) => e.raw.flags === "d" && e.raw.group !== "parameters");
      if (!e) return false;
      e.raw.flags = "p";
      return true;
    },
  },
  {
    code: "FP135",
    what: "an output with `required`",
    mutate: (d) => {
      const e = idx(d).cards.flatMap((c) => entries(c, "outputs"))[0];
      if (!e) return false;
      e.raw.required = false;
      return true;
    },
  },
  {
    code: "FP136",
    what: "a second pin into the same input",
    mutate: (d) => {
      for (const c of idx(d).cards) {
        for (const pv of pinsOf(c)) {
          const target = c.scope.byUuid.get(pv.target);
          if (!target || cardKind(target) === "control:join") continue;
          const list = ((c.raw.pins as Obj)[pv.output] as Obj)[pv.target] as Json[];
          list.push(structuredClone(pv.pin) as Json);
          return true;
        }
      }
      return false;
    },
  },
  {
    code: "FP137",
    what: "a card display name differing from metadata.name",
    mutate: (d) => {
      const c = idx(d).cards.find((c) => isObj(c.raw.node) && isObj(c.raw.node.data));
      if (!c) return false;
      ((c.raw.node as Obj).data as Obj).name = "Renamed only here";
      return true;
    },
  },
  {
    code: "FP138",
    what: "an event flow whose For Each does not hold the body inline",
    mutate: (d) => {
      for (const f of idx(d).flows) {
        const scope = f.scopes[0];
        const root = scope && rootOf(scope);
        if (!scope || root?.model?.webhookList !== true) continue;
        const each = scope.cards.find((c) => cardKind(c) === "list:asyncEach");
        const flo = each && entries(each, "inputs").find((e) => e.raw.key === "flo");
        if (!flo?.value) continue;
        flo.value.data = "";
        return true;
      }
      return false;
    },
  },
  {
    code: "FP139",
    what: "a mirrored card whose output key differs from its input",
    mutate: (d) => {
      const c = idx(d).cards.find((c) => c.model?.mirrored === true && entries(c, "outputs").length > 0);
      if (!c) return false;
      const out = entries(c, "outputs")[0]!;
      out.raw.key = `${String(out.raw.key)} (renamed)`;
      return true;
    },
  },
  {
    code: "FP140",
    what: "a converting pin without its transform",
    mutate: (d) => {
      const p = firstPin(idx(d), (pin) => isObj(pin.transform));
      if (!p) return false;
      (p.pin as Obj).transform = null;
      return true;
    },
  },
  {
    code: "FP141",
    what: "a list entry holding a string",
    mutate: (d) => {
      const e = idx(d)
        .cards.flatMap((c) => entries(c))
        .find((e) => e.value?.collection === true);
      if (!e?.value) return false;
      e.value.data = "not a list";
      return true;
    },
  },
];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export const WARNING_MUTATIONS: Mutation[] = [
  { code: "FP201", what: "no folders exported", mutate: (d) => ((data(d).groups = {}), true) },
  {
    code: "FP202",
    what: "a stale joins key",
    mutate: (d) => {
      const c = idx(d).cards.find((c) => cardKind(c) === "control:join" && isObj(c.raw.joins));
      if (!c) return false;
      (c.raw.joins as Obj).staleInput1 = [];
      return true;
    },
  },
  {
    code: "FP203",
    what: "a self-loop on an ordinary card",
    mutate: (d) => {
      for (const scope of idx(d).scopes) {
        const c = scope.cards.find((c) => c.uuid !== undefined && cardKind(c) !== "object:expand" && incomingCount(scope, c.uuid) > 0);
        if (c) {
          (scope.flow.orderings as Obj).zzSelfLoop1 = [c.uuid!, c.uuid!];
          return true;
        }
      }
      return false;
    },
  },
  {
    code: "FP204",
    what: "a second predecessor",
    mutate: (d) => {
      for (const scope of idx(d).scopes) {
        const root = rootOf(scope);
        const c = scope.cards.find(
          (c) =>
            c.uuid !== undefined &&
            incomingCount(scope, c.uuid) === 1 &&
            !["control:join", "object:expand"].includes(cardKind(c) ?? "") &&
            root !== undefined &&
            c !== root &&
            !scope.edges.some((e) => e.from === root.uuid && e.to === c.uuid),
        );
        if (c && root) {
          (scope.flow.orderings as Obj).zzSecondIn1 = [root.uuid!, c.uuid!];
          return true;
        }
      }
      return false;
    },
  },
  {
    code: "FP205",
    what: "a pinned input holding a constant",
    mutate: (d) => {
      const ix = idx(d);
      for (const c of ix.cards) {
        for (const p of pinsOf(c)) {
          const e = isObj(p.pin) ? inputEntry(c.scope.byUuid.get(p.target), String(p.pin.input)) : undefined;
          if (e?.value && e.value.collection !== true) {
            e.value.data = "a constant";
            return true;
          }
        }
      }
      return false;
    },
  },
  {
    code: "FP206",
    what: "an entry index out of sequence",
    mutate: (d) => {
      const e = idx(d)
        .cards.flatMap((c) => entries(c))
        .find((e) => isObj(e.raw.metadata));
      if (!e) return false;
      (e.raw.metadata as Obj).index = 99;
      return true;
    },
  },
  {
    code: "FP207",
    what: "an unused table",
    mutate: (d) => {
      const f = idx(d).flows[0];
      if (!f?.data) return false;
      (data(d).tables as Obj)[NEW_UUID] = {
        id: NEW_UUID,
        name: "Unused",
        description: "",
        data: { class: "simple", group_id: f.data.group as string, structure: [] },
      };
      return true;
    },
  },
  {
    code: "FP208",
    what: "a connector card without a connection",
    mutate: (d) => {
      const c = idx(d).cards.find(
        (c) => c.parsed?.kind === "connector" && c.parsed.module !== "stash" && typeof c.model?.config === "string",
      );
      if (!c) return false;
      c.model!.config = null;
      return true;
    },
  },
  {
    code: "FP209",
    what: "a connector card without parent ids",
    mutate: (d) => {
      const c = idx(d).cards.find((c) => c.parsed?.kind === "connector");
      const v =
        c && isObj(c.raw.parents) && isObj(c.raw.parents.version) && isObj(c.raw.parents.version.data)
          ? c.raw.parents.version.data
          : undefined;
      if (!v) return false;
      delete v.id;
      return true;
    },
  },
  {
    code: "FP210",
    what: "a preview item that does not describe its card",
    mutate: (d) => {
      const f = idx(d).flows.find(
        (f) =>
          f.scopes[0] &&
          rootOf(f.scopes[0])?.model?.webhookList !== true &&
          isObj(f.data?.display) &&
          Array.isArray(f.data.display.preview) &&
          f.data.display.preview.length > 0,
      );
      if (!f) return false;
      const preview = (f.data!.display as Obj).preview as Obj[];
      preview[0] = { ...preview[0], name: "somethingElse" };
      return true;
    },
  },
  {
    code: "FP214",
    what: "a helper flow the pack calls, left as a stub (data: null)",
    mutate: (d) => {
      const ix = idx(d);
      const called = new Set(
        ix.cards.flatMap((c) =>
          entries(c)
            .filter((e) => e.value?.type === "flo" && typeof e.value.data === "string")
            .map((e) => e.value!.data),
        ),
      );
      const f = ix.flows.find((f) => called.has(f.key) && f.data !== undefined);
      if (!f) return false;
      f.raw.data = null;
      return true;
    },
  },
  {
    code: "FP215",
    what: "a security level left on a flow that is not an endpoint",
    mutate: (d) => {
      const f = idx(d).flows.find((f) => {
        const r = f.scopes[0] && rootOf(f.scopes[0]);
        return r && r.parsed && !cardKind(r)!.startsWith("http:");
      });
      if (!f?.data) return false;
      f.data.security_level = "medium";
      return true;
    },
  },
  { code: "FP211", what: "a flow without description", mutate: (d) => ((idx(d).flows[0]!.raw.description = ""), true) },
  {
    code: "FP212",
    what: "a branch head without its edge to the Join",
    mutate: (d) => {
      for (const scope of idx(d).scopes) {
        const heads = new Set(
          scope.cards.flatMap((c) => (cardKind(c) === "control:if" && isObj(c.raw.branches) ? Object.keys(c.raw.branches) : [])),
        );
        const edge = scope.edges.find(
          (e) =>
            typeof e.from === "string" &&
            heads.has(e.from) &&
            typeof e.to === "string" &&
            cardKind(scope.byUuid.get(e.to) ?? ({} as CardView)) === "control:join" &&
            incomingCount(scope, e.to) > 1 &&
            scope.edges.some((x) => x.from === e.from && x !== e),
        );
        if (edge) {
          delete (scope.flow.orderings as Obj)[edge.id];
          return true;
        }
      }
      return false;
    },
  },
  {
    code: "FP216",
    what: "a folder with a key no export has (data.color)",
    mutate: (d) => {
      const group = [...idx(d).groups.values()][0];
      if (!group || !isObj(group.data)) return false;
      group.data.color = "red";
      return true;
    },
  },
];
