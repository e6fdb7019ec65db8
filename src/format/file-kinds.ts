/**
 * The three names one export format goes by. Okta's console exports one flow as a `.flow` file and a folder as a
 * `.folder` file; Okta's template repository (and older consoles) call the same JSON `.flopack`. The content is
 * the same in all three (`"type": "flopack"`), so every reader takes any of them, whatever the extension.
 */
export const EXPORT_FORMATS = ["flow", "folder", "flopack"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const EXPORT_FILE = /\.(flow|folder|flopack)$/i;

/** True for a file name ending in `.flow`, `.folder` or `.flopack` (any case). `x.flow.ts` is a flow source, not an export. */
export function isExportFileName(name: string): boolean {
  return EXPORT_FILE.test(name);
}

/** The file name without its export extension (`team.folder` → `team`); other names unchanged. */
export function exportBaseName(name: string): string {
  return name.replace(EXPORT_FILE, "");
}

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === "string" && (EXPORT_FORMATS as readonly string[]).includes(value);
}
