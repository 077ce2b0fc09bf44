// The redaction module against hostile text: a known token in every encoding a server may echo it
// in, unknown tokens in the wordings of pasted errors and client logs, every credential position of
// a config, cut text, and linear cost whatever the input or the number of secrets.
import { describe, it, expect } from 'vitest';
import { Secrets, clip, encodedForms, isTokenShaped, redactText, secretsInConfig } from '../../src/lib/redact.js';
import { isPlaceholder } from '../../src/gateway/token.js';
import { CANARY } from '../helpers/home.js';

/** any 10 characters in a row of the token (its last 4 alone are allowed) */
function leaks(text: string, token: string): boolean {
  for (let i = 0; i + 10 <= token.length; i++) if (text.includes(token.slice(i, i + 10))) return true;
  return false;
}

const UNKNOWN = 'Xq7Tk2mP9vR4wL8nZ3';

/** A known token, echoed by a hostile server in each form. */
export function encodings(token: string): [name: string, text: string][] {
  const b = Buffer.from(token);
  return [
    ['as is', token],
    ['upper case', token.toUpperCase()],
    ['lower case', token.toLowerCase()],
    ['base64', b.toString('base64')],
    ['base64url', b.toString('base64url')],
    ['base64 of "Bearer TOKEN"', Buffer.from(`Bearer ${token}`).toString('base64')],
    ['base64 of a JSON header', Buffer.from(`{"authorization":"Bearer ${token}"}`).toString('base64')],
    ['base64url at offset 2', Buffer.from(`xy${token}z`).toString('base64url')],
    ['percent-encoded', encodeURIComponent(`Bearer ${token}`)],
    ['every byte percent-encoded', Array.from(b, (x) => '%' + x.toString(16).padStart(2, '0')).join('')],
    ['every byte percent-encoded, upper hex', Array.from(b, (x) => '%' + x.toString(16).toUpperCase().padStart(2, '0')).join('')],
    ['hex', b.toString('hex')],
    ['HEX', b.toString('hex').toUpperCase()],
    ['JSON-escaped', JSON.stringify({ echo: token })],
  ];
}

describe('a known token in the encodings a server may echo it in', () => {
  const secrets = new Secrets();
  secrets.add(CANARY);
  it.each(encodings(CANARY))('%s', (_name, text) => {
    for (const wrapped of [text, `server says: ${text} (rejected)`, `"${text}"`]) {
      const out = secrets.redact(wrapped);
      expect(leaks(out, CANARY), out).toBe(false);
      for (const [, form] of encodings(CANARY)) expect(out.includes(form) && form.length > 12).toBe(false);
    }
  });

  it('every form is generated for a token of any length from 8 characters', () => {
    for (const t of ['abcdefgh', 'abcdefghi', 'abcdefghij', CANARY]) {
      const forms = encodedForms(t).map((f) => f.text);
      expect(forms).toContain(Buffer.from(t).toString('hex'));
    }
  });

  it('short secrets (4–7 characters) are matched exactly, not in any case', () => {
    const s = new Secrets();
    s.add('abcd');
    expect(s.redact('x abcd y')).toBe('x … y');
    expect(s.redact('x ABCD y')).toBe('x ABCD y');
  });
});

describe('unknown tokens in the wordings of errors and logs', () => {
  it.each([
    `invalid token ${UNKNOWN}`,
    `token ${UNKNOWN} rejected`,
    `Token ${UNKNOWN} has expired`,
    `auth: ${UNKNOWN}`,
    `Bearer:${UNKNOWN}`,
    `Bearer=${UNKNOWN}`,
    `tray_token=${UNKNOWN}`,
    `TRAY_TOKEN: ${UNKNOWN}`,
    `secret is ${UNKNOWN}`,
    `password '${UNKNOWN}'`,
    `credentials ${UNKNOWN} refused`,
    `access key ${UNKNOWN}`,
    `{"access_token":"${UNKNOWN}"}`,
    `x-api-key: ${UNKNOWN}`,
    `Proxy-Authorization: Basic ${UNKNOWN}`,
    `${UNKNOWN}`,
    `401 for ${UNKNOWN}.`,
    `https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai/${UNKNOWN}`,
    `"type": "${UNKNOWN}" is not one Cursor knows`,
    `cursor › ${UNKNOWN}`,
    `CANARY-tok-9f8e7d6c5b4a-SECRET-zz42`,
  ])('masks %s', (text) => {
    const out = redactText(text);
    expect(out).toMatch(/redacted/);
    expect(leaks(out, text.includes('CANARY') ? CANARY : UNKNOWN), out).toBe(false);
  });

  it.each([
    'token budget exceeded',
    'the token expired yesterday',
    'the token provided is not valid',
    "SyntaxError: Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON",
    'OAuth token exchange failed: HTTP 400',
    'Authentication Error: Token exchange failed: HTTP 400',
    'auth: required',
    'secret rotation completed',
    'tool_01_lookup_customer_v2 failed',
    '2025-06-03T07:23:52.664Z [error] [tray-workspace] spawn npx ENOENT',
    'https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai',
    'workspace 12345678-abcd-1234-ef56-0123456789ab',
    '/tmp/tray-mcp-home-AbC123/.cursor/mcp.json',
    '~/.mcp-auth/mcp-remote-0.1.18/5f3a9c2b1e7d4a6f8c0b1234_debug.log',
    'C:\\Users\\ana\\AppData\\Roaming\\Claude\\logs\\mcp-server-tray2025x9.log',
    'mcp-remote@0.1.29 needs node >=20.18.1 (this is v18.19.0)',
    'logs/20250603T072352/window1/exthost/anysphere.cursor-mcp',
    'add `Authorization: Bearer <token>` to the entry',
    'Authorization:${AUTH_HEADER}',
    'Authorization: Bearer',
  ])('leaves ordinary text readable: %s', (text) => {
    expect(redactText(text)).toBe(text);
  });

  it('is idempotent', () => {
    for (const t of [`invalid token ${UNKNOWN}`, UNKNOWN, `Bearer:${UNKNOWN}`]) {
      const once = redactText(t);
      expect(redactText(once)).toBe(once);
    }
  });

  it('tells token-shaped words from identifiers', () => {
    expect(isTokenShaped('TOKENVALUE123456789')).toBe(true);
    expect(isTokenShaped('a'.repeat(64).replace(/a/g, (_c, i: number) => '0123456789abcdef'[i % 16]!))).toBe(true);
    expect(isTokenShaped('tool_01_lookup_customer_v2')).toBe(false);
    expect(isTokenShaped('12345678-abcd-1234-ef56-0123456789ab')).toBe(false);
    expect(isTokenShaped('12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai')).toBe(false);
  });
});

describe('credential fields of a config, wherever they sit', () => {
  const doc = {
    mcpServers: {
      a: { url: 'https://x', headers: { Authorization: 'Bearer hdr-tok-1111aaaa', 'X-Api-Key': 'xkey-2222bbbb' } },
      b: { command: 'npx', args: ['-y', 'mcp-remote', 'https://x', '--header', 'Authorization:Bearer arg-tok-3333cccc'], env: { AUTH_HEADER: 'Bearer env-tok-4444dddd', MY_SECRET: 'env-secret-5555', NODE_ENV: 'production' } },
      c: { command: 'npx', args: ['@trayio/tray-mcp', '-t', 'flag-tok-6666eeee', '--api-token=eq-tok-7777ffff'] },
      d: { bearer_token: 'bt-8888gggg', nested: { deeper: [{ api_key: 'ak-9999hhhh' }, { password: 'pw-0000iiii' }] } },
    },
  };
  it('finds every one (and the token inside "Bearer X")', () => {
    const found = secretsInConfig(doc, isPlaceholder);
    for (const v of ['hdr-tok-1111aaaa', 'xkey-2222bbbb', 'arg-tok-3333cccc', 'env-tok-4444dddd', 'env-secret-5555', 'flag-tok-6666eeee', 'eq-tok-7777ffff', 'bt-8888gggg', 'ak-9999hhhh', 'pw-0000iiii']) {
      expect(found, v).toContain(v);
    }
    expect(found).not.toContain('production');
    expect(found).not.toContain('https://x');
  });

  it('a registry fed from the config masks them in any later text', () => {
    const s = new Secrets();
    s.addFromConfig(doc, isPlaceholder);
    const out = s.redact('server name hdr-tok-1111aaaa, type flag-tok-6666eeee, url https://x/ak-9999hhhh');
    for (const v of ['hdr-tok-1111', 'flag-tok-6666', 'ak-9999']) expect(out).not.toContain(v);
  });

  it("placeholders are not secrets (they are quoted back to the user): the Gateway's rule, passed in", () => {
    const doc = { a: { headers: { Authorization: 'Bearer your-api-token-here' } }, b: { env: { AUTH_HEADER: 'Bearer <TOKEN>' } }, c: { api_key: 'xxxxxxxx' } };
    expect(secretsInConfig(doc, isPlaceholder)).toEqual([]);
    // the rule is the caller's: without it every value is a secret (redaction errs on the safe side)
    expect(secretsInConfig(doc, () => false)).toEqual(expect.arrayContaining(['your-api-token-here', 'xxxxxxxx']));
  });

  it('secret-named environment variables are secrets; others are not', () => {
    const s = new Secrets();
    s.addFromEnvironment({ GITHUB_TOKEN: 'ghp_envtoken123456', AWS_SECRET_ACCESS_KEY: 'awsSecretValue/123+abc', HOME: '/home/ana', GIT_AUTHOR_NAME: 'Ana Example' });
    expect(s.redact('a ghp_envtoken123456 b awsSecretValue/123+abc c')).not.toMatch(/envtoken|awsSecret/);
    expect(s.has('/home/ana')).toBe(false);
    expect(s.has('Ana Example')).toBe(false);
  });
});

describe('cutting text for display', () => {
  it('never leaves part of a token readable, wherever the cut falls', () => {
    const s = new Secrets();
    s.add(CANARY);
    for (let pad = 150; pad <= 210; pad++) {
      const out = clip('x'.repeat(pad) + CANARY + ' and more text after it', 200, s);
      expect(leaks(out, CANARY), `pad ${pad}: ${out}`).toBe(false);
      expect(out).toMatch(/…\(\d+ more bytes\)$/);
    }
  });

  it('an unknown token cut by the window is masked before the cut', () => {
    for (let pad = 180; pad <= 199; pad++) {
      const out = clip('x '.repeat(pad / 2) + `invalid token ${UNKNOWN}` + ' '.repeat(50), 200);
      expect(leaks(out, UNKNOWN), out).toBe(false);
    }
  });
});

describe('cost: linear in the text, whatever the secrets', () => {
  // Honest ceilings: a quadratic step takes minutes on these inputs, the linear one well under a second.
  it('a megabyte of hostile text redacts in bounded time', () => {
    const s = new Secrets();
    s.add(CANARY);
    const parts = ['Authorization:' + ' '.repeat(5000) + '"', 'token ' + 'a'.repeat(3000), 'CANARY-tok-'.repeat(500), 'Bearer ', 'api key' + ' '.repeat(4000), 'x'.repeat(20_000), `${'9f8e7d6c'.repeat(1000)}`];
    const text = parts.join('\n').repeat(Math.ceil(1_000_000 / parts.join('\n').length)).slice(0, 1_000_000);
    const t0 = performance.now();
    s.redact(text);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('ten thousand secrets: one pass per string, not one regex per secret', () => {
    const s = new Secrets();
    for (let i = 0; i < 10_000; i++) s.add(`tok-${i}-${'k'.repeat(20)}-${i * 7919}`);
    const text = `server tok-42-${'k'.repeat(20)}-${42 * 7919} answered; `.repeat(200);
    const t0 = performance.now();
    let out = '';
    for (let i = 0; i < 200; i++) out = s.replaceKnown(text);
    expect(out).not.toContain('kkkkkkkkkk');
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('ten thousand secrets sharing a long prefix or a long suffix stay cheap', () => {
    const s = new Secrets();
    const t0 = performance.now();
    for (let i = 0; i < 5_000; i++) s.add(`ghp_sharedprefix_${i.toString(36).padStart(6, '0')}x${i * 31}`);
    for (let i = 0; i < 5_000; i++) s.add(`${i * 17}-${'Z'.repeat(48)}`);
    const text = `ghp_sharedprefix_ ${'Z'.repeat(200)} ${17 * 99}-${'Z'.repeat(48)} `.repeat(200);
    let out = '';
    for (let i = 0; i < 20; i++) out = s.replaceKnown(text);
    expect(out).toContain(`…ZZZZ`);
    expect(out).not.toContain(`${17 * 99}-ZZZZZZZZ`);
    expect(performance.now() - t0).toBeLessThan(15_000);
  });
});
