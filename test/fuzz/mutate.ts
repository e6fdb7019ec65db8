/**
 * Mutations of real flopack exports for the fuzz tests: a mutation is plain data (which node, what to do, which
 * replacement), so fast-check can shrink it and a failing case can be replayed and saved as a fixture.
 *
 * A node is picked by index among the document's nodes (every value, depth first), recomputed after each step,
 * so several steps compose. Most steps keep the text valid JSON; `truncate` and some `duplicate`s do not
 * (duplicate keys), which exercises the JSON layer. The serialiser is our own: it can write what JSON.stringify
 * cannot (a key twice, a `__proto__` key, deep nesting).
 */
import fc from "fast-check";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

export type Step =
  /** Remove the node from its parent (object member or array element). */
  | { kind: "drop"; node: number }
  /** Array element: insert a copy next to it. Object member: write the key twice (first the value, then `with`). */
  | { kind: "duplicate"; node: number; with: number }
  /** Replace the node with another JSON value (of another type, or hostile). */
  | { kind: "retype"; node: number; with: number }
  /** Rename the node's key in its parent object. */
  | { kind: "rename"; node: number; to: number }
  /** Replace an id-like string (a reference) with another id of the document or a ghost id. */
  | { kind: "reference"; node: number; to: number }
  /** Replace the node with a copy of another node of the same document (a card where a field was, a flow in a card...). */
  | { kind: "graft"; node: number; from: number }
  /** Replace a string that is not an id (a name, a user value, a description) with a hostile string. */
  | { kind: "text"; node: number; to: number }
  /** Cut a string value, or (at the end) the whole text. */
  | { kind: "truncate"; node: number; keep: number };

export interface Mutation {
  /** Index of the base document (modulo the number of bases). */
  base: number;
  steps: Step[];
  /** When ≥ 0, the final text is cut to this fraction (per mille) of its length. */
  cutText: number;
}

/** Replacement values, as JSON text (so that hostile shapes JSON.stringify would not write are possible). */
export const REPLACEMENTS: readonly string[] = [
  "null",
  "0",
  "-1",
  "1e308",
  "0.5",
  '""',
  '"x"',
  "true",
  "false",
  "[]",
  "{}",
  "[null]",
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '"__proto__"',
  '"../../etc/passwd"',
  '"${process.exit(3)}"',
  '"*/ throw 1 /*"',
  '"\\u0000\\n\\u2028"',
  '{"type":"flo","collection":false,"data":null}',
  '{"type":"string","collection":true,"data":[1,{"a":[]}]}',
  '"00000000-0000-4000-8000-000000000000"',
  // deep nesting (beyond the depth limits of the parse layer)
  "[".repeat(5000) + "]".repeat(5000),
  '{"a":'.repeat(300) + "1" + "}".repeat(300),
  // numbers JSON.parse reads as ±Infinity (FP007)
  "1e400",
  "-1e400",
  "1" + "0".repeat(400),
];

/** The replacements that overflow to ±Infinity. */
const NON_FINITE = new Set(["1e400", "-1e400", "1" + "0".repeat(400)]);

export const KEYS: readonly string[] = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "",
  " ",
  "ключ",
  "x".repeat(300),
  "a/b~c",
  "0",
  "data",
  "id",
  "uuid",
];

/** Strings that break code generation, YAML, Markdown or terminals when not escaped. */
export const HOSTILE_TEXT: readonly string[] = [
  "",
  "`${process.exit(3)}`",
  "*/ process.exit(3) /*",
  '"); process.exit(3); ("',
  "\\",
  "line one\nline two\r\n\u2028\u2029",
  "\u0000\u001b[31mred",
  "__proto__",
  "constructor",
  "- a: [b, {c: d}]\n? e\n<<: *x",
  "<script>alert(1)</script> | --- |",
  "ключ 🔑 \ud800",
  "x".repeat(10_000),
];

const GHOSTS = ["ghost0001", "00000000-0000-4000-8000-00000000dead", "", "GHOST"];
const ID_LIKE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|[A-Za-z0-9_-]{7,12})$/;

interface NodeRef {
  parent: Obj | Json[] | undefined;
  key: string | number;
  value: Json;
}

/** Every node, depth first (the root first, with no parent). */
function nodes(root: Json): NodeRef[] {
  const out: NodeRef[] = [];
  const stack: NodeRef[] = [{ parent: undefined, key: "", value: root }];
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(n);
    const v = n.value;
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push({ parent: v, key: i, value: v[i]! });
    else if (v !== null && typeof v === "object") {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ parent: v, key: keys[i]!, value: v[keys[i]!]! });
    }
  }
  return out;
}

/** Marks a member to write specially; the serialiser reads this side table. */
interface Edits {
  /** object or array → key or index → raw JSON text for the value. */
  raw: Map<object, Map<string | number, string>>;
  /** object → key → extra members written right after it ([key, raw value]). */
  extra: Map<object, Map<string, Array<[string, string]>>>;
  /** object → old key → new key. */
  renamed: Map<object, Map<string, string>>;
}

function setIn<K, T>(m: Map<object, Map<K, T>>, o: object, k: K, v: T): void {
  let inner = m.get(o);
  if (!inner) m.set(o, (inner = new Map()));
  inner.set(k, v);
}

function serialise(v: Json, e: Edits): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) {
    const raw = e.raw.get(v);
    return "[" + v.map((x, i) => raw?.get(i) ?? serialise(x, e)).join(",") + "]";
  }
  const raw = e.raw.get(v);
  const extra = e.extra.get(v);
  const renamed = e.renamed.get(v);
  const parts: string[] = [];
  for (const [k, x] of Object.entries(v)) {
    parts.push(JSON.stringify(renamed?.get(k) ?? k) + ":" + (raw?.get(k) ?? serialise(x, e)));
    for (const [k2, r2] of extra?.get(k) ?? []) parts.push(JSON.stringify(k2) + ":" + r2);
  }
  return "{" + parts.join(",") + "}";
}

/** What a mutation put into the text that every command must notice (when the text still parses). */
export interface MutationFacts {
  /** A key written twice in one object (validate must warn: FP008). */
  duplicateKey: boolean;
  /** A number that overflows to ±Infinity (validate must fail: FP007). */
  nonFinite: boolean;
}

/**
 * One step on a parsed document: returns the new text (which may not parse, e.g. duplicate keys are kept), and
 * whether it must be the last step (a deeply nested value: our recursive serialiser would not survive it).
 */
function applyStep(doc: Json, step: Step, facts: MutationFacts): { text: string; last: boolean } {
  let last = false;
  const all = nodes(doc);
  const ids = all.filter((n) => typeof n.value === "string" && ID_LIKE.test(n.value));
  const edits: Edits = { raw: new Map(), extra: new Map(), renamed: new Map() };
  const pick = (i: number) => all[1 + (i % Math.max(all.length - 1, 1))] ?? all[0]!;
  const texts = step.kind === "text" ? all.filter((x) => typeof x.value === "string" && !ID_LIKE.test(x.value)) : [];
  const n =
    step.kind === "reference" && ids.length > 0
      ? ids[step.node % ids.length]!
      : step.kind === "text" && texts.length > 0
        ? texts[step.node % texts.length]!
        : pick(step.node);
  const { parent, key } = n;
  if (parent === undefined) return { text: serialise(doc, edits), last };
  const replace = (raw: string) => {
    if (raw.length > 1000 && /^[[{]/.test(raw)) last = true;
    if (NON_FINITE.has(raw)) {
      facts.nonFinite = true;
      last = true; // JSON.parse would read it as Infinity, which the serialiser cannot write back
    }
    setIn(edits.raw, parent, key, raw);
  };
  switch (step.kind) {
    case "drop":
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case "duplicate":
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(n.value));
      else {
        const raw = step.with % 2 === 0 ? serialise(n.value, edits) : REPLACEMENTS[step.with % REPLACEMENTS.length]!;
        setIn(edits.extra, parent, key as string, [[key as string, raw]]);
        facts.duplicateKey = true;
        if (NON_FINITE.has(raw)) facts.nonFinite = true;
        last = true; // a key written twice: JSON.parse keeps one, so later steps would undo the point
      }
      break;
    case "retype":
      replace(REPLACEMENTS[step.with % REPLACEMENTS.length]!);
      break;
    case "rename":
      if (!Array.isArray(parent)) {
        const siblings = Object.keys(parent);
        const pool = [...KEYS, ...siblings];
        setIn(edits.renamed, parent, key as string, pool[step.to % pool.length]!);
      }
      break;
    case "reference": {
      const others = [...new Set(ids.map((x) => x.value as string)), ...GHOSTS];
      replace(JSON.stringify(others[step.to % others.length]!));
      break;
    }
    case "graft": {
      // a source of the same shape as the target (both objects, both arrays, ...) keeps more documents schema-valid
      const same = all.filter((x) => Array.isArray(x.value) === Array.isArray(n.value) && typeof x.value === typeof n.value);
      const source = same[step.from % same.length]!;
      replace(serialise(source.value, edits));
      break;
    }
    case "text":
      replace(JSON.stringify(HOSTILE_TEXT[step.to % HOSTILE_TEXT.length]!));
      break;
    case "truncate": {
      const cut = (length: number) => Math.floor((length * (step.keep % 1000)) / 1000);
      const v = n.value;
      if (typeof v === "string") replace(JSON.stringify(v.slice(0, cut(v.length))));
      else if (Array.isArray(v)) v.splice(cut(v.length));
      else if (v !== null && typeof v === "object") for (const k of Object.keys(v).slice(cut(Object.keys(v).length))) delete v[k];
      else replace("null");
      break;
    }
  }
  return { text: serialise(doc, edits), last };
}

/** The mutated text: steps applied one after the other while the text still parses, then the optional cut. */
export function mutate(baseText: string, m: Mutation): string {
  return mutateWithFacts(baseText, m).text;
}

/** The mutated text and what it holds that the commands must notice. */
export function mutateWithFacts(baseText: string, m: Mutation): { text: string; facts: MutationFacts } {
  let text = baseText;
  const facts: MutationFacts = { duplicateKey: false, nonFinite: false };
  for (const step of m.steps) {
    let doc: Json;
    try {
      doc = JSON.parse(text) as Json;
    } catch {
      break;
    }
    const result = applyStep(doc, step, facts);
    text = result.text;
    if (result.last) break;
  }
  if (m.cutText >= 0) text = text.slice(0, Math.floor((text.length * m.cutText) / 1000));
  return { text, facts };
}

const index = fc.nat({ max: 1 << 20 });

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("drop" as const), node: index }),
  fc.record({ kind: fc.constant("duplicate" as const), node: index, with: index }),
  fc.record({ kind: fc.constant("retype" as const), node: index, with: index }),
  fc.record({ kind: fc.constant("rename" as const), node: index, to: index }),
  // references are where schema-valid but semantically broken documents come from: weigh them up
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("reference" as const), node: index, to: index }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("graft" as const), node: index, from: index }) },
  // hostile names and values mostly keep a document valid, so they reach lift, codegen and the review model
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("text" as const), node: index, to: index }) },
  fc.record({ kind: fc.constant("truncate" as const), node: index, keep: fc.nat({ max: 999 }) }),
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  base: fc.nat({ max: 1000 }),
  steps: fc.oneof(
    { weight: 3, arbitrary: fc.array(stepArb, { minLength: 1, maxLength: 1 }) },
    fc.array(stepArb, { minLength: 2, maxLength: 3 }),
  ),
  // a cut text is only ever a JSON syntax error: one case in ten is enough
  cutText: fc.oneof({ weight: 9, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat({ max: 999 }) }),
});
