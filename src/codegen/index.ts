/**
 * IR → TypeScript (`flocode import`). Phases, in order:
 *
 *  1. read, validate, learn unknown cards, lift        src/cli/run-import.ts (importFlopack, runImportFile)
 *  2. name pack objects, one file per flow, pack.ts    pack-files.ts (codegenPack)
 *  3. per flow file (writeFlowFile), its state in      flow-file.ts, flow-context.ts (FlowContext)
 *     one FlowContext:
 *     a. an event wrapper becomes `event(...)`         event-flow.ts
 *     b. per scope: root, execution order (the walk:   plan-flow.ts, structure.ts (planScope), if-else.ts
 *        ../lift/structure.ts), If/Else and expand     (ifElseFolding), expand.ts
 *        folds
 *     c. the wormholes lower rebuilds itself           wormholes.ts (planWormholes)
 *     d. card variables: which, names, hoisting        card-variables.ts
 *     e. the trigger: `flow({...})` options            trigger.ts, trigger-root.ts
 *     f. scope bodies: steps, `ifElse`, `ifError`,     scope-body.ts, if-else.ts, if-error.ts, if-error-call.ts,
 *        inline flows, then f.edge/f.branch/f.pin      wiring-statements.ts
 *     g. per card: how lower will read it; Compose,    card-model.ts, card-spec.ts, compose.ts, typed-factory.ts,
 *        typed factory or `card(address, {...})`;      factories.ts, variant-choice.ts, spec-inputs.ts,
 *        its variant, inputs, refs, values, Tables     card-refs.ts, values.ts, where.ts, table-columns.ts,
 *        fields, custom fields, policy, joins          custom-fields.ts, error-policy.ts, card-joins.ts
 *  4. print: every value through literal(), keys       literal.ts, names.ts, unused.ts, print.ts
 *     through propertyKey(), names through IdentifierScope
 *
 * A high-level form (typed factory, schedule helper, ifElse, event...) is written only when lowering it gives
 * back exactly the same IR; otherwise the escape hatches say it. Nothing here splices data into code text.
 */
export { codegenPack, type CodegenResult, type GeneratedFile } from "./pack-files.js";
export { planScope, type ScopePlan, type Step } from "./structure.js";
export { literal, propertyKey, commentText } from "./literal.js";
export { IdentifierScope } from "./names.js";
