/**
 * The options object of `flow({...})`: name, description, folder, "save all data", the trigger (a
 * `schedule.*` helper read back from the cron fields, `apiEndpoint`, `helperFlow`, `delegatedFlow`, `manual`,
 * or the root card itself), and `root` / `raw` only where lower would otherwise build something else.
 */
import { ts } from "ts-morph";
import type { IrCard, IrCron, IrFlow, Json } from "../ir/types.js";
import { shapeChangesExpr } from "./inline-shape.js";
import { DEFAULT_EXTRA_FLOW_KEYS } from "../shapes/flow.js";
import { TIME_ZONES } from "../shapes/choices.js";
import { jsonEqual } from "../util/json.js";
import type { FileContext } from "./file-context.js";
import { literal, objectLiteral } from "./literal.js";
import {
  ACCEPT_ADDRESS,
  CALLABLE_ADDRESS,
  DELEGATED_ADDRESS,
  HELPER_FLOW_NAME,
  NOOP_ADDRESS,
  SCHEDULED_FLOW_NAME,
} from "../shapes/known-cards.js";

const f = ts.factory;

export interface TriggerContext {
  ctx: FileContext;
  /**
   * Event flows written with `event(...)`: the event card's spec, and the name, variant and comments lower gives
   * the body's root (the event card's own name and comments, Okta repeats them there).
   */
  event?: {
    spec: ts.Expression;
    rootName: string;
    rootVariant: string | undefined;
    rootComments: Json | undefined;
    wrapperVariant?: string;
    inline?: Array<[string, Json | undefined]>;
  };
  /** The root's custom fields when the trigger helper makes exactly them (then no `root` is needed). */
  params?: Array<{ group: string | null; key: string; type: string; optional?: boolean }>;
  spec(card: IrCard): ts.Expression;
  /**
   * Whether the root is exactly what lower builds for the trigger (template name and variant, no instance data;
   * the template's comments, or `comments` when given).
   */
  isVanillaRoot(card: IrCard, expected: { name?: string; variant?: string; comments?: Json }): boolean;
  folder(ref: string): ts.Expression | undefined;
  /** The variant lower picks for a root of this address (and name, for callables). */
  defaultVariant(address: string, name: string | undefined): string | undefined;
}

export function triggerOptions(flow: IrFlow, root: IrCard | undefined, t: TriggerContext, lossy: string[]): ts.Expression {
  const props: Array<[string, ts.Expression]> = [["name", literal(flow.name)]];
  if (flow.description !== "") props.push(["description", literal(flow.description)]);
  const raw: Array<[string, ts.Expression]> = [];
  if (flow.folder && "ref" in flow.folder) {
    const folder = t.folder(flow.folder.ref);
    if (folder) props.push(["folder", folder]);
    else lossy.push(`flow ${JSON.stringify(flow.name)}: folder not found`);
  } else if (flow.folder && "dangling" in flow.folder) raw.push(["folderId", literal(flow.folder.dangling)]);
  else lossy.push(`flow ${JSON.stringify(flow.name)} is in no folder; the built flow will be in the pack's folder`);
  if (!flow.saveAllData) props.push(["saveAllData", f.createFalse()]);

  let trigger: ts.Expression;
  let implied: string | null = null;
  let expectedRoot: { address: string; name?: string; variant?: string; comments?: Json } | undefined;
  const address = root?.address;
  if (t.event && !flow.schedule) {
    const options: Array<[string, ts.Expression]> = [];
    if (t.event.wrapperVariant !== undefined) options.push(["wrapperVariant", literal(t.event.wrapperVariant)]);
    if (t.event.inline !== undefined) options.push(["inline", shapeChangesExpr(t.event.inline)]);
    trigger = call(t.ctx, "event", options.length > 0 ? [t.event.spec, objectLiteral(options, true)] : [t.event.spec]);
    expectedRoot = {
      address: CALLABLE_ADDRESS,
      name: t.event.rootName,
      ...(t.event.rootVariant !== undefined ? { variant: t.event.rootVariant } : {}),
      ...(t.event.rootComments !== undefined ? { comments: t.event.rootComments } : {}),
    };
  } else if (flow.schedule) {
    trigger = scheduleExpr(flow.schedule, t.ctx, lossy);
    expectedRoot = { address: CALLABLE_ADDRESS, name: SCHEDULED_FLOW_NAME };
  } else if (address === ACCEPT_ADDRESS) {
    const open = flow.securityLevel === "open";
    const opts: Array<[string, ts.Expression]> = open ? [["security", literal("open")]] : [];
    for (const g of ["body", "query", "headers"]) {
      const fields = (t.params ?? []).filter((p) => p.group === g);
      if (fields.length > 0) opts.push([g, paramsObject(fields)]);
    }
    trigger = call(t.ctx, "apiEndpoint", opts.length > 0 ? [objectLiteral(opts)] : []);
    implied = open ? "open" : "medium";
    expectedRoot = { address: ACCEPT_ADDRESS };
  } else if (address === DELEGATED_ADDRESS) {
    trigger = call(t.ctx, "delegatedFlow", t.params ? [objectLiteral([["params", paramsObject(t.params)]])] : []);
    implied = "high";
    expectedRoot = { address: DELEGATED_ADDRESS };
  } else if (address === CALLABLE_ADDRESS) {
    trigger = call(t.ctx, "helperFlow", t.params ? [objectLiteral([["params", paramsObject(t.params)]])] : []);
    expectedRoot = { address: CALLABLE_ADDRESS, name: HELPER_FLOW_NAME };
  } else if (address === NOOP_ADDRESS || root === undefined) {
    trigger = call(t.ctx, "manual", []);
    expectedRoot = { address: NOOP_ADDRESS };
    if (!root) lossy.push(`flow ${JSON.stringify(flow.name)} has no root card`);
  } else {
    trigger = objectLiteral([
      ["kind", literal("card")],
      ["card", t.spec(root)],
    ]);
  }
  props.push(["trigger", trigger]);
  if (root && expectedRoot) {
    const eventRoot = t.event !== undefined && !flow.schedule;
    const variant = eventRoot ? expectedRoot.variant : t.defaultVariant(expectedRoot.address, expectedRoot.name);
    // An event card that does not say its fields makes no start card: its root is written out.
    const known = variant !== undefined || !eventRoot;
    const vanilla =
      t.params !== undefined ||
      (root.address === expectedRoot.address &&
        known &&
        t.isVanillaRoot(root, {
          name: expectedRoot.name,
          variant,
          ...(expectedRoot.comments !== undefined ? { comments: expectedRoot.comments } : {}),
        }));
    if (!vanilla) props.push(["root", t.spec(root)]);
  }
  if (flow.securityLevel !== implied) raw.push(["securityLevel", literal(flow.securityLevel)]);
  if (!jsonEqual(flow.extraKeys, DEFAULT_EXTRA_FLOW_KEYS)) raw.push(["extraKeys", literal(flow.extraKeys)]);
  if (raw.length > 0) props.push(["raw", objectLiteral(raw, true)]);
  return objectLiteral(props, true);
}

function paramsObject(params: ReadonlyArray<{ key: string; type: string; optional?: boolean }>): ts.Expression {
  return objectLiteral(
    params.map((p): [string, ts.Expression] => [p.key, literal(p.optional ? `${p.type}?` : p.type)]),
    params.length > 3,
  );
}

function call(ctx: FileContext, name: string, args: ts.Expression[]): ts.Expression {
  return f.createCallExpression(ctx.use("flocode", name), undefined, args);
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const NUM = /^(0|[1-9][0-9]?)$/;

/** The `schedule.*` call that rebuilds these cron fields exactly; `schedule.cron` when no helper does. */
export function scheduleExpr(c: IrCron, ctx: FileContext, lossy: string[]): ts.Expression {
  if (c.seconds !== "00" || c.recurrence !== 0)
    lossy.push(`schedule seconds ${JSON.stringify(c.seconds)} / recurrence ${String(c.recurrence)} are not expressible`);
  // A zone outside the canonical list (older exports hold "US/Pacific") is written as it is, cast explicitly.
  const zone = (TIME_ZONES as readonly string[]).includes(c.timeZone)
    ? literal(c.timeZone)
    : f.createAsExpression(literal(c.timeZone), f.createTypeReferenceNode(ctx.useType("flocode", "TimeZone")));
  const common: Array<[string, ts.Expression]> = [["timeZone", zone]];
  if (c.startDate !== "") common.push(["startDate", literal(c.startDate)]);
  if (c.endDate !== "") common.push(["endDate", literal(c.endDate)]);
  const helper = (name: string, props: Array<[string, ts.Expression]>): ts.Expression =>
    f.createCallExpression(f.createPropertyAccessExpression(ctx.use("flocode", "schedule"), name), undefined, [
      objectLiteral([...props, ...common]),
    ]);
  const n = (s: string, min: number, max: number): number | undefined =>
    NUM.test(s) && Number(s) >= min && Number(s) <= max ? Number(s) : undefined;
  const every = (s: string, max: number): number | undefined => (s.startsWith("*/") ? n(s.slice(2), 1, max) : undefined);
  const at = (): string | undefined => {
    const h = n(c.hours, 0, 23);
    const m = n(c.minutes, 0, 59);
    return h === undefined || m === undefined ? undefined : `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
  };
  const rest = (dom: string, month: string, dow: string): boolean => c.dayOfTheMonth === dom && c.month === month && c.dayOfTheWeek === dow;
  if (every(c.minutes, 59) !== undefined && c.hours === "*" && rest("*", "*", "*"))
    return helper("everyMinutes", [["every", literal(every(c.minutes, 59)!)]]);
  if (n(c.minutes, 0, 59) !== undefined && every(c.hours, 23) !== undefined && rest("*", "*", "*")) {
    const props: Array<[string, ts.Expression]> = [];
    if (every(c.hours, 23) !== 1) props.push(["every", literal(every(c.hours, 23)!)]);
    if (n(c.minutes, 0, 59) !== 0) props.push(["atMinute", literal(n(c.minutes, 0, 59)!)]);
    return helper("hourly", props);
  }
  const time = at();
  if (time !== undefined) {
    if (rest("*/1", "*", "*")) return helper("daily", [["at", literal(time)]]);
    if (c.dayOfTheMonth === "*" && c.month === "*" && /^[0-6](,[0-6])*$/.test(c.dayOfTheWeek)) {
      const days = c.dayOfTheWeek.split(",").map(Number);
      const canonical = [...new Set(days)].sort((a, b) => a - b).join(",");
      if (canonical === c.dayOfTheWeek)
        return helper("weekly", [
          ["on", literal(days.map((d) => WEEKDAYS[d]!))],
          ["at", literal(time)],
        ]);
    }
    const day = n(c.dayOfTheMonth, 1, 31);
    if (day !== undefined && c.dayOfTheWeek === "*") {
      if (c.month === "*/1")
        return helper("monthly", [
          ["day", literal(day)],
          ["at", literal(time)],
        ]);
      const m = /^([1-9]|1[0-2])-12\/([2-9]|1[0-2])$/.exec(c.month);
      if (m) {
        const props: Array<[string, ts.Expression]> = [
          ["day", literal(day)],
          ["at", literal(time)],
          ["everyMonths", literal(Number(m[2]))],
        ];
        if (m[1] !== "1") props.push(["startMonth", literal(Number(m[1]))]);
        return helper("monthly", props);
      }
    }
  }
  return helper("cron", [
    ["minutes", literal(c.minutes)],
    ["hours", literal(c.hours)],
    ["dayOfTheMonth", literal(c.dayOfTheMonth)],
    ["month", literal(c.month)],
    ["dayOfTheWeek", literal(c.dayOfTheWeek)],
  ]);
}
