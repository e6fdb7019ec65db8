/** Every conformance case, by the file that holds it (docs/simulated-cards.md names the file and counts its cases). */
import type { ConformanceCase } from "../conformance.js";
import { dateCases } from "./date.js";
import { encodingCases } from "./encoding.js";
import { listCases } from "./list.js";
import { logicCases } from "./logic.js";
import { numberCases } from "./number.js";
import { objectCases } from "./object.js";
import { tableCases } from "./tables.js";
import { textCases } from "./text.js";

export const CASE_FILES: ReadonlyArray<readonly [file: string, cases: readonly ConformanceCase[]]> = [
  ["test/simulate/functions/cases/text.ts", textCases],
  ["test/simulate/functions/cases/number.ts", numberCases],
  ["test/simulate/functions/cases/logic.ts", logicCases],
  ["test/simulate/functions/cases/date.ts", dateCases],
  ["test/simulate/functions/cases/list.ts", listCases],
  ["test/simulate/functions/cases/object.ts", objectCases],
  ["test/simulate/functions/cases/encoding.ts", encodingCases],
  ["test/simulate/functions/cases/tables.ts", tableCases],
];
