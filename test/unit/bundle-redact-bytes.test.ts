// The support bundle redacts a large strict-JSON config from its bytes (redactConfigBytes: Claude
// Code's ~/.claude.json is tens of MB): the same text and the same masks as redactConfigText gives
// for the decoded text, on any document (keys and values that hold a secret, in any encoding, in
// server maps at any depth or outside them, lists after credential flags, non-ASCII text, escapes),
// with and without `trim`; anything that is not strict JSON is left to the text way (undefined).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { redactConfigBytes, redactConfigText } from '../../src/bundle/redact.js';
import { CANARY } from '../helpers/home.js';

const SECRET = 'sk-live-0123456789abcdefXYZ';
const secrets = [CANARY, `Bearer ${CANARY}`, SECRET];
const word = fc.constantFrom(
  'a', 'é', '日本', '😀', '"', '\\', '\n', '\u2028', '\u0001', ' ', 'tray', '--header', '-t', 'Authorization: Bearer ', 'Bearer ',
  CANARY, SECRET, Buffer.from(CANARY).toString('base64'), encodeURIComponent(CANARY), 'ghp_abcdefghij0123456789KLMNOPqrst', '${TOKEN}', '…',
);
const str = fc.array(word, { maxLength: 4 }).map((a) => a.join(''));
const key = fc.oneof(str, fc.constantFrom('mcpServers', 'servers', 'projects', 'headers', 'Authorization', 'env', 'API_KEY', 'args', 'url', 'history', 'display', 'token'));
const json = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, str, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(key, tie('v'), { maxKeys: 4 })),
})).v;
const layout = fc.constantFrom<[number | string, string]>([2, '\n'], [0, '\n'], ['\t', '\r\n'], [4, '\r']);

describe('redactConfigBytes', () => {
  it('the same text and masks as redactConfigText, with and without trim', () => {
    fc.assert(
      fc.property(json, layout, fc.boolean(), (d, [indent, eol], trim) => {
        // (JSON.stringify escapes lone surrogates; the text keeps its escapes as the file has them)
        const text = JSON.stringify(d, null, indent).replace(/\n/g, eol);
        const bytes = redactConfigBytes(Buffer.from(text), { secrets, trim });
        expect(bytes).toEqual(redactConfigText(text, { secrets, trim }));
      }),
      { numRuns: 2000 },
    );
  });

  it('a Claude Code file: history trimmed to "…", the server maps (top-level and per project) redacted in place', () => {
    const d = {
      numStartups: 3,
      oauthAccount: { emailAddress: 'me@example.com' },
      mcpServers: { tray: { type: 'http', url: 'https://x', headers: { Authorization: `Bearer ${CANARY}` } } },
      projects: {
        '/p': {
          history: [{ display: `paste ${CANARY}`, pastedContents: {} }, { display: '' }],
          // a flag's value is a credential: not after a number in between (an object in between is passed over, as the text way does)
          mcpServers: { local: { command: 'node', args: ['-t', SECRET, '-t', 'plain1', '-t', 5, 'plain2', '--token', {}, 'plain3'], env: { API_KEY: SECRET } } },
        },
      },
    };
    const text = JSON.stringify(d, null, 2);
    const r = redactConfigBytes(Buffer.from(text), { secrets, trim: true })!;
    expect(r).toEqual(redactConfigText(text, { secrets, trim: true }));
    expect(r.text).not.toContain(CANARY);
    expect(r.text).not.toContain(SECRET);
    expect(JSON.parse(r.text).projects['/p'].history).toEqual([{ display: '…', pastedContents: {} }, { display: '' }]);
    expect(r.masks.length).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(r.text).projects['/p'].mcpServers.local.args.slice(3)).toEqual(['…', '-t', 5, 'plain2', '--token', {}, '…']);
  });

  it('leaves to the text way what is not strict JSON', () => {
    for (const t of ['{"a": 1,}', '// c\n{}', '{"a": ', '', '{"a": 1} x', `${'['.repeat(600)}${']'.repeat(600)}`]) expect(redactConfigBytes(Buffer.from(t), { secrets }), t).toBeUndefined();
  });
});
