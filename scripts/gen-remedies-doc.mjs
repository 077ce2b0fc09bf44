#!/usr/bin/env node
// Write docs/remedies.md from the built catalog. Run after `npm run build`:
//   node scripts/gen-remedies-doc.mjs          write the file
//   node scripts/gen-remedies-doc.mjs --check  exit 1 if the committed file is stale
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'docs', 'remedies.md');
const { renderRemediesDoc } = await import(pathToFileURL(path.join(root, 'dist', 'remedies', 'doc.js')).href);
const text = renderRemediesDoc();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== text) {
    console.error('docs/remedies.md is stale: run `npm run build && node scripts/gen-remedies-doc.mjs`');
    process.exit(1);
  }
  console.log('docs/remedies.md is up to date');
} else {
  writeFileSync(target, text);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
