/**
 * The card catalog: card templates by address and variant, learned from real exports.
 *
 * 1. walk      every card of a flopack, inline flows included (`forEachCard`)
 * 2. learn     cards → templates grouped by (address, variant) (`CatalogLearner`, `learnFromFlopack`)
 * 3. store     lookups: default variant, variant by option values (`Catalog`, `loadCatalog`)
 * 4. files     built-in `catalog/*.json` and a project's `flocode.catalog.json` (`readCatalogFile`, `writeCatalogFile`)
 * 5. shapes    the settable inputs and the outputs of an address, named as the typed factories name them
 *              (`cardShape`, `resolveOutputName`), and which factory stands for an address (`planFactories`, `factoryFor`);
 *              the generator that writes the factories is src/codegen/card-factories.ts (`npm run gen:cards`)
 */
export { type CatalogEntry, mergeEntries, optionValues, compareEntries, MAX_SOURCES } from "./entry.js";
export { forEachCard, inlineFlowsOf, type CardVisit } from "./walk.js";
export { CatalogLearner, learnFromFlopack } from "./learn.js";
export { Catalog, loadCatalog, type LoadCatalogOptions } from "./store.js";
export {
  PROJECT_CATALOG_FILE,
  PROJECT_CATALOG_COMMENT,
  findProjectCatalog,
  readCatalogFile,
  writeCatalogFile,
  parseCatalogText,
  renderCatalogText,
  builtinCatalogDir,
  type CatalogFile,
} from "./file.js";
export { learnIntoProjectCatalog, type LearnReport } from "./project.js";
export { cardShape, COMMON_PROPS, type CardShape, type InputShape, type OutputShape, type ValueShape } from "./shape.js";
export { resolveInputName, resolveOutputName, shapeOf, type EntryName } from "./resolve.js";
export { planFactories, factoryFor, factoryShapes, type PlannedModule, type PlannedFactory, type FactoryRef } from "./factory-plan.js";
export { templateOf, variantOf, optionsOf, isInstanceEntry } from "./template.js";
