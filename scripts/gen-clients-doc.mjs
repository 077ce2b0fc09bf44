#!/usr/bin/env node
// Write docs/clients.md from the built client specs. Run after `npm run build`:
//   node scripts/gen-clients-doc.mjs          write the file
//   node scripts/gen-clients-doc.mjs --check  exit 1 if the committed file is stale
import { generate } from './gen-doc.mjs';

await generate({ doc: 'clients.md', module: 'clients/doc.js', render: 'renderClientsDoc', script: 'gen-clients-doc.mjs' });
