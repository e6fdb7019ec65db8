import { conformance } from "./conformance.js";
import { CASE_FILES } from "./cases/index.js";

for (const [, cases] of CASE_FILES) conformance(cases);
