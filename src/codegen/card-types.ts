/**
 * TypeScript types of the generated card factories, from card shapes (src/catalog/shape.ts, read from contracts):
 * an input's type (a literal union for choices, `Table` for a table option, `Input<T>` for data), an output's type
 * (object schemas as object types), the JSDoc of each (labels, choices with their labels, defaults, where the
 * values come from), and the fields an event card hands its flow (`event(okta.userCreated(...))`).
 * Every value reaches code through `literal`/`propertyKey`/`docComment` (src/codegen/literal.ts).
 */
import { ts } from "ts-morph";
import type { CardShape, InputShape, OutputShape, ValueShape } from "../catalog/shape.js";
import { propertyName, uniqueNames } from "../catalog/naming.js";
import { compareStrings } from "../util/compare.js";
import { canonicalJson, isObject, type Json, type JsonObject } from "../util/json.js";
import { docComment, propertyKey } from "./literal.js";

const f = ts.factory;

/** Names of the DSL types a generated file uses (only those are imported). */
export type UsedTypes = Set<string>;

/** Object schemas of outputs read as typed objects up to this nesting, and up to this many fields. */
const MAX_SCHEMA_DEPTH = 4;
const MAX_SCHEMA_FIELDS = 60;

/** More alternatives than this read as `unknown`. */
const MAX_ALTERNATIVES = 4;

export function inputType(input: InputShape, used: UsedTypes): ts.TypeNode {
  if (input.table) {
    used.add("Table");
    return f.createTypeReferenceNode("Table");
  }
  const choices = input.choices && input.choices.length > 0 ? unionOf(input.choices.map((c) => literalType(c.value))) : undefined;
  if (input.option) return choices ?? unionOf(uniqueTypes(input.types, used, 0));
  const types = choices ? [choices] : uniqueTypes(input.types, used, 0);
  if (types.length === 1 && types[0]!.kind === ts.SyntaxKind.UnknownKeyword) return types[0]!;
  used.add("Input");
  const alternatives: ts.TypeNode[] = types.map((t) => f.createTypeReferenceNode("Input", [t]));
  // A flow input also takes a flow written inline (If/ElseIf branches, the event wrapper's For Each).
  if (input.types.some((t) => t.type === "flo" && !t.collection)) {
    used.add("InlineFlow");
    alternatives.push(f.createTypeReferenceNode("InlineFlow"));
  }
  return unionOf(alternatives);
}

export function outputType(output: OutputShape, used: UsedTypes): ts.TypeNode {
  return unionOf(uniqueTypes(output.types, used, MAX_SCHEMA_DEPTH));
}

/** JSDoc of an input: where it is, its label, its choices with their labels, its default, where its values come from. */
export function inputDoc(input: InputShape): string[] {
  const where = input.group === null ? JSON.stringify(input.key) : `${JSON.stringify(input.key)} (group ${input.group})`;
  const lines = [`${input.option ? "Option" : "Input"} ${where}${input.label !== undefined ? `: ${input.label}` : ""}.`];
  if (input.choices && input.choices.length > 0 && input.choices.some((c) => c.label !== undefined)) {
    lines.push("");
    for (const c of input.choices) lines.push(`- \`${JSON.stringify(c.value)}\`${c.label !== undefined ? `: ${c.label}` : ""}`);
  }
  const notes: string[] = [];
  if (input.default !== undefined) notes.push(`Default: \`${JSON.stringify(input.default)}\`.`);
  if (input.dynamic !== undefined) notes.push(`The designer lists its values from the service (\`${input.dynamic}\`).`);
  if (input.partial) notes.push("Only some cards have it: it depends on an option.");
  if (notes.length > 0) lines.push("", ...notes);
  return lines;
}

export function outputDoc(output: OutputShape): string[] {
  const where = output.group === null ? JSON.stringify(output.key) : `${JSON.stringify(output.key)} (group ${output.group})`;
  const lines = [`Output ${where}${output.label !== undefined && output.label !== output.key ? `: ${output.label}` : ""}.`];
  if (output.partial) lines.push("", "Only some cards have it: it depends on an option or on the fields chosen.");
  return lines;
}

/**
 * The fields an event card hands each run of its flow: its `collection` output is a list of `{ Output: {...} }`,
 * and the event flow's start card has one output per field of `Output` (camelCase names, as `f.trigger.<name>`).
 * Undefined for cards that are no list events.
 */
export function eventFields(shape: CardShape): Array<{ prop: string; key: string; type: ValueShape }> | undefined {
  const collection = shape.outputs.find((o) => o.key === "collection" && o.group === null);
  const t = collection?.types[0];
  if (!t || !t.collection || !isObject(t.type)) return undefined;
  const output = t.type.Output;
  if (!isObject(output) || !isObject(output.type)) return undefined;
  const schema = output.type;
  const keys = Object.keys(schema).filter((k) => isObject(schema[k]));
  const names = uniqueNames(
    keys,
    (k) => propertyName(k),
    () => undefined,
    new Set(["executionId", "$node", "$out", "$custom"]),
  );
  // A counter-suffixed name would not find its output again: such fields are left to `$custom`.
  return keys.flatMap((key, i) => {
    const field = schema[key] as JsonObject;
    if (names[i] !== propertyName(key)) return [];
    return [{ prop: names[i]!, key, type: { type: field.type ?? "object", collection: field.collection === true } }];
  });
}

export function eventMembers(fields: NonNullable<ReturnType<typeof eventFields>>, used: UsedTypes): ts.TypeElement[] {
  return fields.map((x) =>
    docComment(
      f.createPropertySignature(undefined, propertyKey(x.prop), undefined, unionOf(uniqueTypes([x.type], used, MAX_SCHEMA_DEPTH))),
      [`Event field ${JSON.stringify(x.key)}.`],
    ),
  );
}

/** The TS types of value shapes, deduplicated; more than `MAX_ALTERNATIVES` read as `unknown`. */
function uniqueTypes(types: readonly ValueShape[], used: UsedTypes, schemaDepth: number): ts.TypeNode[] {
  const byText = new Map<string, ts.TypeNode>();
  const names = new Set<string>();
  for (const t of types) {
    const [text, node] = valueType(t, names, schemaDepth);
    byText.set(text, node);
  }
  if (byText.size > MAX_ALTERNATIVES) return [f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)];
  for (const n of names) used.add(n);
  return [...byText.keys()].sort(compareStrings).map((k) => byText.get(k)!);
}

function valueType(shape: ValueShape, used: UsedTypes, schemaDepth: number): [string, ts.TypeNode] {
  const [text, node] = baseType(shape.type, used, schemaDepth);
  if (!shape.collection) return [text, node];
  return [`${text}[]`, f.createArrayTypeNode(node)];
}

function baseType(type: Json, used: UsedTypes, schemaDepth: number): [string, ts.TypeNode] {
  const ref = (name: string): [string, ts.TypeNode] => {
    used.add(name);
    return [name, f.createTypeReferenceNode(name)];
  };
  if (isObject(type)) return schemaDepth > 0 ? (schemaType(type, used, schemaDepth) ?? ref("OktaObject")) : ref("OktaObject");
  switch (type) {
    case "string":
      return ["string", f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword)];
    case "number":
      return ["number", f.createKeywordTypeNode(ts.SyntaxKind.NumberKeyword)];
    case "boolean":
      return ["boolean", f.createKeywordTypeNode(ts.SyntaxKind.BooleanKeyword)];
    case "Date":
      return ref("OktaDate");
    case "object":
      return ref("OktaObject");
    case "file":
      return ref("OktaFile");
    case "flo":
      return ref("FlowRefLike");
    default:
      return ["unknown", f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)];
  }
}

/** `{ "Applies To": string; "Consumed Units": number; ... }` for an object schema, or undefined when not simple. */
function schemaType(schema: JsonObject, used: UsedTypes, depth: number): [string, ts.TypeNode] | undefined {
  const keys = Object.keys(schema);
  if (keys.length === 0 || keys.length > MAX_SCHEMA_FIELDS) return undefined;
  const members: ts.TypeElement[] = [];
  for (const key of keys) {
    const field = schema[key];
    if (!isObject(field) || !(typeof field.type === "string" || isObject(field.type))) return undefined;
    const [, node] = valueType({ type: field.type, collection: field.collection === true }, used, depth - 1);
    members.push(f.createPropertySignature(undefined, propertyKey(key), undefined, node));
  }
  return [`schema:${canonicalJson(schema)}`, f.createTypeLiteralNode(members)];
}

export function unionOf(types: ts.TypeNode[]): ts.TypeNode {
  return types.length === 1 ? types[0]! : f.createUnionTypeNode(types);
}

export function literalType(value: Json): ts.TypeNode {
  if (value === null) return f.createLiteralTypeNode(f.createNull());
  if (typeof value === "string") return f.createLiteralTypeNode(f.createStringLiteral(value));
  if (typeof value === "boolean") return f.createLiteralTypeNode(value ? f.createTrue() : f.createFalse());
  if (typeof value === "number") {
    return value < 0
      ? f.createLiteralTypeNode(f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, f.createNumericLiteral(-value)))
      : f.createLiteralTypeNode(f.createNumericLiteral(value));
  }
  return f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword);
}
