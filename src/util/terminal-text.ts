/**
 * Characters that change what a terminal shows rather than showing themselves: C0 controls (except tab and
 * newline), DEL, C1 controls (U+009B is a one-byte escape sequence introducer), the bidirectional controls that
 * reorder text (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) and the Unicode line separators. Names and
 * texts from a flopack reach the terminal through every command's output; none of these may reach it raw.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, "g");

export function hasTerminalControls(text: string): boolean {
  return UNSAFE.test(text);
}

/**
 * The text with each such character written as a `\uXXXX` escape. Inside JSON strings and YAML double-quoted
 * scalars that escape means the same character, so machine-readable output keeps its meaning.
 */
export function escapeTerminalControls(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`) : text;
}
