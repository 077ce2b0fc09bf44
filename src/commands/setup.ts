// `tray-mcp setup`: STUB until the setup issue lands.
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../lib/exit.js';

export const command: CommandModule = {
  command: 'setup',
  describe: 'Add your Tray workspace to an AI client (interactive, or CLI mode with -w and -t)',
  builder: (y: Argv) => y.example('$0 setup -w <UUID> -t <TOKEN> -c cursor', 'configure Cursor without prompts'),
  handler: () => {
    throw new UsageError('setup is not implemented yet');
  },
};
