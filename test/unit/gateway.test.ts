// The Agent Gateway's rules live in one place (src/gateway/): setup and doctor agree on them. Each
// case below was a disagreement between copies of a rule before they were merged.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CLIENT_IDS, CLIENTS, serverDocument, type ClientId } from '../../src/clients/catalog.js';
import { displayUrl, findCandidates, gatewayUrl, inspect, isLoopbackHost, isPlaceholder, makeEntry } from '../../src/gateway/index.js';
import { checkToken, checkTokenFor } from '../../src/setup/validate.js';
import { isLoopbackHost as netLoopback, displayUrl as netDisplayUrl } from '../../src/net/url.js';
import { parseConfigText, ConfigUnusableError } from '../../src/setup/edit.js';
import { describeProblem, parseDocument } from '../../src/config/document.js';
import { WORKSPACE } from '../helpers/home.js';

const URL = gatewayUrl(WORKSPACE);

/** What doctor says of the token setup would write for `client` (token findings only). */
function doctorTokenFindings(client: ClientId, token: string): string[] {
  const doc = serverDocument(client, { 'tray-workspace': makeEntry(client, URL, token) });
  const [c] = findCandidates(client, doc);
  return inspect(c!, {}).findings.filter((f) => f.remedy === 'token-missing').map((f) => f.code);
}

describe('gateway rules: setup accepts exactly what doctor passes', () => {
  const PLACEHOLDERS = ['Bearer Bearer', 'YOUR_TRAY_TOKEN', '[TOKEN]', '****', 'TODO', 'paste-token-here', 'your-api-token-here', '<token>', 'xxxxxxxx', 'changeme', '$TRAY_API_TOKEN', '%TRAY_API_TOKEN%', '${TRAY_API_TOKEN}', '"abc123def456"'];

  it.each(PLACEHOLDERS.map((t) => [t]))('%s: refused by setup and failed by doctor', (t) => {
    expect(checkToken(t, 'flag').ok).toBe(false);
    for (const client of CLIENT_IDS) expect(doctorTokenFindings(client, t), client).not.toEqual([]);
  });

  it('property: for any token and client, setup accepts it ⇔ doctor finds nothing wrong with the entry setup writes', () => {
    const pieces = fc.oneof(
      fc.constantFrom(...PLACEHOLDERS, 'Bearer ', ' ', '"', "'", '$', '%', '{', '}', '\t', 'x', 'tok', '-', '_', '.', '0'),
      fc.stringMatching(/^[A-Za-z0-9_.~+/=-]{1,40}$/),
    );
    fc.assert(
      fc.property(fc.array(pieces, { minLength: 1, maxLength: 5 }).map((a) => a.join('')), fc.constantFrom(...CLIENT_IDS), (raw, client) => {
        const first = checkToken(raw, 'flag');
        const s = first.ok ? checkTokenFor(client, first.value) : first;
        const written = s.ok ? s.value : raw.trim().replace(/^Bearer\s+/i, '');
        const doctorOk = doctorTokenFindings(client, written).length === 0;
        if (s.ok) return doctorOk; // what setup writes, doctor passes
        // what setup refuses, doctor fails (an empty value setup refuses is nothing doctor can be given)
        return written.trim() === '' || !doctorOk;
      }),
      // a fixed seed keeps the suite steady; a failure it ever found is a case above
      { numRuns: 3000, seed: 20261202 },
    );
  });

  it("a token a client would expand ($NAME in Gemini CLI's file) is refused for that client only", () => {
    expect(checkTokenFor('gemini', 'abc$HOMEdef').ok).toBe(false);
    expect(checkTokenFor('cursor', 'abc$HOMEdef').ok).toBe(true);
    expect(doctorTokenFindings('cursor', 'abc$HOMEdef')).toEqual([]);
  });

  it('placeholder shapes are one rule', () => {
    for (const t of PLACEHOLDERS.slice(1, 10)) expect(isPlaceholder(t)).toBe(true);
    expect(isPlaceholder('tok_live_8f3a92b1c4d5e6f7')).toBe(false);
  });
});

describe('gateway rules: one loopback rule, one way to show a URL', () => {
  it('::ffff:127.0.0.1 and the other loopback forms are loopback everywhere', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '[::1]', '::ffff:127.0.0.1', '[::ffff:7f00:1]', 'localhost', 'LOCALHOST.', 'a.localhost']) {
      expect(isLoopbackHost(h), h).toBe(true);
      expect(netLoopback(h), h).toBe(true);
    }
    for (const h of ['128.0.0.1', '::2', 'localhost.example.com', '10.0.0.1']) expect(isLoopbackHost(h), h).toBe(false);
  });

  it('one displayUrl: no userinfo, query values masked, the same from every module', () => {
    const raw = 'https://user:pw@x.mcp.tray.ai/path?token=SECRET123&a=1#frag';
    expect(displayUrl(raw)).toBe('https://x.mcp.tray.ai/path?token=…&a=…');
    expect(netDisplayUrl(new globalThis.URL(raw))).toBe(displayUrl(raw));
  });
});

describe('config documents: one wording for a syntax error, in setup and in doctor', () => {
  it.each([
    ['trailing comma', '{\n  "mcpServers": {\n    "a": { "command": "x" },\n  }\n}\n'],
    ['missing comma', '{\n  "mcpServers": {\n    "a": { "command": "x" }\n    "b": { "command": "y" }\n  }\n}\n'],
    ['a comment', '{\n  // mine\n  "mcpServers": {}\n}\n'],
  ])('%s', (_what, text) => {
    const doctor = parseDocument(text, 'json', { clientName: 'Cursor' });
    expect(doctor.ok).toBe(false);
    const sentence = describeProblem((doctor as Extract<typeof doctor, { ok: false }>).problem);
    let setup = '';
    try {
      parseConfigText(text, 'cursor');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigUnusableError);
      setup = (e as Error).message;
    }
    expect(setup).toContain(sentence);
  });

  it('a key written once is found without a second pass; a key written twice by the parser', () => {
    const text = '{\n  "mcpServers": {\n    "tray": { "url": "https://x" }\n  },\n  "projects": { "/a": { "mcpServers": { "tray": {} } } }\n}\n';
    const d = parseDocument(text, 'json');
    if (!d.ok) throw new Error('parse');
    expect(d.linesOf([['mcpServers', 'tray'], ['projects', '/a', 'mcpServers', 'tray'], ['projects']])).toEqual([3, 5, 5]);
  });
});

describe('gateway rules: how a bridge command runs on the client OS', () => {
  const bridge = (args: string[], env: Record<string, string> = { AUTH_HEADER: 'Bearer tok-abcdefghijklmnop' }, command = 'npx') => ({ command, args, env });
  const codes = (client: ClientId, entry: Record<string, unknown>, platform: 'win32' | 'linux' | 'darwin', vars: Record<string, string> = {}) => {
    const [c] = findCandidates(client, { [CLIENTS[client].rootKey]: { 'tray-workspace': entry } });
    return inspect(c!, vars, platform).findings.map((f) => `${f.status}:${f.code}`);
  };
  const good = ['-y', 'mcp-remote', URL, '--header', 'Authorization:${AUTH_HEADER}'];

  it('bare npx on Windows fails for a client that starts commands without a shell (Claude Code), not for one with a shell (Claude Desktop)', () => {
    expect(codes('claude-code', bridge(good), 'win32')).toContain('fail:windows-npx-needs-cmd');
    expect(codes('claude', bridge(good), 'win32')).not.toContain('fail:windows-npx-needs-cmd');
    expect(codes('claude-code', bridge(['/c', 'npx', ...good], undefined, 'cmd'), 'win32')).toEqual([]);
    expect(codes('claude-code', bridge(good), 'linux')).toEqual([]);
  });

  it('an argument with spaces: a fail on Windows (split apart), a portable-config warning elsewhere', () => {
    const spaced = ['-y', 'mcp-remote', URL, '--header', 'Authorization: Bearer tok-abcdefghijklmnop'];
    expect(codes('claude', bridge(spaced, {}), 'win32')).toContain('fail:windows-args-split');
    expect(codes('claude', bridge(spaced, {}), 'darwin')).toContain('warn:header-space');
    expect(codes('claude', bridge(['-y', 'mcp-remote', URL, '--header', 'Authorization:${AUTH_HEADER}', '--cwd', 'C:\\Program Files\\x']), 'win32')).toContain('fail:windows-args-split');
  });

  it('mcp-remote through npx without -y, and a proxy without --enable-proxy, are warnings', () => {
    expect(codes('claude', bridge(['mcp-remote', URL, '--header', 'Authorization:${AUTH_HEADER}']), 'darwin')).toContain('warn:bridge-no-y');
    expect(codes('claude', bridge(good), 'darwin', { HTTPS_PROXY: 'http://proxy.example:3128' })).toContain('warn:bridge-no-proxy');
    expect(codes('claude', bridge([...good, '--enable-proxy']), 'darwin', { HTTPS_PROXY: 'http://proxy.example:3128' })).toEqual([]);
    expect(codes('claude', bridge(good, { AUTH_HEADER: 'Bearer tok-abcdefghijklmnop', HTTPS_PROXY: 'http://p:1' }), 'darwin')).toContain('warn:bridge-no-proxy');
  });
});

describe('gateway rules: which names say Tray', () => {
  it('"tray" as a word of the name, not the start of another word', async () => {
    const { nameLooksTray } = await import('../../src/gateway/entry.js');
    for (const n of ['tray', 'Tray', 'tray-workspace', 'prod_tray', 'my tray', 'trayio', 'TrayAI', 'tray.io', 'tray2']) expect(nameLooksTray(n), n).toBe(true);
    for (const n of ['traymond-notes', 'ashtray', 'stray', 'traverse', 'trays', 'portrayal']) expect(nameLooksTray(n), n).toBe(false);
  });
});
