#!/usr/bin/env node
// Write docs/clients.md from the built client specs. Run after `npm run build`:
//   node scripts/gen-clients-doc.mjs          write the file
//   node scripts/gen-clients-doc.mjs --check  exit 1 if the committed file is stale
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'docs', 'clients.md');
const { renderClientsDoc } = await import(pathToFileURL(path.join(root, 'dist', 'clients', 'doc.js')).href);
const text = renderClientsDoc();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== text) {
    console.error('docs/clients.md is stale: run `npm run build && node scripts/gen-clients-doc.mjs`');
    process.exit(1);
  }
  console.log('docs/clients.md is up to date');
} else {
  writeFileSync(target, text);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
