// The canary matrix: a known token (TRAY_MCP_API_TOKEN, or a config's) in every encoding a server or
// a log may echo it in, and unknown tokens in the wordings of pasted errors and client logs, through
// every output channel: explain (arguments, standard input, --file; text and --json), client-logs
// (table, --verbose, --json), doctor's report of a config holding a token in every position (table,
// --verbose, --json, a config that does not parse), setup's messages, and the last-resort handler of
// an unexpected error. Nowhere may a token show (at most its last 4 characters), in any encoding.
import { describe, it, expect, afterAll } from 'vitest';
import path from 'node:path';
import { runCli, ROOT, type CliResult } from '../helpers/cli.js';
import { CANARY, WORKSPACE, tempHome, type TempHome } from '../helpers/home.js';
import { leakedForm } from '../helpers/leaks.js';

const homes: TempHome[] = [];
afterAll(() => homes.forEach((h) => h.cleanup()));
function home(): TempHome {
  const h = tempHome('tray-canary-');
  homes.push(h);
  return h;
}

/** Unknown tokens (never registered): only their shape and the words around them give them away. */
const UNKNOWN = 'Xq7Tk2mP9vR4wL8nZ3uV';
const UNKNOWN2 = 'Lp4Rq8sT2uV6wX0yZ3aB';
const ts = '2025-06-03T07:23:52.664Z';

/** A known token as servers echo it. */
const b = Buffer.from(CANARY);
const ENCODINGS: [string, string][] = [
  ['as is', CANARY],
  ['upper case', CANARY.toUpperCase()],
  ['lower case', CANARY.toLowerCase()],
  ['base64', b.toString('base64')],
  ['base64url', b.toString('base64url')],
  ['base64 of "Bearer TOKEN"', Buffer.from(`Bearer ${CANARY}`).toString('base64')],
  ['percent-encoded header', encodeURIComponent(`Bearer ${CANARY}`)],
  ['every byte percent-encoded', Array.from(b, (x) => '%' + x.toString(16).toUpperCase().padStart(2, '0')).join('')],
  ['hex', b.toString('hex')],
  ['HEX', b.toString('hex').toUpperCase()],
];

/** Unknown tokens in the wordings the review found. */
const WORDINGS: [string, string][] = [
  ['invalid token X', `invalid token ${UNKNOWN}`],
  ['token X rejected', `token ${UNKNOWN} rejected`],
  ['auth: X', `auth: ${UNKNOWN}`],
  ['Bearer:X', `Bearer:${UNKNOWN}`],
  ['tray_token=X', `tray_token=${UNKNOWN}`],
  ['a bare token', `${UNKNOWN}`],
  ['Authorization: Bearer X', `Authorization: Bearer ${UNKNOWN}`],
  ['x-api-key: X', `x-api-key: ${UNKNOWN}`],
];

/** Each piece inside a log line a matcher recognises, so it is shown as evidence. */
const lineWith = (piece: string) => `${ts} [error] [tray-workspace] Error POSTing to endpoint (HTTP 401): ${piece}`;
const ALL_LINES = [...ENCODINGS, ...WORDINGS].map(([, p]) => lineWith(p));

function clean(r: CliResult, what: string) {
  expect(r.stderr, what).not.toMatch(/^\s{4}at /m);
  for (const t of [CANARY, UNKNOWN, UNKNOWN2]) expect(leakedForm(r.all, t), `${what}: ${t}`).toBeNull();
}

const ENV = { TRAY_MCP_API_TOKEN: CANARY };

describe.concurrent('explain', () => {
  it.each([...ENCODINGS, ...WORDINGS])('arguments, text and --json: %s', async (_name, piece) => {
    for (const extra of [[], ['--json']]) {
      const r = await runCli(['explain', ...extra, lineWith(piece)], { env: ENV });
      expect(r.code).toBe(0);
      clean(r, `explain ${extra.join(' ')} ${_name}`);
    }
  });

  it('standard input and --file, text and --json: every line at once', async () => {
    const h = home();
    const file = h.write('pasted.log', ALL_LINES.join('\n') + '\n');
    for (const extra of [[], ['--json']]) {
      clean(await runCli(['explain', ...extra, '-'], { env: ENV, input: ALL_LINES.join('\n') }), `stdin ${extra}`);
      clean(await runCli(['explain', ...extra, '--file', file], { env: ENV }), `--file ${extra}`);
    }
  });
});

describe.concurrent('client-logs', () => {
  it('a Claude Desktop log with every line: table, --verbose and --json', async () => {
    const h = home();
    h.write('.config/Claude/logs/mcp.log', ALL_LINES.join('\n') + '\n');
    for (const extra of [[], ['--verbose'], ['--json']]) {
      const r = await runCli(['doctor', '--offline', '--only', 'client-logs', '--home', h.dir, '--platform', 'linux', ...extra], { env: ENV, cwd: h.dir });
      expect(r.stdout).toMatch(/client-logs/);
      clean(r, `client-logs ${extra.join(' ')}`);
    }
  });
});

describe.concurrent('doctor: a token in every position of a config', () => {
  const TOK = 'ConfTok-4f3e2d1c0b9a-SECRET-zz99';
  const config = {
    mcpServers: {
      'tray-header': { url: `https://${WORKSPACE}.mcp.tray.ai`, headers: { Authorization: `Bearer ${TOK}`, 'X-Api-Key': UNKNOWN2 } },
      'tray-path': { url: `https://${WORKSPACE}.mcp.tray.ai/${UNKNOWN}`, headers: { Authorization: `Bearer ${TOK}` } },
      'tray-type': { type: UNKNOWN, url: `https://${WORKSPACE}.mcp.tray.ai`, headers: { Authorization: `Bearer ${TOK}` } },
      [`tray-${UNKNOWN2}`]: { url: `https://${WORKSPACE}.mcp.tray.ai`, headers: { Authorization: `Bearer ${TOK}` } },
      'tray-bridge': { command: 'npx', args: ['-y', 'mcp-remote', `https://${WORKSPACE}.mcp.tray.ai`, '--header', `Authorization:Bearer ${TOK}`], env: { AUTH_HEADER: `Bearer ${TOK}`, MY_SECRET: UNKNOWN } },
      'tray-cli': { command: 'npx', args: ['@trayio/tray-mcp', '-w', WORKSPACE, '-t', TOK] },
      'tray-odd': { url: `https://${WORKSPACE}.mcp.tray.ai`, bearer_token: TOK, nested: { deeper: { api_key: TOK } } },
    },
  };

  it('table, --verbose and --json of a config that parses', async () => {
    const h = home();
    h.write('.cursor/mcp.json', JSON.stringify(config, null, 2));
    for (const extra of [[], ['--verbose'], ['--json']]) {
      const r = await runCli(['doctor', '--offline', '--home', h.dir, '--platform', 'linux', '--client', 'cursor', ...extra], { cwd: h.dir });
      clean(r, `doctor ${extra.join(' ')}`);
      expect(leakedForm(r.all, TOK), `doctor ${extra.join(' ')}`).toBeNull();
    }
  });

  it('a config that does not parse: its code frame and message', async () => {
    const h = home();
    const broken = JSON.stringify(config, null, 0).replace(`"Bearer ${TOK}"`, `Bearer ${TOK}`);
    h.write('.cursor/mcp.json', broken);
    for (const extra of [['--verbose'], ['--json']]) {
      const r = await runCli(['doctor', '--offline', '--home', h.dir, '--platform', 'linux', '--client', 'cursor', ...extra], { cwd: h.dir });
      expect(r.all).toMatch(/config-json/);
      expect(leakedForm(r.all, TOK), `broken ${extra}`).toBeNull();
      clean(r, `broken ${extra}`);
    }
  });
});

describe.concurrent('setup messages', () => {
  it('usage errors that quote what was typed, a config setup cannot use, and a successful run', async () => {
    const h = home();
    const runs: CliResult[] = [];
    runs.push(await runCli(['setup', '-w', UNKNOWN, '-t', CANARY, '-c', 'cursor', '--home', h.dir, '--platform', 'linux']));
    runs.push(await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'cursor', '-n', `tray ${UNKNOWN2}`, '--home', h.dir, '--platform', 'linux']));
    runs.push(await runCli(['setup', UNKNOWN, '-t', CANARY]));
    h.write('.cursor/mcp.json', `{ "mcpServers": { "x": { "headers": { "Authorization": "Bearer ${CANARY}" } } }, oops`);
    runs.push(await runCli(['setup', '-w', WORKSPACE, '-t', CANARY, '-c', 'cursor', '--home', h.dir, '--platform', 'linux']));
    const ok = home();
    runs.push(await runCli(['setup', '-w', WORKSPACE, '-c', 'claude', '--home', ok.dir, '--platform', 'win32'], { env: ENV }));
    expect(runs.map((r) => r.code)).toEqual([2, 0, 2, 1, 0]);
    runs.forEach((r, i) => clean(r, `setup run ${i}`));
  });
});

describe.concurrent('the last-resort handler', () => {
  it.each(['exception', 'rejection'])('an uncaught %s carrying the token prints one scrubbed line, exit 1', async (kind) => {
    const h = home();
    const r = await runCli(['doctor', '--offline', '--home', h.dir, '--platform', 'linux'], {
      env: { ...ENV, THROW_KIND: kind },
      preload: [path.join(ROOT, 'test', 'fixtures', 'throw-later.cjs')],
      cwd: h.dir,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^tray-mcp: internal error: boom with/m);
    clean(r, kind);
  });
});
