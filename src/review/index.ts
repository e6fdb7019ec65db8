/**
 * Review tools: what a person reads instead of flopack JSON.
 *
 * Pipeline: flopack JSON (a .flopack file, or a .flow.ts compiled by src/cli/review-input.ts) ──buildPackView (pack-view.ts)──▶ PackView, an id-free
 * presentation model (steps in execution order, branches and inline flows nested, wires as card.output) ──▶
 *   renderShow (show.ts): canonical YAML, also the git textconv driver;
 *   diffPacks (diff.ts) + formatDiffText / formatDiffMarkdown (diff-format.ts): card-level semantic diff;
 *   graphModel (graph.ts) ──▶ renderMermaid | renderDot ──▶ renderSvg (graph-svg.ts, Graphviz WASM);
 *   checklist / checklistFromView (checklist.ts) + formatChecklist / checklistJson: the import checklist.
 */
export { buildPackView } from "./pack-view.js";
export { describeSchedule } from "./schedule.js";
export { refText } from "./wires.js";
export type { PackView, FlowView, Card, Ref, Block } from "./view-types.js";
export { renderShow, showDocument } from "./show.js";
export { diffPacks, type Change, type ChangeKind, type DiffResult, type Renames } from "./diff.js";
export { formatDiffText, formatDiffMarkdown } from "./diff-format.js";
export { graphModel, renderMermaid, renderDot, mermaidText, type GraphModel, type GraphOptions } from "./graph.js";
export { renderSvg } from "./graph-svg.js";
export { checklist, checklistFromView, formatChecklist, checklistJson, type ChecklistItem, type ChecklistKind } from "./checklist.js";
