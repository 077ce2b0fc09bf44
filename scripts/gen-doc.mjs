// Write a generated doc from the built code, or (--check) exit 1 if the committed file is stale.
// Used by gen-remedies-doc.mjs and gen-clients-doc.mjs; run after `npm run build`.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** docs/<doc>.md from `render` exported by dist/<module>; `script` names the caller in messages. */
export async function generate({ doc, module, render, script }) {
  const target = path.join(root, 'docs', doc);
  const text = (await import(pathToFileURL(path.join(root, 'dist', module)).href))[render]();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {}
    if (current !== text) {
      console.error(`docs/${doc} is stale: run \`npm run build && node scripts/${script}\``);
      process.exit(1);
    }
    console.log(`docs/${doc} is up to date`);
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${path.relative(process.cwd(), target)}`);
  }
}
