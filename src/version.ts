import { createRequire } from 'node:module';

let cached: string | undefined;
/**
 * This package's version, from package.json next to dist/. In the bundle (scripts/bundle.mjs) this
 * require is the file's contents, built in: no read, no parse at run time.
 */
export function toolVersion(): string {
  cached ??= (createRequire(import.meta.url)('../package.json') as { version: string }).version;
  return cached;
}
