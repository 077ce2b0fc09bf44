#!/usr/bin/env node
'use strict';
// Tiny launcher: refuse old Node with one clear line (not a syntax error), then run the bundled CLI
// (dist/tray-mcp.cjs, built by scripts/bundle.mjs). Written in syntax every Node since 4 parses.
// The minimum comes from package.json "engines" (">=X.Y.Z"; a test keeps it in that form).
// (read as a file: require() of JSON first resolves and realpaths it, ~0.4 ms of every start)
var fs = require('fs');
var path = require('path');
var pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8').replace(/^\uFEFF/, ''));
var argv = process.argv.slice(2);
var min = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(pkg.engines.node) || [];
var have = process.versions.node.split('.');
for (var i = 1; i <= 3; i++) {
  var a = Number(have[i - 1]) || 0;
  var b = Number(min[i]) || 0;
  if (a > b) break;
  if (a < b) {
    process.stderr.write(
      'tray-mcp needs Node.js ' + pkg.engines.node + ' but this is ' + process.version +
      '. Install a current Node.js LTS (https://nodejs.org) and try again.\n'
    );
    process.exit(2);
  }
}
// `tray-mcp --version | head -0`: a closed pipe is not an error worth a stack trace.
function onStdoutError(e) {
  if (e && e.code === 'EPIPE') process.exit(process.exitCode || 0);
  // (never a stack trace: a reset socket, a full disk)
  process.stderr.write('tray-mcp: cannot write to standard output (' + ((e && e.code) || 'unknown') + ')\n');
  process.exit(1);
}
/**
 * --version and the cached help: a few KiB written to fd 1 at once. process.stdout would first set up
 * a stream, and load Node's stream modules, which costs more (3-4 ms) than the rest of --version.
 * Windows (its console wants UTF-16) and a stdout that cannot take it all now (EAGAIN on a
 * non-blocking pipe) get the stream as everywhere else.
 */
function writeOut(text) {
  var buf = Buffer.from(text, 'utf8');
  var off = 0;
  if (process.platform !== 'win32') {
    try {
      while (off < buf.length) off += fs.writeSync(1, buf, off, buf.length - off);
      return;
    } catch (e) {
      if (!e || e.code !== 'EAGAIN') onStdoutError(e); // (exits)
    }
  }
  process.stdout.on('error', onStdoutError);
  process.stdout.write(buf.subarray(off));
}
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  writeOut(pkg.version + '\n');
  return;
}
var dist = path.join(__dirname, '..', 'dist');
// The first line of each bundle file names its build (scripts/bundle.mjs): the help and code caches
// are used only for that build.
var BUILD_LINE = /^\/\/ tray-mcp build (\w+)\n/;
function isHelpFlag(a) { return a === '--help' || a === '-h'; } // (not a lookup: `constructor` is no flag)
if (((argv.length === 1 && isHelpFlag(argv[0])) || (argv.length === 2 && isHelpFlag(argv[1]) && /^[a-z]+$/.test(argv[0]))) &&
  process.env.TRAY_MCP_HELP_CACHE !== 'off') {
  var help = cachedHelp(argv.length === 2 ? argv[0] : '');
  if (help !== undefined) {
    writeOut(help);
    return;
  }
}
// (the CLI writes its output itself, src/lib/stdio.ts: a stream only where it needs one)

/**
 * The help text yargs printed at build time for this command and width (dist/help.json, written by
 * scripts/help-cache.mjs), if the build has it: undefined sends the request to yargs as usual.
 * The width is the one the CLI lays help out for (src/report/layout.ts terminalWidth, capped at 120
 * by src/commands/options.ts helpWidth; a test compares the two on many widths).
 */
function cachedHelp(command) {
  try {
    // Only a character device can be a terminal: a pipe or a file is told apart without setting up
    // process.stdout (and its stream modules) just to read isTTY.
    var out = fs.fstatSync(1).isCharacterDevice() ? process.stdout : {};
    var w = out.isTTY && out.columns > 0 ? out.columns : parseInt(process.env.COLUMNS || '', 10);
    if (!isFinite(w) || w <= 0) w = 80;
    w = Math.min(Math.max(w, 40), 240, 120);
    var cache = JSON.parse(fs.readFileSync(path.join(dist, 'help.json'), 'utf8'));
    var head = Buffer.alloc(64);
    var fd = fs.openSync(path.join(dist, 'tray-mcp.cjs'), 'r');
    var n;
    try {
      n = fs.readSync(fd, head, 0, 64, 0);
    } finally {
      fs.closeSync(fd);
    }
    var build = BUILD_LINE.exec(head.toString('latin1', 0, n));
    if (!build || build[1] !== cache.build) return undefined;
    var text = cache.texts[command + '@' + w];
    return typeof text === 'string' ? text : undefined;
  } catch (e) {
    return undefined; // no cache (a partial build): yargs lays it out
  }
}

var Module = require('module');
var vm = require('vm');

// Our bundle files (dist/**/*.cjs) are compiled with V8's code cache (<file>.jscache, written at
// build time by scripts/code-cache.mjs): V8 then skips parsing and compiling what the cache holds.
// A cache is used only if it names the build of the file (its first line); V8 also rejects one made
// by another Node version or with other V8 flags, and then the file is simply compiled as usual.
// The main file comes whole (every command: dist/tray-mcp.cjs) and, for the commands people run most,
// as a file holding just them (package.json "tray-mcp".bundles, built by scripts/bundle.mjs): V8 reads
// and deserialises all of a file and its cache, so `explain 401` reads no doctor and no setup.
var mainFile = path.join(dist, 'tray-mcp.cjs');
var bundles = (pkg['tray-mcp'] && pkg['tray-mcp'].bundles) || {};
for (var name in bundles) {
  if (Object.prototype.hasOwnProperty.call(bundles, name) && bundles[name].indexOf(argv[0]) >= 0 && fs.existsSync(path.join(dist, name))) {
    mainFile = path.join(dist, name);
  }
}
var compiled = [];
var jsLoader = Module._extensions['.js'];
var chunks = path.join(dist, 'chunks') + path.sep;
var liftoffOnly = false;
Module._extensions['.cjs'] = function (module, filename) {
  if (filename.indexOf(dist + path.sep) !== 0) return jsLoader(module, filename);
  if (!liftoffOnly && filename.indexOf(chunks) === 0) {
    // Before the first chunk (the network's: undici, the SDK) loads: undici parses HTTP with a
    // WebAssembly module. V8 compiles it at once with its baseline compiler (Liftoff), then optimises
    // it again in a background thread; a CLI that makes a few requests gains nothing from that, and
    // exit waits for it (~0.1-0.2 s) and it costs ~34 MiB. Baseline only. (Set here, not at start:
    // --help and the local commands need not load the v8 module. The order is always the same, so
    // the code caches, which V8 ties to its flags, match.)
    require('v8').setFlagsFromString('--liftoff-only');
    liftoffOnly = true;
  }
  var source = fs.readFileSync(filename, 'utf8');
  var build = BUILD_LINE.exec(source);
  var cacheFile = filename.replace(/\.cjs$/, '.jscache');
  var cachedData;
  if (build) {
    try {
      var data = fs.readFileSync(cacheFile);
      if (data.toString('latin1', 0, build[1].length) === build[1]) cachedData = data.subarray(build[1].length);
    } catch (e) {
      // no cache: compile as usual
    }
  }
  var script = new vm.Script(Module.wrap(source), { filename: filename, cachedData: cachedData });
  compiled.push({ script: script, build: build && build[1], cacheFile: cacheFile, cached: Boolean(cachedData), liftoffOnly: liftoffOnly });
  var fn = script.runInThisContext();
  fn.call(module.exports, module.exports, Module.createRequire(filename), module, filename, path.dirname(filename));
};

var cacheMode = process.env.TRAY_MCP_CODE_CACHE;
if (cacheMode === 'write' || cacheMode === 'check') {
  // Build time and tests only (scripts/code-cache.mjs): after the command ran, say which caches were
  // missing or refused by V8 and (write) save what V8 compiled, for the next run to start from.
  process.on('exit', function () {
    compiled.forEach(function (c) {
      if (!c.cached) process.stderr.write('code-cache: missing ' + c.cacheFile + '\n');
      else if (c.script.cachedDataRejected) process.stderr.write('code-cache: rejected ' + c.cacheFile + '\n');
      // V8 stamps a cache with the flags of the moment: one for a file compiled before --liftoff-only
      // was set is written only by a run that never set it.
      if (cacheMode === 'write' && c.build && c.liftoffOnly === liftoffOnly) {
        fs.writeFileSync(c.cacheFile, Buffer.concat([Buffer.from(c.build, 'latin1'), c.script.createCachedData()]));
      }
    });
  });
}

var cli;
try {
  cli = require(mainFile);
} catch (err) {
  var missing = err && err.code === 'MODULE_NOT_FOUND' && /tray-mcp[\w-]*\.cjs/.test(String(err.message));
  process.stderr.write(missing
    ? 'tray-mcp is not built yet: run `npm ci` (or `npm run build`) in the project first.\n'
    // main() reports its own errors (scrubbed); what reaches here failed to load. Its message may
    // quote anything (never a token we could scrub here), so only its code is shown.
    : 'tray-mcp: internal error (' + ((err && (err.code || err.name)) || 'unknown') + ')\n');
  process.exit(1);
}
cli.main(argv).catch(function (err) {
  process.stderr.write('tray-mcp: internal error: ' + (err && err.message ? err.message : String(err)) + '\n');
  process.exit(1);
});
