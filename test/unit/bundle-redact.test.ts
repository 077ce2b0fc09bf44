// Bundle redaction: a config keeps its text (lines, keys, order, comments) with each credential shown
// as its fingerprint, and a replay stand-in of the same shape; a canary never survives, in any
// client's entry shape, in a file that does not parse, in a comment, or encoded.
import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { parseTree, findNodeAtLocation, parse } from 'jsonc-parser';
import { applyMasks, redactConfigText, redactFree, redactValue, secretForms, shape, standIn } from '../../src/bundle/redact.js';
import { placeUnder } from '../../src/bundle/replay.js';
import { CLIENT_IDS, CLIENTS, serverDocument, serverMaps } from '../../src/clients/catalog.js';
import { gatewayUrl, makeEntry } from '../../src/gateway/index.js';
import { CANARY, WORKSPACE, configText, leaksCanary, localEntry } from '../helpers/home.js';

const TAIL = CANARY.slice(-4);
const secrets = [CANARY, `Bearer ${CANARY}`];

function leaks(text: string): boolean {
  return leaksCanary(text) || text.includes(Buffer.from(CANARY).toString('base64').slice(0, 16));
}

describe('redactConfigText', () => {
  it.each(CLIENT_IDS)('%s: the entry setup writes keeps its lines and keys; the token shows as its fingerprint', (client) => {
    const spec = CLIENTS[client];
    const doc = serverDocument(client, { other: { command: 'uvx', args: ['x'] }, 'tray-workspace': makeEntry(client, gatewayUrl(WORKSPACE), CANARY) });
    const text = JSON.stringify(doc, null, 2);
    const red = redactConfigText(text, { secrets });
    expect(leaks(red.text)).toBe(false);
    // Continue sends its apiKey as the bearer token: the key's value is the bare token
    const tokenKey = spec.remote?.tokenKey;
    expect(red.text).toContain(tokenKey ? `"${tokenKey}": "…${TAIL}"` : `Bearer …${TAIL}`);
    expect(red.text.split('\n').map((l) => l.replace(/".*/, ''))).toEqual(text.split('\n').map((l) => l.replace(/".*/, '')));
    // the same document apart from the token
    expect(parse(red.text)).toEqual(parse(text.replace(CANARY, `…${TAIL}`)));
    // the replay's stand-in: same length, same last 4, none of the token
    const replay = applyMasks(red.text, red.masks);
    expect(replay.length).toBe(text.length);
    expect(leaks(replay)).toBe(false);
    const tree = parseTree(replay)!;
    const entryPath = serverMaps(client, doc)[0]!.entryPath('tray-workspace');
    const token = (spec.setup.entry === 'bridge'
      ? findNodeAtLocation(tree, [...entryPath, 'env', 'AUTH_HEADER'])
      : tokenKey
        ? findNodeAtLocation(tree, [...entryPath, tokenKey])
        : findNodeAtLocation(tree, [...entryPath, ...(spec.remote?.headersKey ?? 'headers').split('.'), 'Authorization']))!.value as string;
    expect(token).toMatch(new RegExp(`^${tokenKey ? '' : 'Bearer '}[a0-]+${TAIL}$`));
    expect(token.length).toBe(tokenKey ? CANARY.length : `Bearer ${CANARY}`.length);
  });

  it.each(['continue', 'goose'] as const)('%s: its YAML file keeps its lines; the token shows as its fingerprint', (client) => {
    const text = configText(client, serverDocument(client, { other: localEntry(client), 'tray-workspace': makeEntry(client, gatewayUrl(WORKSPACE), CANARY) }));
    const red = redactConfigText(text, { secrets });
    expect(leaks(red.text)).toBe(false);
    expect(red.text).toContain(client === 'continue' ? `apiKey: …${TAIL}` : `Authorization: Bearer …${TAIL}`);
    expect(red.text.split('\n')).toHaveLength(text.split('\n').length);
    const replay = applyMasks(red.text, red.masks);
    expect(leaks(replay)).toBe(false);
    expect(replay.length).toBe(text.length);
    // every key stays as it was (a masked value does not make the next key look like a credential)
    const keys = (v: unknown): unknown => (Array.isArray(v) ? v.map(keys) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, keys(x)])) : null);
    const yaml = createRequire(import.meta.url)('yaml') as { parse(t: string): unknown };
    expect(keys(yaml.parse(replay))).toEqual(keys(yaml.parse(text)));
  });

  it('a file that does not parse, comments, unquoted and single-quoted values: no token survives, lines stay', () => {
    const text = [
      '{',
      `  // my token: ${CANARY}`,
      `  /* Authorization: Bearer ${CANARY} */`,
      `  "mcpServers": { "t": { "url": "https://x.mcp.tray.ai" "headers": { "Authorization": "Bearer ${CANARY}" } } },`,
      `  headers: {Authorization: Bearer abcdefghijklmnop1234},`,
      `  x: 'single quoted tok_abcdefghij1234567890'`,
      '',
    ].join('\n');
    const red = redactConfigText(text, { secrets });
    expect(leaks(red.text)).toBe(false);
    expect(red.text).not.toContain('abcdefghijklmnop');
    expect(red.text).not.toContain('abcdefghij1234');
    expect(red.text.split('\n')).toHaveLength(text.split('\n').length);
    const replay = applyMasks(red.text, red.masks);
    expect(replay.length).toBe(text.length);
    expect(leaks(replay)).toBe(false);
  });

  it("other servers' credentials too: env secrets, --api-token args, URL passwords, headers", () => {
    const text = JSON.stringify({
      mcpServers: {
        github: { command: 'npx', args: ['-y', 'server-github', '--api-token', 'ghp_0123456789abcdefABCDEF0123'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', DEBUG: 'true' } },
        db: { url: 'https://ana:hunter2secretpw@db.example.com/mcp?token=abcdef123456', headers: { 'X-API-Key': 'sk-live-0123456789abcdefghij' } },
      },
    }, null, 2);
    const red = redactConfigText(text, { secrets: [] });
    for (const secret of ['ghp_0123456789', 'ghp_abcdefghij', 'hunter2', 'abcdef1234', 'sk-live-0123']) expect(red.text).not.toContain(secret);
    expect(red.text).toContain('"DEBUG": "true"');
    expect(red.text).toContain('@db.example.com/mcp?token=');
    // the URL's stand-in keeps its host: a replay judges the same URL
    expect(applyMasks(red.text, red.masks)).toContain('https://ana:aaaaaa0aaaaetpw@db.example.com/mcp?token=aaaaaa003456');
  });

  it('leaves references and placeholders as they are (they are not secrets, and a replay needs them)', () => {
    const text = JSON.stringify({ mcpServers: { a: { headers: { Authorization: 'Bearer ${TRAY_TOKEN}' } }, b: { env: { AUTH_HEADER: 'Bearer your-api-token-here' } }, c: { headers: { Authorization: '${input:tray-token}' } } } });
    expect(redactConfigText(text, { secrets }).text).toBe(text);
  });

  it("trim (~/.claude.json): values outside the server maps become …, keys and server maps stay", () => {
    const text = JSON.stringify({ history: [{ display: 'my prompt' }], projects: { '/home/ana/app': { history: [{ display: 'secret plan' }], mcpServers: { tray: { type: 'http', url: 'https://x.mcp.tray.ai', headers: { Authorization: `Bearer ${CANARY}` } } } } }, oauthAccount: { emailAddress: 'ana@example.com' }, numStartups: 3 }, null, 2);
    const red = redactConfigText(text, { secrets, trim: true });
    for (const gone of ['my prompt', 'secret plan', 'ana@example.com']) expect(red.text).not.toContain(gone);
    expect(red.text).toContain('"/home/ana/app"');
    expect(red.text).toContain('"url": "https://x.mcp.tray.ai"');
    expect(red.text).toContain('"numStartups": 3');
    expect(red.text.split('\n')).toHaveLength(text.split('\n').length);
  });
});

describe('pieces', () => {
  it('shape keeps length and kinds of characters, none of the value', () => {
    expect(shape('Ab3-x_9.Z')).toBe('aa0-a_0.a');
    expect(shape(CANARY)).not.toContain('CANARY');
  });

  it('standIn keeps what the shown text shows (scheme, URL, last 4) and shapes the rest', () => {
    expect(standIn(`Bearer ${CANARY}`, `Bearer …${TAIL}`)).toBe(`Bearer ${shape(CANARY.slice(0, -4))}${TAIL}`);
    expect(standIn('https://u:pw123456@h/x', 'https://u:[redacted]@h/x')).toBe('https://u:aa000000@h/x');
    expect(standIn('tok_abcdefghij1234567890', '[redacted …7890]')).toBe('aaa_aaaaaaaaaa0000007890');
  });

  it('redactFree: as doctor redacts, then base64 and %-encoded forms', () => {
    const b64 = Buffer.from(CANARY).toString('base64');
    const out = redactFree(`Authorization: Bearer ${CANARY} ${b64} ${encodeURIComponent(`x ${CANARY}`)}`, secretForms(secrets), secrets);
    expect(leaks(out)).toBe(false);
    expect(out).toContain('Authorization: …' + TAIL);
  });

  it('redactValue masks credential-named keys and the argument after a credential flag', () => {
    const forms = secretForms([]);
    expect(redactValue('Basic dXNlcjpwYXNzd29yZA==', { key: 'Authorization' }, forms)).toBe('Basic …ZA==');
    expect(redactValue('s3cr3t-value-1', { prev: '--api-token' }, forms)).toBe('…ue-1');
    expect(redactValue('Authorization: Bearer abcdefghijklmnop', { prev: '--header' }, forms)).toBe('Authorization: Bearer …mnop');
    expect(redactValue('hello world', {}, forms)).toBe('hello world');
  });

  it('placeUnder refuses to leave the replay folder', () => {
    expect(placeUnder('/r', 'a/b.json')).toBe('/r/a/b.json');
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', '', 'a\0b']) expect(placeUnder('/r', bad)).toBeNull();
  });
});

describe('referencedVars', () => {
  it('names the variables every client syntax refers to, OpenCode\'s {env:NAME} too; set or not, values redacted', async () => {
    const { referencedVars } = await import('../../src/bundle/collect.js');
    const { makeEnvironment } = await import('../../src/lib/environment.js');
    const env = makeEnvironment({ home: '/h', platform: 'linux', vars: { OC_TOKEN: CANARY, A: 'x' } });
    const files = [{ text: '{"mcp": {"t": {"headers": {"Authorization": "Bearer {env:OC_TOKEN}"}, "url": "${A}", "x": "${env:B}"}}}' }] as never;
    const vars = referencedVars(files, env, secrets);
    expect(vars.map((v) => [v.name, v.set])).toEqual([['A', true], ['B', false], ['OC_TOKEN', true]]);
    expect(JSON.stringify(vars)).not.toContain(CANARY);
  });
});
