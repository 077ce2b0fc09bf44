#!/usr/bin/env node
// Write docs/remedies.md from the built catalog. Run after `npm run build`:
//   node scripts/gen-remedies-doc.mjs          write the file
//   node scripts/gen-remedies-doc.mjs --check  exit 1 if the committed file is stale
import { generate } from './gen-doc.mjs';

await generate({ doc: 'remedies.md', module: 'remedies/doc.js', render: 'renderRemediesDoc', script: 'gen-remedies-doc.mjs' });
