// STUB (scaffold): the network doctor (issue 3) replaces this.
import type { Check } from './types.js';

const check: Check = {
  id: 'tool-visibility',
  title: 'tool-visibility',
  needs: [],
  network: true,
  async run() {
    return { results: [{ subject: 'network', status: 'skip', message: 'network checks are not implemented yet', remedies: [] }] };
  },
};
export default check;
