// `tray-mcp explain`: STUB until the explain issue lands.
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../lib/exit.js';

export const command: CommandModule = {
  command: 'explain [text..]',
  describe: 'Map an error message, status code or remedy id to its cause and remedy',
  builder: (y: Argv) => y.example('$0 explain 401', 'what a 401 from the Agent Gateway means'),
  handler: () => {
    throw new UsageError('explain is not implemented yet');
  },
};
