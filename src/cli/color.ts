/**
 * The one rule for color in flocode's output: `NO_COLOR` (set and not empty) turns it off, `FORCE_COLOR` (set,
 * not empty and not "0" or "false") turns it on whatever the stream and wins over NO_COLOR (as in Node.js itself);
 * otherwise color only on a terminal whose TERM is not "dumb". https://no-color.org
 * Colored text bypasses the terminal-output guard (it is written as bytes) only after its own text was escaped
 * by escapeTerminalControls, so the only control sequences that reach the terminal are the ones made here.
 */
import { escapeTerminalControls } from "../util/terminal-text.js";

export type Style = "red" | "green" | "yellow" | "dim" | "bold";

const CODES: Record<Style, [number, number]> = { red: [31, 39], green: [32, 39], yellow: [33, 39], dim: [2, 22], bold: [1, 22] };

export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return stream.isTTY === true && env.TERM !== "dumb";
}

/** The text in a style (escaped), or the text alone (escaped) when color is off. */
export function paint(style: Style, text: string, enabled: boolean): string {
  const safe = escapeTerminalControls(text);
  if (!enabled) return safe;
  const [on, off] = CODES[style];
  return `\u001b[${on}m${safe}\u001b[${off}m`;
}

/** Writes a line of painted parts to a stream, as bytes so that the terminal-output guard lets its colors pass. */
export function writeLine(stream: NodeJS.WritableStream, line: string): void {
  stream.write(Buffer.from(`${line}\n`, "utf8"));
}
