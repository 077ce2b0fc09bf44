#!/usr/bin/env node
// Build step (after tsc and build-validators): bundle the CLI for start-up speed.
//
//   dist/tray-mcp.cjs          src/cli.ts and everything it reaches, one CommonJS file. Modules that
//                              src/ imports with `await import()` stay lazy inside it: their code runs
//                              only when the import runs.
//   dist/chunks/<package>.cjs  each npm package that src/ imports only with `await import()` (the MCP
//                              SDK, undici, ora, ajv) or requires only where it is used (the TOML and
//                              YAML libraries, LAZY_REQUIRES): its own file, required when that import
//                              runs, so --help and --version never read it.
//   dist/chunks/config-validators.cjs  the config schemas' generated validators (LAZY_FILES), likewise.
//   *.jscache                  V8 code caches for those files (see bin/tray-mcp.cjs), written by
//                              running the built CLI a few times (scripts/code-cache.mjs).
//
// Nothing here lists src/ files: entry points are found by following src/cli.ts and its imports.
// Rules applied to every src/ module:
//   - createRequire(import.meta.url)('x') becomes require('x'), so esbuild bundles x (lazily, at the call);
//   - import.meta.url is the URL the module has in tsc's dist/ layout (dist/<same path>.js), so paths
//     relative to a module (../package.json) mean what they meant;
//   - a relative require that src/ does not have (a generated file such as checks/config-validators.cjs)
//     is taken from dist/.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');
const chunksDir = path.join(dist, 'chunks');
const MAIN = path.join(dist, 'tray-mcp.cjs');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Prefer a package's ESM build: UMD builds (jsonc-parser) hide their require() calls from esbuild.
  mainFields: ['module', 'main'],
  // import() of a bundled module becomes a lazy init + require: no ESM loader at run time.
  supported: { 'dynamic-import': false },
  legalComments: 'none',
  logLevel: 'warning',
  minifySyntax: true,
  minifyWhitespace: true,
  keepNames: false,
  write: false,
  metafile: true,
};

/** package name of a bare specifier: 'undici' → 'undici', '@scope/pkg/sub.js' → '@scope/pkg' */
const packageOf = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
const isBare = (spec) => !spec.startsWith('.') && !path.isAbsolute(spec) && !spec.startsWith('node:') && !spec.includes(':');
const chunkFile = (pkg) => `${pkg}.cjs`;
const { builtinModules, createRequire } = await import('node:module');
const builtins = new Set(builtinModules);
const rootRequire = createRequire(path.join(root, 'package.json'));
// Packages src/ requires (createRequire) only inside the functions that use them, never at load:
// the TOML and YAML libraries, for a TOML or YAML client's file. Each gets its own chunk as if it were
// imported with `await import()`, so the main file (read and checked at every start) leaves them out.
const LAZY_REQUIRES = new Set(['@decimalturn/toml-patch', 'yaml']);
// Generated files src/ requires only when it needs them, each built into its own chunk: the config
// schemas' validators (ajv standalone code, 400 KB), for config-schema when a config exists.
const LAZY_FILES = [{ file: path.join(dist, 'checks', 'config-validators.cjs'), chunk: 'config-validators.cjs' }];
// Node modules src/ imports at the top of a module but calls only now and then: node:crypto (a
// fingerprint, a temporary file's name) costs a few ms to load, and every check module is loaded by
// doctor. Imports of the names listed here become wrappers that load the module at their first call.
// (A name not listed fails the build: esbuild finds no such export.)
// node:fs/promises likewise (explain and doctor read files, but its loading is not free); its
// `constants` are node:fs's (loaded at start anyway).
const LAZY_BUILTINS = {
  // (doctor needs no child process when the node on the PATH is its own executable: ~2-3 ms unloaded)
  'node:child_process': { calls: ['execFile', 'spawn'] },
  'node:crypto': { calls: ['createHash', 'randomBytes'] },
  // (node:net loads Node's stream modules; BlockList is a class: its wrapper, called with `new`,
  // returns the real instance)
  'node:net': { calls: ['isIP', 'BlockList'] },
  'node:fs/promises': { calls: ['access', 'open', 'readFile', 'readdir', 'realpath', 'stat'], values: { constants: 'require("node:fs").constants' } },
};

// undici's index.js loads all of undici (mock agents, cache stores, cookies, WebSocket, EventSource,
// every interceptor) and, through the `globalThis.Headers` its cookie module reads, Node's own bundled
// copy of undici too: a good part of `doctor --url`'s start-up. The probe (src/net/wire.ts) uses only
// the names below, so the chunk loads only their modules, set up as index.js sets them up (the
// Dispatcher API methods, which the proxy agent's CONNECT needs; fetch as index.js wraps it, less its
// stack-trace decoration). A name src/ uses that is not listed here fails the build.
// The MCP SDK's index likewise holds every client feature (stdio, auth providers, validators, ...):
// its chunk re-exports only the names src/ uses (found in src/, see srcNames), and esbuild leaves out
// the rest (half the SDK chunk).
const SLIM_PACKAGES = {
  '@modelcontextprotocol/client': {
    // PKCE (pkce-challenge) reads globalThis.crypto at load, which loads Node's WebCrypto (~20 ms);
    // only an OAuth authorization flow uses it, which doctor never starts: loaded at first call.
    stubs: {
      'pkce-challenge': `let real;
const load = () => (real ??= import('pkce-challenge'));
export default async function pkceChallenge(length) {
  return (await load()).default(length);
}
export async function generateChallenge(verifier) {
  return (await load()).generateChallenge(verifier);
}
export async function verifyChallenge(verifier, challenge) {
  return (await load()).verifyChallenge(verifier, challenge);
}
`,
    },
  },
  undici: {
    names: ['Agent', 'EnvHttpProxyAgent', 'Headers', 'Pool', 'Response', 'buildConnector', 'fetch'],
    contents: `'use strict';
const Dispatcher = require('undici/lib/dispatcher/dispatcher');
Object.assign(Dispatcher.prototype, require('undici/lib/api'));
const fetchImpl = require('undici/lib/web/fetch').fetch;
exports.Agent = require('undici/lib/dispatcher/agent');
exports.Pool = require('undici/lib/dispatcher/pool');
exports.EnvHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent');
exports.buildConnector = require('undici/lib/core/connect');
exports.Headers = require('undici/lib/web/fetch/headers').Headers;
exports.Response = require('undici/lib/web/fetch/response').Response;
exports.fetch = function fetch(input, init) {
  return fetchImpl(input, init);
};
`,
    // undici's HTTP/1 client requires its HTTP/2 client at load, which loads node:http2 (~30 ms);
    // it is called only for a connection that negotiated h2, which the probe never offers: load it then.
    stubs: {
      'undici/lib/dispatcher/client-h2.js': `'use strict';
let connectH2;
module.exports = function lazyConnectH2(client, socket) {
  connectH2 ??= require('undici/lib/dispatcher/client-h2.js');
  return connectH2(client, socket);
};
`,
    },
  },
};

// Pass 1: which packages does src/ import only lazily? Follow src/cli.ts, noting every bare import and
// whether it is static (import/require) or dynamic (await import()).
const staticPkgs = new Set();
const lazySpecs = new Map(); // package → Set of specifiers imported dynamically
await build({
  ...common,
  entryPoints: [path.join(src, 'cli.ts')],
  plugins: [
    srcRules(),
    {
      name: 'survey',
      setup(b) {
        b.onResolve({ filter: /.*/ }, (args) => {
          if (!isBare(args.path) || builtins.has(args.path) || !args.importer.startsWith(src)) return undefined;
          const pkg = packageOf(args.path);
          if (args.kind === 'dynamic-import' || (args.kind === 'require-call' && LAZY_REQUIRES.has(pkg))) {
            if (!lazySpecs.has(pkg)) lazySpecs.set(pkg, new Set());
            lazySpecs.get(pkg).add(args.path);
          } else staticPkgs.add(pkg);
          return { path: args.path, external: true };
        });
      },
    },
  ],
});
// A package src/ also imports statically is bundled into the main file (it loads with its importer).
for (const pkg of staticPkgs) lazySpecs.delete(pkg);

rmSync(chunksDir, { recursive: true, force: true });
mkdirSync(chunksDir, { recursive: true });

// Pass 2: one chunk per lazy package. It exports load(specifier) → that specifier's module namespace,
// initialised on first use; the main file asks for it where src/ had `await import(specifier)`.
const exportNames = new Map(); // specifier → its export names (for the main file's stand-in module)
for (const [pkg, specs] of lazySpecs) {
  const list = [...specs].sort();
  for (const spec of list) {
    const slim = SLIM_PACKAGES[spec];
    if (!slim) {
      exportNames.set(spec, Object.keys(await import(pathToFileURL(rootRequire.resolve(spec)).href)));
      continue;
    }
    const used = srcNames(spec);
    const missing = slim.names ? used.filter((n) => !slim.names.includes(n)) : [];
    if (missing.length) throw new Error(`bundle: src/ uses ${missing.map((n) => `${spec}.${n}`).join(', ')}, which the slim ${spec} chunk does not export (scripts/bundle.mjs SLIM_PACKAGES)`);
    slim.contents ??= `export { ${used.join(', ')} } from ${JSON.stringify(spec)};\n`;
    exportNames.set(spec, used);
  }
  const entry = [
    'const cache = new Map();',
    'exports.load = function load(spec) {',
    '  if (cache.has(spec)) return cache.get(spec);',
    '  let ns;',
    '  switch (spec) {',
    ...list.map((s) => `    case ${JSON.stringify(s)}: ns = require(${JSON.stringify(s)}); break;`),
    '    default: throw new Error("tray-mcp: " + spec + " is not in this chunk");',
    '  }',
    '  cache.set(spec, ns);',
    '  return ns;',
    '};',
  ].join('\n');
  const out = await build({
    ...common,
    stdin: { contents: entry, resolveDir: root, sourcefile: `chunk:${pkg}`, loader: 'js' },
    outfile: path.join(chunksDir, chunkFile(pkg)),
    plugins: [
      {
        name: 'slim-packages',
        setup(b) {
          const stubs = SLIM_PACKAGES[pkg]?.stubs ?? {};
          const stubbed = new Map(Object.keys(stubs).map((spec) => [rootRequire.resolve(spec), spec]));
          b.onResolve({ filter: /^[^./]/ }, (args) => (SLIM_PACKAGES[args.path] && args.namespace !== 'slim' ? { path: args.path, namespace: 'slim' } : undefined));
          b.onLoad({ filter: /.*/, namespace: 'slim' }, (args) => ({ contents: SLIM_PACKAGES[args.path].contents, resolveDir: root, loader: 'js' }));
          // A module replaced by its stub everywhere but in the stub itself (which loads the real one):
          // named as the stub names it, or by a relative path to the same file.
          b.onResolve({ filter: /.*/ }, (args) => {
            if (args.namespace === 'stub') return undefined;
            if (Object.hasOwn(stubs, args.path)) return { path: args.path, namespace: 'stub' };
            if (!args.resolveDir || !args.path.startsWith('.')) return undefined;
            const spec = stubbed.get(path.resolve(args.resolveDir, args.path));
            return spec ? { path: spec, namespace: 'stub' } : undefined;
          });
          b.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: stubs[args.path], resolveDir: root, loader: 'js' }));
        },
      },
      noStrayImports(),
    ],
  });
  await writeOutputs(out, `chunk ${pkg}`);
}

for (const { file, chunk } of LAZY_FILES) {
  const out = await build({ ...common, entryPoints: [file], outfile: path.join(chunksDir, chunk), plugins: [noStrayImports()] });
  await writeOutputs(out, `chunk ${chunk}`);
}

// Pass 3: the main files. Each lazily imported specifier resolves to a small ESM stand-in that takes the
// namespace from its chunk, so `const { default: ora } = await import('ora')` means what it meant.
// One file holds every command (tray-mcp.cjs); the commands people run most also get a file holding
// only what they reach (package.json "tray-mcp".bundles, which the launcher reads too): src/commands/
// all.ts is replaced by a module loading just those commands. V8 reads and deserialises a file whole,
// so `explain 401` need not read doctor's checks nor setup's writers (~4 ms of its start).
const ALL_COMMANDS = path.join(src, 'commands', 'all.ts');
const pkgJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const ENTRIES = [
  { file: MAIN, commands: undefined },
  ...Object.entries(pkgJson['tray-mcp']?.bundles ?? {}).map(([file, commands]) => ({ file: path.join(dist, file), commands })),
];
for (const { file, commands } of ENTRIES) {
  if (commands && !readFileSync(ALL_COMMANDS, 'utf8').includes('export const loadCommands')) throw new Error(`bundle: ${ALL_COMMANDS} no longer exports loadCommands: see ENTRIES in scripts/bundle.mjs`);
  for (const c of commands ?? []) {
    if (!existsSync(path.join(src, 'commands', `${c}.ts`))) throw new Error(`bundle: package.json "tray-mcp".bundles names a command with no src/commands/${c}.ts`);
  }
  const main = await build({
    ...common,
    entryPoints: [path.join(src, 'cli.ts')],
    outfile: file,
    plugins: [
      {
        // src/version.ts requires ../package.json for its version: only that is built in
        name: 'package-version',
        setup(b) {
          b.onLoad({ filter: /[\\/]package\.json$/ }, (args) =>
            args.path === path.join(root, 'package.json') ? { loader: 'json', contents: JSON.stringify({ version: pkgJson.version }) } : undefined,
          );
        },
      },
      {
        name: 'these-commands',
        setup(b) {
          if (!commands) return;
          let swapped = false;
          b.onEnd((result) => {
            if (!result.errors.length && !swapped) throw new Error(`bundle: ${path.relative(root, ALL_COMMANDS)} was not reached: ${path.basename(file)} would hold every command`);
          });
          b.onLoad({ filter: /[\\/]commands[\\/]all\.ts$/ }, (args) => {
            if (args.path !== ALL_COMMANDS) return undefined;
            swapped = true;
            return { loader: 'ts', resolveDir: path.dirname(ALL_COMMANDS), contents: `export const loadCommands = () => Promise.all([${commands.map((c) => `import(${JSON.stringify(`./${c}.js`)})`).join(', ')}]);\n` };
          });
        },
      },
      asciiWidth(),
      yargsWithoutStreams(),
      lazyBuiltins(),
      {
        name: 'lazy-files',
        setup(b) {
          for (const { file, chunk } of LAZY_FILES) {
            b.onResolve({ filter: new RegExp(`/${path.basename(file).replace(/\./g, '\\.')}$`) }, (args) => {
              const target = path.resolve(path.dirname(args.importer), args.path);
              const inDist = path.join(dist, path.relative(src, target));
              return inDist === file ? { path: `./chunks/${chunk}`, external: true } : undefined;
            });
          }
        },
      },
      srcRules(),
      {
        name: 'lazy-packages',
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            const lazyKind = args.kind === 'dynamic-import' || (args.kind === 'require-call' && LAZY_REQUIRES.has(packageOf(args.path)));
            if (!lazyKind || !isBare(args.path) || !lazySpecs.has(packageOf(args.path))) return undefined;
            return { path: args.path, namespace: 'lazy' };
          });
          b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => {
            const names = exportNames.get(args.path) ?? [];
            const chunk = `./chunks/${chunkFile(packageOf(args.path))}`;
            const named = names.filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
            return {
              resolveDir: dist,
              loader: 'js',
              contents: [
                `const ns = require(${JSON.stringify(chunk)}).load(${JSON.stringify(args.path)});`,
                ...(names.includes('default') ? ['export default ns.default;'] : []),
                ...(named.length ? [`export const { ${named.join(', ')} } = ns;`] : []),
              ].join('\n'),
            };
          });
          b.onResolve({ filter: /^\.\/chunks\// }, (args) => ({ path: args.path, external: true }));
        },
      },
      noStrayImports(),
    ],
  });
  await writeOutputs(main, commands ? `main (${commands.join(', ')})` : 'main');
  if (process.env.BUNDLE_ANALYZE) console.log(await (await import("esbuild")).analyzeMetafile(main.metafile));
}

/**
 * The names src/ takes from `await import(spec)`: `const X = await import(spec)` and then `X.name`, or
 * `const { a, b: c } = await import(spec)`. Any other use (the namespace passed on whole, a `.then`)
 * fails the build: the slim chunk would lack what it reads. `import(spec).Type` is a type (erased).
 */
function srcNames(spec) {
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (e.name.endsWith('.ts')) files.push(path.join(dir, e.name));
    }
  };
  walk(src);
  const id = '[A-Za-z_$][\\w$]*';
  const quoted = spec.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const names = new Set();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const where = (at) => `${path.relative(root, f)}:${text.slice(0, at).split('\n').length}`;
    // Every import of the package, however spaced or quoted, must be in the one form read below.
    const loose = [...text.matchAll(new RegExp(`import\\s*\\(\\s*[\`'"]${quoted}[\`'"]\\s*\\)`, 'g'))].length;
    const strict = [...text.matchAll(new RegExp(`import\\(['"]${quoted}['"]\\)`, 'g'))].length;
    if (loose !== strict) throw new Error(`bundle: ${path.relative(root, f)}: import of '${spec}' written in a form the slim chunk cannot follow (write import('${spec}'))`);
    for (const m of text.matchAll(new RegExp(`(await\\s+)?import\\(['"]${quoted}['"]\\)(\\.${id})?`, 'g'))) {
      if (!m[1]) {
        if (m[2] && /^\.[A-Z]/.test(m[2])) continue;
        throw new Error(`bundle: ${where(m.index)}: import('${spec}') used in a way the slim chunk cannot follow (use const X = await import(...))`);
      }
      const before = text.slice(Math.max(0, m.index - 300), m.index);
      const ns = new RegExp(`const\\s+(${id})\\s*=\\s*$`).exec(before);
      const destructured = /const\s*\{([^}]*)\}\s*=\s*$/.exec(before);
      if (destructured) {
        for (const part of destructured[1].split(',')) if (part.trim()) names.add(part.split(':')[0].trim());
      } else if (ns) {
        // comments and string literals blanked (same length), so only code is read
        const code = text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, (x) => ' '.repeat(x.length));
        for (const u of code.matchAll(new RegExp(`(?<![\\w$.])${ns[1]}\\b(\\.${id})?`, 'g'))) {
          if (u[1]) names.add(u[1].slice(1));
          else if (u.index !== m.index - before.length + ns.index + before.slice(ns.index).indexOf(ns[1])) {
            throw new Error(`bundle: ${where(u.index)}: ${ns[1]} (the namespace of '${spec}') is used whole: the slim chunk cannot tell which names it needs`);
          }
        }
      } else throw new Error(`bundle: ${where(m.index)}: import('${spec}') used in a way the slim chunk cannot follow (use const X = await import(...))`);
    }
  }
  return [...names].sort();
}

/**
 * yargs 17 sets up process.stdout as it loads (its platform shim reads `process.stdout.columns` for a
 * default width tray-mcp never uses: it sets .wrap()) and loads node:assert for two checks (whose
 * module graph loads Node's tty, net and stream modules). The CLI writes its output without those
 * streams (src/lib/stdio.ts), so in the bundle the width is read when asked for, and the two checks
 * compare first and load node:assert only to throw its own error (same behaviour, same errors).
 * Each new yargs instance also guesses a version for its default --version by looking for the
 * nearest package.json (a directory listing per folder up, a read, a parse); tray-mcp always names
 * its version (.version(toolVersion()) or .version(false)), so the guess is "unknown" without looking.
 * Its layout library (cliui, with wrap-ansi, ansi-styles and color-convert, which build their tables
 * as they load) is loaded when help or an error is laid out, not at every start.
 * A yargs whose text differs fails the build here: look again at what it does.
 */
function yargsWithoutStreams() {
  const file = path.join(path.dirname(rootRequire.resolve('yargs/package.json')), 'build', 'index.cjs');
  if (!existsSync(file)) throw new Error(`bundle: ${file} is missing: see yargsWithoutStreams in scripts/bundle.mjs`);
  const COLUMNS = 'stdColumns:void 0!==process.stdout.columns?process.stdout.columns:null';
  const ASSERT = 'require("assert")';
  const GUESS_VERSION = '[Et](){return this[At]().version||"unknown"}';
  const CLIUI = 'cliui:require("cliui")';
  return {
    name: 'yargs-without-streams',
    setup(b) {
      let patched = false;
      // (a yargs the bundle reaches by another path, or not at all, would go unpatched: say so)
      b.onEnd((result) => {
        if (!result.errors.length && !patched) throw new Error(`bundle: yargs' ${file} was not bundled through yargsWithoutStreams (scripts/bundle.mjs)`);
      });
      b.onLoad({ filter: /[\\/]yargs[\\/]build[\\/]index\.cjs$/ }, (args) => {
        if (args.path !== file) throw new Error(`bundle: a second yargs (${args.path}) besides ${file}: see yargsWithoutStreams in scripts/bundle.mjs`);
        patched = true;
        const text = readFileSync(file, 'utf8');
        for (const needle of [COLUMNS, ASSERT, GUESS_VERSION, CLIUI]) {
          if (text.split(needle).length !== 2) throw new Error(`bundle: yargs' ${file} no longer holds ${needle} once: see yargsWithoutStreams in scripts/bundle.mjs`);
        }
        const lite =
          '{strictEqual:(a,b,m)=>{if(!Object.is(a,b))require("assert").strictEqual(a,b,m)},' +
          'notStrictEqual:(a,b,m)=>{if(Object.is(a,b))require("assert").notStrictEqual(a,b,m)}}';
        return {
          loader: 'js',
          resolveDir: path.dirname(file),
          contents: text
            .replace(COLUMNS, 'get stdColumns(){return void 0!==process.stdout.columns?process.stdout.columns:null}')
            .replace(ASSERT, lite)
            .replace(GUESS_VERSION, '[Et](){return"unknown"}')
            .replace(CLIUI, 'cliui:(...a)=>require("cliui")(...a)'),
        };
      });
    },
  };
}

/**
 * string-width 4 (yargs' help layout, cliui, wrap-ansi, cli-table3) strips ANSI codes and replaces
 * emoji with a large regular expression on every call, though a string of printable ASCII is as wide
 * as it is long: that answer first, string-width itself for anything else (same results). --help
 * measures every word of every row.
 */
function asciiWidth() {
  const real = rootRequire.resolve('string-width');
  if (!rootRequire('string-width/package.json').version.startsWith('4.')) return { name: 'ascii-width', setup() {} };
  return {
    name: 'ascii-width',
    setup(b) {
      b.onResolve({ filter: /^string-width$/ }, async (args) => {
        if (args.pluginData === 'ascii-width') return undefined;
        const r = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: 'ascii-width' });
        return r.path === real ? { path: real, namespace: 'ascii-width' } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'ascii-width' }, () => ({
        resolveDir: root,
        loader: 'js',
        contents: [
          `const full = require(${JSON.stringify(real)});`,
          'module.exports = (s) => (typeof s === "string" && /^[\\x20-\\x7e]*$/.test(s) ? s.length : full(s));',
          'module.exports.default = module.exports;',
        ].join('\n'),
      }));
    },
  };
}

function lazyBuiltins() {
  const filter = new RegExp(`^(?:${Object.keys(LAZY_BUILTINS).map((k) => k.replace(/[/.]/g, '\\$&')).join('|')})$`);
  return {
    name: 'lazy-builtins',
    setup(b) {
      b.onResolve({ filter }, (args) => (args.importer.startsWith(src + path.sep) ? { path: args.path, namespace: 'lazy-builtin' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
        resolveDir: root,
        loader: 'js',
        contents: [
          'let m;',
          `const get = () => (m ??= require(${JSON.stringify(args.path)}));`,
          ...LAZY_BUILTINS[args.path].calls.map((n) => `export function ${n}(...a) { return new.target ? new (get().${n})(...a) : get().${n}(...a); }`),
          ...Object.entries(LAZY_BUILTINS[args.path].values ?? {}).map(([n, v]) => `export const ${n} = ${v};`),
        ].join('\n'),
      }));
    },
  };
}

/** The rules every src/ module gets (see the top of this file). */
function srcRules() {
  return {
    name: 'src-rules',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!args.path.startsWith(src + path.sep)) return undefined;
        const rel = path.relative(src, args.path).replace(/\.ts$/, '.js').split(path.sep).join('/');
        const text = readFileSync(args.path, 'utf8')
          .replace(/createRequire\(import\.meta\.url\)\(/g, 'require(')
          .replace(/import\.meta\.url/g, `require('node:url').pathToFileURL(require('node:path').join(__dirname, ${JSON.stringify(rel)})).href`);
        return { contents: text, loader: 'ts' };
      });
      b.onResolve({ filter: /^\./ }, (args) => {
        if (!args.importer.startsWith(src + path.sep)) return undefined;
        const inSrc = path.resolve(path.dirname(args.importer), args.path);
        if (existsSync(inSrc) || existsSync(inSrc.replace(/\.js$/, '.ts'))) return undefined;
        const inDist = path.join(dist, path.relative(src, inSrc));
        if (existsSync(inDist)) return { path: inDist };
        return undefined;
      });
    },
  };
}

/** Fail the build if an import() would be left for Node's ESM loader (the cached loader has none). */
function noStrayImports() {
  return {
    name: 'no-stray-imports',
    setup(b) {
      b.onEnd((result) => {
        for (const f of result.outputFiles ?? []) {
          if (/[^\w$.]import\(/.test(f.text)) throw new Error(`${path.relative(root, f.path)} still has an import() call`);
        }
      });
    },
  };
}

/**
 * The text with every non-ASCII character written as a \\u escape. esbuild escapes them in strings
 * but leaves them in regular expression literals, and a single one makes Node read the whole file
 * as a two-byte string (twice the memory, slower to read and to check against its code cache).
 * In a string, template or regular expression, \\uXXXX stands for the same UTF-16 unit (an astral
 * character is two, as it was); after a backslash it would not, so that stops the build.
 */
function asciiOnly(text, file) {
  return text.replace(/[^\x00-\x7f]/g, (c, at) => {
    let k = at;
    while (text.charCodeAt(k - 1) === 92) k--;
    if ((at - k) % 2 === 1) throw new Error(`bundle: ${path.relative(root, file)}: an escaped non-ASCII character (${JSON.stringify(text.slice(at - 20, at + 10))}): write it as \\u${c.charCodeAt(0).toString(16).padStart(4, '0')} in the source`);
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** Write esbuild's output, prefixed with a line naming its content hash (the code cache checks it). */
async function writeOutputs(result, label) {
  // A warning about src/ (an import.meta the rules above do not cover, a require esbuild cannot
  // follow) means the bundle may not behave as the source does: stop.
  const ours = result.warnings.filter((w) => w.location?.file?.startsWith('src/'));
  if (ours.length) throw new Error(`bundle: ${label}: ${ours.map((w) => `${w.location.file}:${w.location.line}: ${w.text}`).join('\n')}`);
  for (const f of result.outputFiles) {
    const body = asciiOnly(f.text, f.path);
    const id = createHash('sha256').update(body).digest('hex').slice(0, 16);
    mkdirSync(path.dirname(f.path), { recursive: true });
    writeFileSync(f.path, `// tray-mcp build ${id}\n${body}`);
    console.log(`bundle: ${label} → ${path.relative(root, f.path)} (${(body.length / 1024).toFixed(0)} KiB)`);
  }
}
