import { describe, it, expect } from 'vitest';
import { chooseSource, render, toDocument } from '../../src/explain.js';
import { UsageError } from '../../src/lib/exit.js';
import { painter } from '../../src/lib/color.js';
import { explainText } from '../../src/remedies/match.js';

describe('explain input choice', () => {
  it('with no input and a terminal on stdin, asks for input (exit 2) instead of waiting', () => {
    expect(() => chooseSource({ list: false }, true)).toThrow(UsageError);
    expect(() => chooseSource({ list: false }, true)).toThrow(/nothing to explain/);
  });
  it('reads stdin when it is piped, or with `-`', () => {
    expect(chooseSource({ list: false }, false)).toEqual({ kind: 'stdin' });
    expect(chooseSource({ list: false, text: ['-'] }, true)).toEqual({ kind: 'stdin' });
  });
  it('joins arguments (numbers from the parser become text)', () => {
    expect(chooseSource({ list: false, text: ['HTTP', 401] }, true)).toEqual({ kind: 'text', text: 'HTTP 401' });
  });
  it('refuses contradictory input', () => {
    expect(() => chooseSource({ list: false, text: ['x'], file: 'a.log' }, false)).toThrow(/not both/);
    expect(() => chooseSource({ list: true, text: ['x'] }, false)).toThrow(/--list takes no input/);
    expect(() => chooseSource({ list: false, file: ' ' }, false)).toThrow(/needs a path/);
  });
});

describe('explain rendering', () => {
  it('shows title, evidence, cause, numbered steps and the docs link; colour only when asked', () => {
    const m = explainText('Error POSTing to endpoint (HTTP 401)\nspawn npx ENOENT');
    const plain = render(m, painter(false));
    expect(plain).toMatch(/^2 possible explanations/);
    expect(plain).toContain('1. Node.js (node/npx) is not on the PATH');
    expect(plain).toContain('Matched (line 2): spawn npx ENOENT');
    expect(plain).toMatch(/Fix:\n {5}1\. /);
    expect(plain).toContain('Docs: https://tray.ai/');
    expect(plain).not.toMatch(/\u001b\[/);
    expect(render(m, painter(true))).toMatch(/\u001b\[/);
  });
  it('names the matches beyond the first five', () => {
    const text = ['spawn npx ENOENT', 'HTTP 401', 'HTTP 403', 'SELF_SIGNED_CERT_IN_CHAIN', 'Discovered 0 tools', 'Exceeding total tools limit', 'fetch failed'].join('\n');
    const out = render(explainText(text), painter(false));
    expect(out).toMatch(/Also matched: [a-z-]+, [a-z-]+\./);
  });
  it('the JSON document omits internal ranking weights', () => {
    const doc = toDocument(explainText('HTTP 401'));
    expect(doc.matches[0]).not.toHaveProperty('weight');
  });
});
