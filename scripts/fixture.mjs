#!/usr/bin/env node
// npm run fixture -- --scenario 403
// npm run fixture -- --era 2026 [--legacy reject] [--oauth ok|BREAK]
// Start the loopback Agent Gateway stand-in (test/fixtures/gateway.mjs: 2025 era, SDK 1.x; or
// test/fixtures/gateway-2026.mjs: the 2026-07-28 era with the v2 server SDK, optionally an OAuth2
// protected resource with one discovery step broken) so a person can reproduce a case by hand: it
// prints the URL, a token to use, and the doctor command. Ctrl-C stops it.
import { parseArgs } from 'node:util';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SCENARIOS, DEFAULT_TOKEN, startGateway } from '../test/fixtures/gateway.mjs';
import { OAUTH_BREAKS, startModernGateway } from '../test/fixtures/gateway-2026.mjs';

const usage = `Usage: npm run fixture -- [--scenario NAME] [--token TOKEN] [--port N] [--latency MS]
       npm run fixture -- --era 2026 [--legacy stateless|reject] [--oauth ok|BREAK] [--token TOKEN]

Scenarios (2025 era):
${Object.entries(SCENARIOS)
  .map(([name, what]) => `  ${name.padEnd(17)}${what}`)
  .join('\n')}

--era 2026: revision 2026-07-28 (server/discover, no session); --legacy reject refuses the 2025 handshake.
--oauth: an OAuth2-protected resource (a request without the token gets the 401 challenge), with
  ok: the whole discovery chain, or one break:
${Object.entries(OAUTH_BREAKS)
  .map(([name, what]) => `  ${name.padEnd(31)}${what}`)
  .join('\n')}
`;

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      scenario: { type: 'string', short: 's', default: 'ok' },
      token: { type: 'string', short: 't', default: DEFAULT_TOKEN },
      port: { type: 'string', short: 'p' },
      latency: { type: 'string', short: 'l' },
      era: { type: 'string', default: '2025' },
      legacy: { type: 'string', default: 'stateless' },
      oauth: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }));
} catch (err) {
  process.stderr.write(`fixture: ${err.message}\n\n${usage}`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(usage);
  process.exit(0);
}
if (!['2025', '2026'].includes(args.era) || !['stateless', 'reject'].includes(args.legacy) || (args.oauth !== undefined && args.oauth !== 'ok' && !(args.oauth in OAUTH_BREAKS))) {
  process.stderr.write(`fixture: --era is 2025 or 2026, --legacy stateless or reject, --oauth ok or one of the breaks\n\n${usage}`);
  process.exit(2);
}
if (!(args.scenario in SCENARIOS)) {
  process.stderr.write(`fixture: unknown scenario ${JSON.stringify(args.scenario)}\n\n${usage}`);
  process.exit(2);
}
const number = (name, v) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`fixture: --${name} must be a whole number, got ${JSON.stringify(v)}\n`);
    process.exit(2);
  }
  return n;
};

let gateway;
try {
  gateway =
    args.era === '2026'
      ? await startModernGateway({ token: args.token, legacy: args.legacy, ...(args.oauth ? { oauth: args.oauth === 'ok' ? {} : { broken: args.oauth } } : {}) })
      : await startGateway({
          scenario: args.scenario,
          token: args.token,
          port: number('port', args.port),
          latencyMs: number('latency', args.latency),
        });
} catch (err) {
  process.stderr.write(`fixture: could not start the ${args.era === '2026' ? '2026-era' : args.scenario} fixture: ${err.message}\n`);
  process.exit(1);
}

const title =
  args.era === '2026'
    ? `2026-07-28 era (${args.legacy === 'reject' ? 'refuses the 2025 handshake' : 'serves the 2025 handshake too'})${args.oauth ? ` · OAuth2 ${args.oauth === 'ok' ? 'chain complete' : `broken: ${OAUTH_BREAKS[args.oauth]}`}` : ''}`
    : `scenario ${gateway.scenario}: ${SCENARIOS[gateway.scenario]}`;
const lines = [
  `Agent Gateway fixture · ${title}`,
  `  URL    ${gateway.url}`,
  `  token  ${gateway.token}   (a test value: any other token gets 401)`,
];
if (gateway.redirectTarget) lines.push(`  redirects to ${gateway.redirectTarget.url}`);
let certDir;
lines.push(
  '',
  'Try:',
  `  npx tray-mcp doctor --url ${gateway.url} --token ${gateway.token} --verbose`,
  `  TRAY_MCP_API_TOKEN=${gateway.token} npx tray-mcp doctor --url ${gateway.url} --json`,
);
if (gateway.cert) {
  certDir = mkdtempSync(path.join(tmpdir(), 'tray-mcp-fixture-'));
  const certFile = path.join(certDir, 'fixture-ca.pem');
  writeFileSync(certFile, gateway.cert);
  lines.push(`  NODE_EXTRA_CA_CERTS=${certFile} npx tray-mcp doctor --url ${gateway.url} --token ${gateway.token}   (trusts the test certificate)`);
}
lines.push(
  '',
  'Ctrl-C to stop. Requests are logged below (the Authorization header is shown as present/absent).',
);
process.stdout.write(lines.join('\n') + '\n');

// Log each request as it arrives, without the header's value.
const logged = new Map();
const log = (label, requests) => {
  for (let i = logged.get(label) ?? 0; i < requests.length; i++) {
    const r = requests[i];
    process.stdout.write(`  ${label}${r.method} ${r.path}  authorization: ${r.authorization ? 'present' : 'absent'}\n`);
  }
  logged.set(label, requests.length);
};
const logTimer = setInterval(() => {
  log('', gateway.requests);
  if (gateway.redirectTarget) log('[redirect target] ', gateway.redirectTarget.requests);
}, 200);

const stop = async () => {
  clearInterval(logTimer);
  await gateway.close();
  if (certDir) rmSync(certDir, { recursive: true, force: true });
  if (gateway.redirectTarget) {
    const seen = gateway.redirectTarget.requests.filter((r) => r.authorization).length;
    process.stdout.write(`redirect target saw ${gateway.redirectTarget.requests.length} request(s), ${seen} with an Authorization header\n`);
  }
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
