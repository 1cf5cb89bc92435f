/**
 * Lists every use of an API its library marks `@deprecated` (antd, Zod, Node, TypeScript…), as the editor's
 * strike-through would, for the given tsconfig projects; exits 1 if there is any. Deprecated APIs are the ones the
 * next major version removes: caught as they are written, an upgrade stays a small change.
 *
 *   node scripts/deprecations.ts tsconfig.node.json tsconfig.web.json tsconfig.test.json
 */
import { dirname, relative } from 'node:path';
import ts from 'typescript';

export interface DeprecatedUse {
  file: string;
  line: number;
  message: string;
}

/** The project's deprecated uses, found with the language service's suggestion diagnostics (what editors show). */
export function deprecatedUses(configPath: string): DeprecatedUse[] {
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, ' '));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
  const service = ts.createLanguageService(
    {
      getScriptFileNames: () => parsed.fileNames,
      getScriptVersion: () => '1',
      getScriptSnapshot: (file) => (ts.sys.fileExists(file) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(file)!) : undefined),
      getCurrentDirectory: () => process.cwd(),
      getCompilationSettings: () => parsed.options,
      getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    },
    ts.createDocumentRegistry(),
  );
  return parsed.fileNames.flatMap((file) =>
    service
      .getSuggestionDiagnostics(file)
      .filter((diagnostic) => diagnostic.reportsDeprecated && diagnostic.file && diagnostic.start !== undefined)
      .map((diagnostic) => ({
        file: relative(process.cwd(), file),
        line: diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start!).line + 1,
        message: ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '),
      })),
  );
}

if (import.meta.main) {
  const projects = process.argv.slice(2);
  // A file in several projects is reported once.
  const uses = new Map(projects.flatMap(deprecatedUses).map((use) => [`${use.file}:${use.line} ${use.message}`, use]));
  for (const key of [...uses.keys()].sort()) console.log(key);
  console.log(uses.size === 0 ? 'No deprecated APIs in use.' : `${uses.size} uses of deprecated APIs.`);
  process.exit(uses.size === 0 ? 0 : 1);
}
