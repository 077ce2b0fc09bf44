import { readFileSync } from 'node:fs';

let cached: string | undefined;
/** This package's version, read from package.json next to dist/ (no import attributes needed). */
export function toolVersion(): string {
  if (!cached) {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    cached = pkg.version;
  }
  return cached;
}
