import { resolve } from 'node:path';
import { IMAGE_IMPORTERS } from '../../../preload/contract/imaging.ts';
import type { CliContext } from '../../cli/commands.ts';
import { CliError } from '../../cli/errors.ts';
import { readPassword } from '../../cli/password.ts';
import { AppError } from '../../platform/errors.ts';
import type { ImportReport } from './import-job.ts';

const CLI_CONNECTION = { connectionId: 'cli' };

/**
 * `cli import <paths…>`: the app's import pipeline without a window, signed in as `--user`
 * (default admin; any role that may import). Prints the report: counts, studies, and each
 * rejected file with its reason.
 */
export async function cliImport({ services, operands, options, io }: CliContext): Promise<ImportReport> {
  if (operands.length === 0) throw new CliError('USAGE', 'Name the files or folders to import.');
  const username = options.user ?? 'admin';
  const login = await services.router.invoke(CLI_CONNECTION, 'session.login', { username, password: await readPassword(io, `Password for ${username}: `) });
  if (!login.ok) throw new AppError(login.error.code, login.error.message);
  const session = services.sessions.get(CLI_CONNECTION.connectionId);
  if (!session || !(IMAGE_IMPORTERS as readonly string[]).includes(session.role)) throw new CliError('FORBIDDEN', 'This account may not import images.');
  return services.imports.run(session, operands.map((path) => resolve(path)));
}
