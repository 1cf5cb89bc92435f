import type { ChannelName, RequestOf, ResponseOf } from '../../preload/contract/index.ts';
import type { Services } from '../app/services.ts';
import { AppError } from '../platform/errors.ts';
import type { CliProcess } from './run.ts';

export class CliError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'CliError';
    this.code = code;
  }
}

export interface CliContext {
  readonly services: Services;
  readonly operands: readonly string[];
  readonly io: CliProcess;
}

export interface CliCommand {
  readonly summary: string;
  run(context: CliContext): Promise<object>;
}

/** The command line is one more caller of the contract, with the same checks as a window. */
const CLI_CONNECTION = { connectionId: 'cli' };

export async function callContract<C extends ChannelName>(services: Services, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await services.router.invoke(CLI_CONNECTION, channel, request);
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
  return result.value as ResponseOf<C>;
}

export const COMMANDS = {
  info: {
    summary: 'Version, runtime and whether the data folder holds a clinic.',
    run: async ({ services }) => ({ ...(await callContract(services, 'app.info', {})), dataDir: services.paths.root }),
  },
  health: {
    summary: 'Self-checks of the data folder and disk; exits 1 when a check fails.',
    run: async ({ services }) => {
      const health = await callContract(services, 'app.health', {});
      if (health.status === 'failed') throw new CliError('HEALTH_FAILED', `Health check failed: ${health.checks.filter((c) => c.status === 'failed').map((c) => `${c.name} ${c.detail}`).join('; ')}`);
      return health;
    },
  },
} satisfies Record<string, CliCommand>;
