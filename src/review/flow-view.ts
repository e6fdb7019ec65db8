/**
 * One flow as a reviewer reads it (FLOPACK §3.3, §6, §10 "decompiler checklist"): index its top-level scope, walk
 * it (src/review/scope-view.ts) with the Okta event wrapper folded away, label every card, then resolve inputs.
 */
import { isKernel } from "./address.js";
import { foldEventWrapper, resolveInputs } from "./card-inputs.js";
import { folderName } from "./folders.js";
import { compareStrings, get, isObject, str } from "./json.js";
import { assignLabels } from "./labels.js";
import { indexRawScope } from "./raw-scope.js";
import { describeSchedule } from "./schedule.js";
import { walkScope } from "./scope-view.js";
import type { FlowContext, PackContext } from "./view-context.js";
import type { Card, FlowView, TriggerKind } from "./view-types.js";

export function buildFlow(flo: unknown, pack: PackContext, folders: Map<string, string>): FlowView {
  const fd = get(flo, "data");
  const flow: FlowContext = { pack, order: [], anomalies: [], sources: new Map() };
  const scope = indexRawScope(fd, null, null, null, flow.anomalies);
  const walked = walkScope(scope, flow, "", true);
  let trigger = walked.root;
  let steps = walked.steps;
  const unreachable = walked.unreachable;

  let triggerKind: TriggerKind = "unknown";
  const scheduled = get(fd, "scheduled") === true;
  if (trigger) {
    const k = trigger.kind;
    if (isKernel(k, "control", "callable")) triggerKind = scheduled ? "schedule" : "helper";
    else if (isKernel(k, "http", "accept")) triggerKind = "api-endpoint";
    else if (isKernel(k, "http", "delegated")) triggerKind = "delegated";
    else if (isKernel(k, "control", "noop")) triggerKind = "manual";
    else if (!k.kernel) triggerKind = "event";
  }
  // Okta event flows are stored as [event card → For Each - Ignore Errors(inline flow)] (FLOPACK §3.10).
  let wrapper: Card | undefined;
  if (trigger && triggerKind === "event" && steps.length === 1 && unreachable.length === 0) {
    const only = steps[0]!;
    const inline = only.blocks[0];
    if (isKernel(only.kind, "list", "asyncEach") && only.blocks.length === 1 && inline) {
      if (inline.root) {
        inline.root.label = trigger.label;
        pack.aliases.set(inline.root, trigger);
      }
      only.pos = -1;
      wrapper = only;
      steps = inline.steps;
      unreachable.push(...inline.unreachable);
    }
  }

  const cards = assignLabels(flow);
  if (trigger) flow.trigger = trigger;
  flow.scheduled = scheduled;
  resolveInputs(flow);
  if (wrapper && trigger) foldEventWrapper(flow, wrapper, trigger);

  const cron = get(fd, "cron");
  const schedule = scheduled || (isObject(cron) && Object.keys(cron).length > 0) ? describeSchedule(cron) : null;
  if (trigger && trigger.pos === -1) trigger = null;
  return {
    name: str(get(flo, "name")) ?? "(unnamed flow)",
    description: str(get(flo, "description")) ?? "",
    folder: folderName(folders, get(fd, "group")),
    triggerKind,
    trigger,
    schedule,
    saveAllData: get(fd, "log") === true,
    securityLevel: str(get(fd, "security_level")) ?? null,
    steps,
    unreachable,
    notes: walked.notes,
    anomalies: [...new Set(flow.anomalies)].sort(compareStrings),
    cards,
  };
}
