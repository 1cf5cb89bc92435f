/**
 * Native file choosers, which only the shell can show. The renderer never
 * names a path; main asks the person through these. The CLI has none, and the
 * end-to-end harness answers with prepared paths.
 */
export interface FileDialogs {
  /** The chosen destination, or null when cancelled. */
  chooseSaveFile(options: { defaultName: string; filterName: string; extensions: readonly string[] }): Promise<string | null>;
  /** The chosen file, or null when cancelled. */
  chooseOpenFile(options: { filterName: string; extensions: readonly string[] }): Promise<string | null>;
  /** Several files (any type when `extensions` is empty), or null when cancelled. */
  chooseOpenFiles?(options: { filterName: string; extensions: readonly string[] }): Promise<string[] | null>;
  /** A folder, or null when cancelled. */
  chooseFolder?(): Promise<string | null>;
}

export const NO_DIALOGS: FileDialogs = {
  chooseSaveFile: async () => null,
  chooseOpenFile: async () => null,
};
