/** `npm run cli -- <command>`: the workstation's services without a window, for hospital IT. */
import { runCli } from './cli/run.ts';

process.exitCode = await runCli(process.argv.slice(2), process);
