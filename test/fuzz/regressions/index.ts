/**
 * Inputs the fuzz test found crashing, shrunk (test/fuzz/minimize.ts) and kept: each must keep the CLI contract
 * under every fuzzed command (see regressions.test.ts).
 *
 * `open` marks a crash in code this suite does not fix (another owner's module): its regression test expects the
 * breach (it fails once the crash is fixed: then delete `open`), and the fuzz test tolerates the same breach
 * (same command, same message) so that it keeps looking for new ones.
 */
export interface Regression {
  file: string;
  /** What crashed, and where. */
  what: string;
  open?: { command: string; breach: string };
}

export const REGRESSIONS: Regression[] = [
  {
    file: "import-event-flow-pins-into.flopack",
    what: "import of an Okta event flow (event card → For Each - Ignore Errors wrapper; dist/welcome-new-user.flopack shrunk): TypeError in FlowWriter.pinsInto (src/codegen/flow-file.ts), from dec8520 until fixed in codegen",
  },
  {
    file: "import-getter-of-later-card.flopack",
    what: "import of a flow whose expand card's output source is a card placed after it (a mutated reference): import writes a getter, `source: { get card() { return now; } }`, which the check of values JSON cannot hold (src/dsl/plain-value.ts) ran when the expand card was placed: build failed with `Cannot access 'now' before initialization`",
  },
  {
    file: "import-source-without-card.flopack",
    what: "import of a hidden expand field whose srcMethodId was dropped (its srcOutputId kept): import writes `source: { output: { dangling } }` with no card, and build crashed (TypeError in cardLink, src/compile/lower/lowered-cards.ts) until `source.card` became optional",
  },
  {
    file: "import-stubs-only.flopack",
    what: "an export whose every flow is a stub (`data: null`, found by the 10,000-case fuzz): validate passed and import wrote a pack of externalFlow(...) only, whose build failed with the unlocated `pack.ts: the pack has no flows`; FP103 now refuses a pack of stubs only, as Okta never exports one",
  },
  {
    file: "type-text-in-message.flopack",
    what: "a list item whose output type is arbitrary text with line breaks (found by the 10,000-case fuzz): build's message on a For Each fromItem printed the type raw, a message over three lines; an export's type text is now quoted (describeType, src/shapes/conversion.ts)",
  },
];
