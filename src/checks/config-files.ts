// STUB (scaffold): replaced by the real check.
import type { Check } from './types.js';

const check: Check = {
  id: 'config-files',
  title: 'config-files',
  needs: [],
  async run() {
    return { results: [{ subject: 'system', status: 'skip', message: 'not implemented yet', remedies: [] }] };
  },
};
export default check;
