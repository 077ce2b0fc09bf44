#!/usr/bin/env node
// Write docs/fixes.md from the built fix catalog. Run after `npm run build`:
//   node scripts/gen-fixes-doc.mjs          write the file
//   node scripts/gen-fixes-doc.mjs --check  exit 1 if the committed file is stale
import { generate } from './gen-doc.mjs';

await generate({ doc: 'fixes.md', module: 'fix/doc.js', render: 'renderFixesDoc', script: 'gen-fixes-doc.mjs' });
