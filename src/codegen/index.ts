/**
 * IR → TypeScript (`flocode import`). Phases, in order:
 *
 *  1. read, validate, learn unknown cards, lift        src/cli/run-import.ts (importFlopack, runImportFile)
 *  2. name pack objects, one file per flow, pack.ts    pack-files.ts    (codegenPack)
 *  3. per scope: root, execution order, If/Else folds  structure.ts     (planScope, on ../lift/structure.ts)
 *  4. per card: how lower will read it, typed factory  card-model.ts, factories.ts
 *     or `card(address, {...})`, triggers              flow-file.ts, trigger.ts
 *  5. print: every value through literal(), keys        literal.ts, names.ts, unused.ts, print.ts
 *     through propertyKey(), names through IdentifierScope
 *
 * A high-level form (typed factory, schedule helper, ifElse, event...) is written only when lowering it gives
 * back exactly the same IR; otherwise the escape hatches say it. Nothing here splices data into code text.
 */
export { codegenPack, type CodegenResult, type GeneratedFile } from "./pack-files.js";
export { planScope, type ScopePlan, type Step } from "./structure.js";
export { literal, propertyKey, commentText } from "./literal.js";
export { IdentifierScope } from "./names.js";
