#!/usr/bin/env node
'use strict';
// Tiny launcher: refuse old Node with one clear line (not a syntax error), then load the ESM CLI.
// Written in syntax every Node since 4 parses. The range comes from package.json "engines".
var pkg = require('../package.json');
var satisfies = require('semver/functions/satisfies');
if (!satisfies(process.version, pkg.engines.node)) {
  process.stderr.write(
    'tray-mcp needs Node.js ' + pkg.engines.node + ' but this is ' + process.version +
    '. Install a current Node.js LTS (https://nodejs.org) and try again.\n'
  );
  process.exit(2);
}
import('../dist/cli.js').then(function (m) { return m.main(process.argv.slice(2)); }).catch(function (err) {
  var missing = err && err.code === 'ERR_MODULE_NOT_FOUND' && /dist[\\/]cli\.js/.test(String(err.message));
  process.stderr.write(missing
    ? 'tray-mcp is not built yet: run `npm ci` (or `npm run build`) in the project first.\n'
    // main() reports its own errors (scrubbed); what reaches here failed to load. Its message may
    // quote anything (never a token we could scrub here), so only its code is shown.
    : 'tray-mcp: internal error (' + ((err && (err.code || err.name)) || 'unknown') + ')\n');
  process.exit(1);
});
