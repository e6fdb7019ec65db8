/**
 * IR pack → the files of a pack folder: `resources.ts` (connections, folders, tables, flows kept elsewhere), one `<flow>.flow.ts`
 * per flow, and `pack.ts` that lists them all (a folder with a pack.ts builds into one flopack).
 */
import { ts } from "ts-morph";
import type { Catalog } from "../catalog/store.js";
import type { IrFlow, IrFolder, IrPack, IrTable } from "../ir/types.js";
import { FileContext } from "./file-context.js";
import { writeFlowFile, RESOURCES_MODULE, type PackNames, type RawCardReport } from "./flow-file.js";
import { unmappedHelperParams } from "./helper-params.js";

const NONE: ReadonlySet<string> = new Set();
import { literal, objectLiteral } from "./literal.js";
import { IdentifierScope, nameHash } from "./names.js";
import { printFile } from "./print.js";
import { cardNamespaces } from "./factories.js";
import { columnTypeOfCode } from "../shapes/tables.js";

const f = ts.factory;

export const GENERATED_HEADER = "// Imported by flocode import; edit freely: `flocode build` turns this folder back into the flopack.";

export interface GeneratedFile {
  /** Path relative to the output folder. */
  path: string;
  text: string;
}

export interface CodegenResult {
  files: GeneratedFile[];
  cards: number;
  rawCards: number;
  /** Per raw card: its flow and what made it raw. */
  raw: Array<RawCardReport & { flow: string }>;
  /** IR facts the DSL cannot express: the round trip will differ there. */
  lossy: string[];
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

export function codegenPack(pack: IrPack, catalog: Catalog, packName: string): CodegenResult {
  // Card namespaces of "flocode/cards" (okta, slack, kernel...) stay free for typed card factories.
  const names = new IdentifierScope(cardNamespaces());
  const connectionNames = new Map(pack.connections.map((c) => [c.ref, names.take(`${c.name} connection`, "connection")]));
  const folderNames = new Map(pack.folders.map((x) => [x.ref, names.take(`${x.name} folder`, "folder")]));
  const tableNames = new Map(pack.tables.map((x) => [x.ref, names.take(`${x.name} table`, "table")]));
  const externalNames = new Map(pack.externalFlows.map((x) => [x.ref, names.take(x.name, "flow")]));
  const fileNames = new Set<string>();
  const flows = new Map(
    pack.flows.map((fl) => {
      const file = uniqueFileName(fl.name, fileNames);
      return [fl.ref, { module: `./${file}.js`, file: `${file}.ts`, binding: names.take(fl.name, "flow"), name: fl.name }];
    }),
  );
  const reserved = [
    ...cardNamespaces(),
    ...connectionNames.values(),
    ...folderNames.values(),
    ...tableNames.values(),
    ...externalNames.values(),
    ...[...flows.values()].map((x) => x.binding),
  ];
  const unmapped = unmappedHelperParams(pack);
  const packNames: PackNames = {
    connection: (ref) => connectionNames.get(ref),
    folder: (ref) => folderNames.get(ref),
    table: (ref) => tableNames.get(ref),
    tableColumns: (ref) => pack.tables.find((t) => t.ref === ref)?.columns,
    flow: (ref) => flows.get(ref),
    externalFlow: (ref) => externalNames.get(ref),
    unmappedParams: (ref) => unmapped.get(ref) ?? NONE,
    reserved,
  };
  const lossy: string[] = [];
  const seenConnections = new Set<string>();
  for (const c of pack.connections) {
    // One connection per connector and name (two connectors may share a name).
    const key = `${c.connector}\u0000${c.name}`;
    if (seenConnections.has(key)) lossy.push(`two ${c.connector} connections are named ${JSON.stringify(c.name)}; they become one`);
    seenConnections.add(key);
  }
  const files: GeneratedFile[] = [];
  files.push({ path: "resources.ts", text: resourcesFile(pack, { connectionNames, folderNames, tableNames, externalNames }, lossy) });
  let cards = 0;
  let rawCards = 0;
  const raw: CodegenResult["raw"] = [];
  // Namesakes build only when one is a copy of the other (the same flow exported twice: compile/lower/copies.ts).
  // Compared before any flow file is written.
  const namesakes = new Map<string, number>();
  for (const fl of pack.flows) namesakes.set(fl.name, (namesakes.get(fl.name) ?? 0) + 1);
  const firstContent = new Map<string, string>();
  for (const fl of pack.flows) {
    if (namesakes.get(fl.name)! < 2) continue;
    const content = flowContent(fl);
    const first = firstContent.get(fl.name);
    if (first !== undefined && first !== content)
      lossy.push(`two different flows are named ${JSON.stringify(fl.name)}; flocode needs unique flow names`);
    if (first === undefined) firstContent.set(fl.name, content);
  }
  for (const fl of pack.flows) {
    const target = flows.get(fl.ref)!;
    const r = writeFlowFile(fl, packNames, catalog, (groups) => printFile(target.file, [GENERATED_HEADER], groups));
    files.push({ path: target.file, text: r.text });
    cards += r.cards;
    rawCards += r.rawCards;
    raw.push(...r.raw.map((x) => ({ flow: fl.name, ...x })));
    lossy.push(...r.lossy.map((l) => `${fl.name}: ${l}`));
  }
  files.push({ path: "pack.ts", text: packFile(pack, packName, flows, { connectionNames, folderNames, tableNames, externalNames }) });
  return { files, cards, rawCards, raw, lossy };
}

/** A flow without its own ref (nor the mark lift puts on a copy): equal for two copies of one flow. */
function flowContent(flow: IrFlow): string {
  return JSON.stringify({ ...flow, ref: "", copyOf: undefined });
}

/** `<ascii-slug>.flow`, unique in the folder; a hash when the name has no usable character. */
function uniqueFileName(name: string, taken: Set<string>): string {
  let base = name
    .normalize("NFKD")
    .replace(/[^\x20-\x7e]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join("-")
    .slice(0, 60)
    .replace(/-+$/, "");
  if (base === "" || WINDOWS_RESERVED.test(base)) base = `flow-${base ? `${base}-` : ""}${nameHash(name)}`;
  let file = base;
  for (let n = 2; taken.has(file); n++) file = `${base}-${n}`;
  taken.add(file);
  return `${file}.flow`;
}

/** The identifiers the resources module exports, by IR ref. */
interface ResourceNames {
  connectionNames: Map<string, string>;
  folderNames: Map<string, string>;
  tableNames: Map<string, string>;
  externalNames: Map<string, string>;
}

function resourcesFile(pack: IrPack, names: ResourceNames, lossy: string[]): string {
  const { connectionNames: connections, folderNames: folders, tableNames: tables } = names;
  const ctx = new FileContext();
  const statements: ts.Statement[] = [];
  for (const c of pack.connections) {
    statements.push(
      exportConst(
        connections.get(c.ref)!,
        f.createCallExpression(ctx.use("flocode", "connection"), undefined, [literal(c.name), literal(c.connector)]),
      ),
    );
  }
  for (const folder of foldersParentFirst(pack.folders)) {
    const props: Array<[string, ts.Expression]> = [];
    if (folder.description !== "") props.push(["description", literal(folder.description)]);
    if (folder.parent !== null && folders.has(folder.parent)) props.push(["parent", f.createIdentifier(folders.get(folder.parent)!)]);
    const raw: Array<[string, ts.Expression]> = [];
    if (!folder.withPath) raw.push(["withPath", f.createFalse()]);
    if (folder.mediaUri !== "") raw.push(["mediaUri", literal(folder.mediaUri)]);
    if (raw.length > 0) props.push(["raw", objectLiteral(raw)]);
    const args: ts.Expression[] = [literal(folder.name)];
    if (props.length > 0) args.push(objectLiteral(props, props.length > 1));
    statements.push(exportConst(folders.get(folder.ref)!, f.createCallExpression(ctx.use("flocode", "folder"), undefined, args)));
  }
  for (const t of pack.tables) statements.push(exportConst(tables.get(t.ref)!, tableExpr(t, ctx, folders, lossy)));
  for (const x of pack.externalFlows) {
    const args: ts.Expression[] = [literal(x.name)];
    if (x.description !== "") args.push(objectLiteral([["description", literal(x.description)]]));
    statements.push(
      exportConst(names.externalNames.get(x.ref)!, f.createCallExpression(ctx.use("flocode", "externalFlow"), undefined, args)),
    );
  }
  return printFile("resources.ts", [GENERATED_HEADER], [ctx.imports(), statements]);
}

function tableExpr(t: IrTable, ctx: FileContext, folders: Map<string, string>, lossy: string[]): ts.Expression {
  const known = t.columns.every((c) => columnTypeOfCode(c.type) !== undefined);
  const columns = t.columns.map((c): [string, ts.Expression] => {
    const type = literal(columnTypeOfCode(c.type) ?? "string");
    return [
      c.name,
      c.default === null
        ? type
        : objectLiteral([
            ["type", type],
            ["default", literal(c.default)],
          ]),
    ];
  });
  const names = t.columns.map((c) => c.name);
  if (new Set(names).size !== names.length) lossy.push(`table ${JSON.stringify(t.name)} repeats a column name`);
  if (names.some((n) => /^(0|[1-9][0-9]*)$/.test(n))) lossy.push(`table ${JSON.stringify(t.name)}: numeric column names may change order`);
  const props: Array<[string, ts.Expression]> = [];
  if (t.description !== "") props.push(["description", literal(t.description)]);
  const raw: Array<[string, ts.Expression]> = [];
  if (t.folder && "ref" in t.folder && folders.has(t.folder.ref)) props.push(["folder", f.createIdentifier(folders.get(t.folder.ref)!)]);
  else if (t.folder && "dangling" in t.folder) raw.push(["folderId", literal(t.folder.dangling)]);
  else lossy.push(`table ${JSON.stringify(t.name)} is in no folder`);
  props.push(["columns", objectLiteral(columns, true)]);
  if (!known) raw.push(["columnTypes", literal(t.columns.map((c) => c.type))]);
  if (t.tableClass !== "simple") raw.push(["tableClass", literal(t.tableClass)]);
  if (raw.length > 0) props.push(["raw", objectLiteral(raw)]);
  return f.createCallExpression(ctx.use("flocode", "table"), undefined, [literal(t.name), objectLiteral(props, true)]);
}

function foldersParentFirst(folders: IrFolder[]): IrFolder[] {
  const out: IrFolder[] = [];
  const done = new Set<string>();
  const byRef = new Map(folders.map((x) => [x.ref, x]));
  const visit = (x: IrFolder, depth: number): void => {
    if (done.has(x.ref) || depth > 64) return;
    if (x.parent !== null && byRef.has(x.parent)) visit(byRef.get(x.parent)!, depth + 1);
    if (done.has(x.ref)) return;
    done.add(x.ref);
    out.push(x);
  };
  for (const x of folders) visit(x, 0);
  return out;
}

function packFile(pack: IrPack, packName: string, flows: Map<string, { module: string; binding: string }>, names: ResourceNames): string {
  const { connectionNames: connections, folderNames: folders, tableNames: tables } = names;
  const ctx = new FileContext();
  const res = (n: string): ts.Identifier => ctx.use(RESOURCES_MODULE, n);
  const props: Array<[string, ts.Expression]> = [
    ["name", literal(packName)],
    [
      "flows",
      f.createArrayLiteralExpression(
        pack.flows.map((fl) => ctx.useDefault(flows.get(fl.ref)!.module, flows.get(fl.ref)!.binding)),
        true,
      ),
    ],
  ];
  if (pack.folders.length > 0)
    props.push([
      "folders",
      f.createArrayLiteralExpression(
        pack.folders.map((x) => res(folders.get(x.ref)!)),
        false,
      ),
    ]);
  if (pack.tables.length > 0)
    props.push([
      "tables",
      f.createArrayLiteralExpression(
        pack.tables.map((x) => res(tables.get(x.ref)!)),
        false,
      ),
    ]);
  if (pack.connections.length > 0)
    props.push([
      "connections",
      f.createArrayLiteralExpression(
        pack.connections.map((x) => res(connections.get(x.ref)!)),
        false,
      ),
    ]);
  if (pack.externalFlows.length > 0)
    props.push([
      "externalFlows",
      f.createArrayLiteralExpression(
        pack.externalFlows.map((x) => res(names.externalNames.get(x.ref)!)),
        false,
      ),
    ]);
  if (pack.projectOverview !== undefined) props.push(["raw", objectLiteral([["projectOverview", literal(pack.projectOverview)]])]);
  const stmt = f.createExportAssignment(
    undefined,
    undefined,
    f.createCallExpression(ctx.use("flocode", "pack"), undefined, [objectLiteral(props, true)]),
  );
  return printFile("pack.ts", [GENERATED_HEADER], [ctx.imports(), [stmt]]);
}

function exportConst(name: string, init: ts.Expression): ts.Statement {
  return f.createVariableStatement(
    [f.createModifier(ts.SyntaxKind.ExportKeyword)],
    f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, undefined, init)], ts.NodeFlags.Const),
  );
}
