/**
 * `flocode run`: loads the file, the input, the mocks and the table rows, simulates the flow and prints its
 * execution history (or the result as JSON). Problems with the command line or the files are one-line errors
 * (exit 2); how the flow ran decides 0 or 1.
 */
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { loadDefaultExport } from "../compile/load-source.js";
import { packFileIn } from "../compile/targets.js";
import { readTextFile } from "../format/parse.js";
import type { CardMock, HttpMock, Mocks } from "../simulate/mocks.js";
import { formatHistory } from "../simulate/history.js";
import { simulatePack } from "../simulate/simulate.js";
import { SimulationStop } from "../simulate/errors.js";
import { isObj } from "../simulate/functions/values.js";
import { loadSource } from "../testing/load.js";
import { UserError } from "../util/errors.js";
import type { RunOptions } from "./run.js";

export async function runSimulation(given: string, options: RunOptions): Promise<number> {
  if (!existsSync(given)) throw new UserError(`${given}: no such file or folder`, 2);
  const file = statSync(given).isDirectory() ? packFileIn(given) : given;
  if (file === undefined)
    throw new UserError(`${given}: a folder, but not a pack folder (no pack.ts): give a flow file or a pack folder`, 2);
  const input = options.input === undefined ? {} : jsonArgument(options.input, "--input");
  if (!isObj(input)) throw new UserError(`--input must be a JSON object of the trigger's fields`, 2);
  const tables = options.tables === undefined ? {} : jsonArgument(options.tables, "--tables");
  if (!isObj(tables) || !Object.values(tables).every((rows) => Array.isArray(rows) && rows.every(isObj))) {
    throw new UserError(`--tables must be a JSON object: table name → list of rows (column → value)`, 2);
  }
  const mocks = options.mocks === undefined ? {} : await readMocks(options.mocks);
  const source = await loadSource(resolve(file));
  let result;
  try {
    result = simulatePack(source, {
      input,
      tables: tables as Record<string, Array<Record<string, unknown>>>,
      mocks: { ...mocks, auto: options.autoMocks === true || mocks.auto === true },
      ...(options.flow !== undefined ? { flow: options.flow } : {}),
      ...(options.now !== undefined ? { now: options.now } : {}),
    });
  } catch (error) {
    if (error instanceof SimulationStop) throw new UserError(`${file}: ${error.message}`, 2);
    throw error;
  }
  process.stdout.write(options.json ? JSON.stringify(result, null, 2) + "\n" : formatHistory(result));
  return result.status === "completed" || result.status === "stopped" ? 0 : 1;
}

/** A JSON argument given inline or as @file. */
function jsonArgument(value: string, option: string): unknown {
  const fromFile = value.startsWith("@");
  const text = fromFile ? readText(value.slice(1)) : value;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new UserError(`${option}${fromFile ? ` ${value.slice(1)}` : ""}: not JSON: ${why}`, 2);
  }
}

function readText(path: string): string {
  const read = readTextFile(path);
  if (!read.ok) throw new UserError(read.findings[0]?.message ? `${path}: ${read.findings[0].message}` : `${path}: cannot read`, 2);
  return read.text;
}

async function readMocks(path: string): Promise<Mocks> {
  if (/\.(ts|mts|js|mjs)$/.test(path)) {
    if (!existsSync(path)) throw new UserError(`--mocks ${path}: no such file`, 2);
    const exported = await loadDefaultExport(resolve(path));
    const list = Array.isArray(exported) ? (exported as Array<{ kind?: string }>) : undefined;
    if (!list) throw new UserError(`--mocks ${path}: the default export must be a list of mock(...) / httpMock(...)`, 2);
    return {
      cards: list.filter((m) => m?.kind === "card") as unknown as CardMock[],
      http: list.filter((m) => m?.kind === "http") as unknown as HttpMock[],
    };
  }
  return mocksFromJson(jsonArgument(`@${path}`, "--mocks"), path);
}

/** The JSON form of mocks: `{ cards: { name: outputs } | [{ card, outputs }], http: [{ method, url, status, headers, body }], auto }`. */
export function mocksFromJson(json: unknown, file: string): Mocks {
  const bad = (why: string): never => {
    throw new UserError(`--mocks ${file}: ${why}`, 2);
  };
  if (!isObj(json)) return bad(`expected an object { "cards": {...}, "http": [...], "auto": false }`);
  for (const key of Object.keys(json))
    if (!["cards", "http", "auto"].includes(key)) bad(`unknown key ${JSON.stringify(key)} (expected "cards", "http", "auto")`);
  const cards: CardMock[] = [];
  if (Array.isArray(json.cards)) {
    json.cards.forEach((c, i) => {
      if (!isObj(c) || typeof c.card !== "string" || !isObj(c.outputs))
        bad(`cards[${i}] must be { "card": "connector.action", "outputs": {...} }`);
      cards.push({ card: (c as { card: string }).card, outputs: (c as { outputs: Record<string, unknown> }).outputs });
    });
  } else if (isObj(json.cards)) {
    for (const [card, outputs] of Object.entries(json.cards)) {
      if (!isObj(outputs)) bad(`cards[${JSON.stringify(card)}] must be an object of outputs`);
      cards.push({ card, outputs: outputs as Record<string, unknown> });
    }
  } else if (json.cards !== undefined) bad(`"cards" must be an object (card name → outputs) or a list`);
  const http: HttpMock[] = [];
  if (json.http !== undefined && !Array.isArray(json.http))
    bad(`"http" must be a list of { "method", "url", "status", "headers", "body" }`);
  (Array.isArray(json.http) ? json.http : []).forEach((h, i) => {
    if (!isObj(h) || typeof h.url !== "string") return bad(`http[${i}] needs a "url"`);
    if (h.method !== undefined && typeof h.method !== "string") bad(`http[${i}].method must be a text (GET, POST...)`);
    const r = isObj(h.response) ? h.response : h;
    if (r.status !== undefined && typeof r.status !== "number") bad(`http[${i}].status must be a number`);
    if (r.headers !== undefined && !isObj(r.headers)) bad(`http[${i}].headers must be an object`);
    const response = {
      ...(r.status !== undefined ? { status: r.status as number } : {}),
      ...(r.headers !== undefined ? { headers: r.headers as Record<string, unknown> } : {}),
      ...("body" in r ? { body: r.body } : {}),
    };
    http.push({ ...(typeof h.method === "string" ? { method: h.method } : {}), url: h.url, response });
  });
  if (json.auto !== undefined && typeof json.auto !== "boolean") bad(`"auto" must be true or false`);
  return { cards, http, auto: json.auto === true };
}
