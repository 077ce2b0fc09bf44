// STUB (scaffold): replaced by the real check.
import type { Check } from './types.js';

const check: Check = {
  id: 'tray-servers',
  title: 'tray-servers',
  needs: [],
  async run() {
    return { results: [{ subject: 'system', status: 'skip', message: 'not implemented yet', remedies: [] }] };
  },
};
export default check;
