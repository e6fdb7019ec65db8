/**
 * `flocode show`: the canonical YAML view of a flopack. No generated ids, a fixed key order chosen for
 * reading (not alphabetical), steps in execution order with branches nested. Two flopacks that differ
 * only in ids or storage order give the same bytes.
 */
import { Document, Scalar, stringify, visit } from "yaml";
import { hasTerminalControls } from "../util/terminal-text.js";
import { compareStrings, isObject } from "./json.js";
import { EmbeddedRef, type Card, type ErrorPolicyView, type FlowView, type PackView, type Ref, type TemplatePart } from "./view-types.js";
import { refText } from "./wires.js";

type Node = Map<unknown, unknown> | unknown[] | string | number | boolean | null;

export function renderShow(view: PackView): string {
  return toYaml(showDocument(view));
}

const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false, indentSeq: true } as const;

/**
 * The YAML text. A string holding a character that a terminal would act on (C1, DEL, bidi controls) is written
 * double-quoted: the CLI prints such characters as `\uXXXX` escapes, which in a double-quoted scalar read back
 * as the same character, so the view stays exact.
 */
export function toYaml(doc: Node): string {
  const text = stringify(doc, YAML_OPTIONS);
  if (!hasTerminalControls(text)) return text;
  const document = new Document(doc, YAML_OPTIONS);
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && hasTerminalControls(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return document.toString(YAML_OPTIONS);
}

/** What show prints for non-null connection data: that it is there, never what it is. */
export const CONNECTION_DATA_NOTE = "NOT NULL (hidden here): a flopack must never carry credentials; remove it before committing";

/** The document as ordered maps (Map keeps our key order and is immune to `__proto__` keys). */
export function showDocument(view: PackView): Map<string, unknown> {
  const doc = new Map<string, unknown>();
  doc.set("flows", view.flows.map(flowNode));
  if (view.externalFlows.length > 0)
    doc.set(
      "flows kept elsewhere",
      view.externalFlows.map((x) =>
        ordered([
          ["name", x.name],
          ["description", x.description || undefined],
          ["called by", x.calledBy],
          ["note", "only a stub is in this file: import this flow into the org first"],
        ]),
      ),
    );
  if (view.connections.length > 0)
    doc.set(
      "connections",
      view.connections.map((c) =>
        ordered([
          ["name", c.name],
          ["connector", c.connector],
          ["used by", c.usedBy],
          ["data", c.dataDigest !== undefined ? CONNECTION_DATA_NOTE : undefined],
        ]),
      ),
    );
  if (view.tables.length > 0)
    doc.set(
      "tables",
      view.tables.map((t) =>
        ordered([
          ["name", t.name],
          ["description", t.description || undefined],
          ["folder", t.folder ?? undefined],
          [
            "columns",
            t.columns.map((c) =>
              ordered([
                ["name", c.name],
                ["type", c.type],
                ["default", jsonNode(c.default)],
              ]),
            ),
          ],
        ]),
      ),
    );
  if (view.folders.length > 0)
    doc.set(
      "folders",
      view.folders.map((f) =>
        ordered([
          ["path", f.path],
          ["description", f.description || undefined],
        ]),
      ),
    );
  return doc;
}

function ordered(pairs: Array<[string, unknown]>): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const [k, v] of pairs) if (v !== undefined) map.set(k, v);
  return map;
}

function flowNode(flow: FlowView): Map<string, unknown> {
  const trigger = new Map<string, unknown>();
  trigger.set("type", flow.triggerKind);
  if (flow.trigger) trigger.set("card", cardTitle(flow.trigger));
  if (flow.schedule) {
    trigger.set("schedule", flow.schedule.words);
    trigger.set("cron", flow.schedule.cron);
    trigger.set("time zone", flow.schedule.timeZone);
    if (flow.schedule.startDate) trigger.set("start date", flow.schedule.startDate);
    if (flow.schedule.endDate) trigger.set("end date", flow.schedule.endDate);
  }
  if (flow.trigger) {
    for (const [k, v] of cardBody(flow.trigger)) trigger.set(k, v);
  }
  const options = ordered([
    ["save all data", flow.saveAllData],
    ["security level", flow.securityLevel ? securityWords(flow.securityLevel) : undefined],
  ]);
  return ordered([
    ["name", flow.name],
    ["folder", flow.folder ?? undefined],
    ["description", flow.description || undefined],
    ["trigger", trigger],
    ["options", options],
    ["steps", flow.steps.map(cardNode)],
    ["unreachable", flow.unreachable.length > 0 ? flow.unreachable.map(cardNode) : undefined],
    ["notes", flow.notes.length > 0 ? flow.notes : undefined],
    ["problems", flow.anomalies.length > 0 ? flow.anomalies : undefined],
  ]);
}

export function securityWords(level: string): string {
  switch (level) {
    case "open":
      return "open (no authentication: anyone with the invoke URL)";
    case "medium":
      return "medium (client token)";
    case "high":
      return "high (Okta-authorized: OAuth 2.0 / delegated)";
    default:
      return level;
  }
}

export function cardTitle(card: Card): string {
  return `${card.label} (${card.kind.connector} ${card.kind.action})`;
}

function cardNode(card: Card): Map<string, unknown> {
  const node = new Map<string, unknown>();
  node.set("card", cardTitle(card));
  for (const [k, v] of cardBody(card)) node.set(k, v);
  for (const block of card.blocks) {
    node.set(block.label, block.steps.map(cardNode));
    if (block.unreachable.length > 0) node.set(`${block.label} (unreachable)`, block.unreachable.map(cardNode));
  }
  return node;
}

function cardBody(card: Card): Map<string, unknown> {
  const body = new Map<string, unknown>();
  if (card.kind.version !== null) body.set("version", card.kind.version);
  if (card.connection !== undefined) body.set("connection", card.connection ?? "(none chosen)");
  if (card.comment !== null) body.set("comment", card.comment);
  if (card.fields.length > 0) body.set("fields", fieldMap(card.fields.map((f) => [f.input, f.value])));
  if (card.outputs.length > 0) body.set("outputs", fieldMap(card.outputs.map((f) => [f.input, f.value])));
  if (card.options.length > 0) body.set("options", fieldMap(card.options.map((f) => [f.input, jsonNode(f.value)])));
  if (card.calls.length > 0) body.set("calls", fieldMap(card.calls.map((f) => [f.input, f.value])));
  if (card.template) body.set("text", templateText(card.template.parts));
  if (card.constants.length > 0) body.set("constants", fieldMap(card.constants.map((f) => [f.input, jsonNode(f.value)])));
  if (card.wires.length > 0)
    body.set(
      "wires",
      fieldMap(card.wires.map((w) => [w.input, w.sources.length === 1 ? wireText(w.sources[0]!) : w.sources.map(wireText)])),
    );
  if (card.errorPolicy) body.set("on error", policyNode(card.errorPolicy));
  return body;
}

function fieldMap(pairs: Array<[string, unknown]>): Map<unknown, unknown> {
  const map = new Map<unknown, unknown>();
  for (const [k, v] of pairs) map.set(yamlKey(k), v);
  return map;
}

/**
 * Keys come from untrusted data. The yaml library quotes whatever YAML would misread, except `<<`, which a
 * YAML 1.1 reader (merge keys) would treat as a merge: always quote it.
 */
function yamlKey(key: string): string | Scalar {
  if (key !== "<<") return key;
  const scalar = new Scalar(key);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}

export function wireText(ref: Ref): string {
  return ref.convert ? `${refText(ref)} | ${ref.convert}` : refText(ref);
}

/** Compose text with each `{{{token}}}` replaced by `{{card.output}}` (or the constant it holds). */
export function templateText(parts: TemplatePart[]): string {
  return parts.map((p) => ("text" in p ? p.text : "ref" in p ? `{{${wireText(p.ref)}}}` : `{{=${JSON.stringify(p.value)}}}`)).join("");
}

export function policyWords(p: ErrorPolicyView): string {
  switch (p.type) {
    case "finish":
      return "stop the flow";
    case "return":
      return "continue the flow";
    case "flo":
      return "run a helper flow";
    case "handler":
      return "If Error handler";
    default:
      return p.type;
  }
}

function policyNode(p: ErrorPolicyView): Map<string, unknown> {
  return ordered([
    ["then", policyWords(p)],
    ["helper flow", p.flow],
    ["retry", p.retry === undefined ? undefined : jsonNode(p.retry)],
    ["delay (ms)", p.delay === undefined ? undefined : jsonNode(p.delay)],
    ["retry on", p.retryCondition === undefined ? undefined : jsonNode(p.retryCondition)],
    ["merge", p.merge === undefined ? undefined : jsonNode(p.merge)],
    ["other", p.other ? jsonNode(p.other) : undefined],
  ]);
}

/**
 * Untrusted JSON as YAML nodes: objects become Maps, keys sorted (a constant object means the same whatever the
 * order its keys are stored in, e.g. a Tables filter expression; `__proto__` is just a key).
 */
export function jsonNode(value: unknown): Node {
  if (value instanceof EmbeddedRef) return new Map([["wire", wireText(value.ref)]]);
  if (Array.isArray(value)) return value.map(jsonNode) as Node;
  if (isObject(value)) {
    const map = new Map<unknown, unknown>();
    for (const k of Object.keys(value).sort(compareStrings)) map.set(yamlKey(k), jsonNode(value[k]));
    return map;
  }
  if (value === undefined) return null;
  return value as Node;
}
