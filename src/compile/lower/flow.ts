/** One recorded flow → an IR flow: its body (inside the wrapper of event flows), folder, schedule and flow options. */
import type { IrCron, IrFlow, IrScope, JsonObject } from "../../ir/types.js";
import { cloneJson } from "../../util/json.js";
import { DslError } from "../../dsl/errors.js";
import type { TriggerSpec } from "../../dsl/types.js";
import { DEFAULT_EXTRA_FLOW_KEYS } from "../../shapes/flow.js";
import { timeZoneProblem } from "../../dsl/schedule.js";
import { toJson } from "./constants.js";
import { attempt } from "./diagnostics.js";
import { eventWrapper } from "./event-wrapper.js";
import { folderRef } from "./pack-objects.js";
import type { FlowRecording } from "./record.js";
import { lowerBody, lowerInline } from "./scope.js";
import { newFlowState, type PackState } from "./state.js";

export function lowerFlow(pack: PackState, rec: FlowRecording): IrFlow {
  const def = rec.def;
  const trigger = def.options.trigger;
  const event = rec.eventCard ? { card: rec.eventCard, root: rec.root } : undefined;
  const state = newFlowState(pack, { token: rec.recording.flow, name: def.options.name, event, inlines: rec.inlines }, lowerInline);
  const diagnostics = pack.diagnostics;
  diagnostics.problemsOf(trigger);
  if (trigger.kind === "schedule") {
    const problem = timeZoneProblem(trigger.cron?.timeZone);
    if (problem) diagnostics.report(new DslError(problem, trigger.site ?? def.site));
  }
  const body = lowerBody(state, rec.recording);
  const eventCard = rec.eventCard;
  const top: IrScope = eventCard
    ? attempt(
        diagnostics,
        () => eventWrapper(state, eventCard, body, trigger.site ?? def.site, trigger.kind === "event" ? trigger : undefined),
        () => body,
      )
    : body;
  let saveAllData = def.options.saveAllData ?? true;
  if (typeof saveAllData !== "boolean") {
    diagnostics.report(new DslError(`flow ${JSON.stringify(def.options.name)}: saveAllData must be true or false`, def.site));
    saveAllData = true;
  }
  const raw = def.options.raw;
  const securityLevel =
    trigger.kind === "apiEndpoint" ? (trigger.security === "open" ? "open" : "medium") : trigger.kind === "delegated" ? "high" : null;
  return {
    ref: pack.flows.refs.get(def)!,
    name: def.options.name,
    description: def.options.description ?? "",
    folder: raw?.folderId !== undefined ? { dangling: raw.folderId } : { ref: folderRef(pack.objects, def.options.folder) },
    saveAllData,
    schedule: trigger.kind === "schedule" ? cronOf(trigger) : null,
    securityLevel: raw && "securityLevel" in raw ? (raw.securityLevel ?? null) : securityLevel,
    body: top,
    extraKeys: raw?.extraKeys
      ? attempt(
          diagnostics,
          () => toJson(raw.extraKeys, "raw.extraKeys", def.site) as JsonObject,
          () => cloneJson(DEFAULT_EXTRA_FLOW_KEYS),
        )
      : cloneJson(DEFAULT_EXTRA_FLOW_KEYS),
  };
}

function cronOf(trigger: Extract<TriggerSpec, { kind: "schedule" }>): IrCron {
  const c = trigger.cron;
  return {
    seconds: "00",
    minutes: c.minutes,
    hours: c.hours,
    dayOfTheMonth: c.dayOfTheMonth,
    month: c.month,
    dayOfTheWeek: c.dayOfTheWeek,
    startDate: c.startDate,
    endDate: c.endDate,
    recurrence: 0,
    timeZone: c.timeZone,
  };
}
