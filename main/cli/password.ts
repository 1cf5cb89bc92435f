import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { CliError } from './errors.ts';
import type { CliProcess } from './run.ts';

export const PASSWORD_ENV = 'CLINIC_WORKSTATION_PASSWORD';

/**
 * A password from the environment, piped standard input (first line), or a
 * prompt without echo; never from the command line, where other users of the
 * machine and the shell history would see it.
 */
export async function readPassword(io: CliProcess, prompt: string): Promise<string> {
  const fromEnv = io.env[PASSWORD_ENV];
  if (fromEnv) return fromEnv;
  if (io.stdin.isTTY) return promptHidden(io, prompt);
  let text = '';
  for await (const chunk of io.stdin) text += chunk.toString();
  const line = text.split(/\r?\n/)[0] ?? '';
  if (!line) throw new CliError('USAGE', `No password: pipe it on standard input or set ${PASSWORD_ENV}.`);
  return line;
}

async function promptHidden(io: CliProcess, prompt: string): Promise<string> {
  io.stderr.write(prompt);
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const reader = createInterface({ input: io.stdin, output: muted, terminal: true });
  try {
    return await new Promise<string>((resolve) => reader.once('line', resolve));
  } finally {
    reader.close();
    io.stderr.write('\n');
  }
}
