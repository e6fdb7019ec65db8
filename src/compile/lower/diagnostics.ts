/**
 * Every mistake of a target, found in one build. Lowering goes on past a mistake: each step that can fail on its
 * own (a card, an input, a wire, a flow) runs in `attempt`, which records the mistake and gives a stand-in;
 * what depends on a part that failed is skipped (`Cascade`), so that one root cause is reported once.
 * Mistakes found while the flow file ran are attached to the values it made (dsl/problems.ts) and reported here
 * when lowering meets the value.
 */
import { DslError } from "../../dsl/errors.js";
import { problemsOf, type Problem } from "../../dsl/problems.js";
import { compareStrings } from "../../util/compare.js";

/** Thrown to abandon a step that depends on a part already reported as wrong: reported by no one. */
export class Cascade extends Error {
  constructor() {
    super("depends on a mistake already reported");
    this.name = "Cascade";
  }
}

export class Diagnostics {
  private readonly errors: DslError[] = [];
  private readonly seen = new Set<string>();
  private readonly reportedValues = new WeakSet<object>();

  report(error: DslError): void {
    if (this.seen.has(error.message)) return;
    this.seen.add(error.message);
    this.errors.push(error);
  }

  /** Reports the mistakes attached to a value (once per value) and returns them. */
  problemsOf(value: object): readonly Problem[] {
    const problems = problemsOf(value);
    if (problems.length > 0 && !this.reportedValues.has(value)) {
      this.reportedValues.add(value);
      for (const p of problems) this.report(p.error);
    }
    return problems;
  }

  get count(): number {
    return this.errors.length;
  }

  /** The mistakes in source order: by file, line and column; those without a position last, as found. */
  sorted(): DslError[] {
    return this.errors
      .map((e, i) => ({ e, i }))
      .sort((a, b) => {
        const x = a.e.site;
        const y = b.e.site;
        if (!x || !y) return (x ? -1 : y ? 1 : 0) || a.i - b.i;
        return compareStrings(x.file, y.file) || x.line - y.line || x.column - y.column || a.i - b.i;
      })
      .map(({ e }) => e);
  }
}

/**
 * Runs one step; a mistake in it (a DslError) is recorded and `fallback` gives its stand-in, a `Cascade` gives the
 * stand-in silently. Anything else is a bug in flocode and goes on up.
 */
export function attempt<T>(diagnostics: Diagnostics, step: () => T, fallback: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof Cascade) return fallback();
    if (error instanceof DslError || (error instanceof Error && error.name === "DslError")) {
      diagnostics.report(error as DslError);
      return fallback();
    }
    throw error;
  }
}
