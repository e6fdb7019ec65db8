import { escapeTerminalControls } from "../util/terminal-text.js";

/**
 * Routes everything the CLI writes to stdout and stderr through escapeTerminalControls while a command runs, so
 * that no command (today's or tomorrow's) can print a raw control character from a flopack. Returns the undo.
 */
export function guardTerminalOutput(): () => void {
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((s) => s.write);
  streams.forEach((stream, i) => {
    const write = originals[i]!;
    stream.write = ((chunk: unknown, ...rest: unknown[]) =>
      (write as (...args: unknown[]) => boolean).call(
        stream,
        typeof chunk === "string" ? escapeTerminalControls(chunk) : chunk,
        ...rest,
      )) as typeof stream.write;
  });
  return () => streams.forEach((stream, i) => (stream.write = originals[i]!));
}
