/**
 * Semantic rules over a flopack (what JSON Schema cannot say: references resolve, one start card, schedule ⇔ cron…).
 *
 * Pipeline: document ──buildIndex (one traversal)──▶ FlopackIndex ──each rule's check / visitCard, reporting──▶ Finding[].
 * One rule per file, named by its slug; the ordered list is registry.ts; retired codes in retired.ts.
 */
export { RULES } from "./registry.js";
export { RETIRED } from "./retired.js";
export { CHECKED_ON, evidenceSentence, type CorpusEvidence } from "./evidence.js";
export { runRules, type RunRulesOptions } from "./run.js";
export { validateFlopack, validateText, type ValidateOptions } from "./validate.js";
export { buildIndex, type FlopackIndex, type CardView, type ScopeView, type FlowView, type EdgeView, type PinView } from "./model.js";
export type { Rule, RuleContext, Report } from "./types.js";
