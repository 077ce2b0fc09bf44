// The piecewise check of strict JSON (src/config/json-members.ts) accepts exactly what JSON.parse
// accepts, and finds the top-level members where jsonc-parser's visitor finds them: any JSON value,
// any formatting, any escapes; with pieces of every size (down to one character: every object and
// array is then walked member by member).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { visit } from 'jsonc-parser';
import { checkedTopLevel, type TopMember } from '../../src/config/json-members.js';

/** The same facts, from jsonc-parser's visitor (what setup used on every file before). */
function byVisitor(text: string): TopMember[] | 'other' {
  const out: TopMember[] = [];
  let depth = 0;
  let root: 'object' | 'other' | undefined;
  let pending: { name: string; keyOffset: number } | undefined;
  let start = 0;
  let isObject = false;
  const begin = (offset: number, obj: boolean) => {
    if (depth === 0 && root === undefined) root = obj ? 'object' : 'other';
    else if (depth === 1 && root === 'object') {
      start = offset;
      isObject = obj;
    }
  };
  const end = (e: number) => {
    if (depth !== 1 || root !== 'object' || !pending) return;
    out.push({ ...pending, start, end: e, isObject });
    pending = undefined;
  };
  visit(text, {
    onObjectBegin: (o) => (begin(o, true), depth++),
    onObjectEnd: (o, l) => (depth--, end(o + l)),
    onArrayBegin: (o) => (begin(o, false), depth++),
    onArrayEnd: (o, l) => (depth--, end(o + l)),
    onLiteralValue: (_v, o, l) => (begin(o, false), end(o + l)),
    onObjectProperty: (name, o) => {
      if (depth === 1 && root === 'object') pending = { name, keyOffset: o };
    },
  });
  return root === 'object' ? out : 'other';
}

const walk = (text: string, piece?: number) => {
  const r = checkedTopLevel(text, Infinity, piece);
  return r.root === 'object' ? r.members : r.root;
};
const accepts = (text: string, piece?: number) => {
  try {
    checkedTopLevel(text, Infinity, piece);
    return true;
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    return false;
  }
};
const jsonParses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

// strings with what makes skipping them hard: quotes, backslashes (runs of them before a quote),
// brackets, non-ASCII, control characters (escaped by JSON.stringify)
const tricky = fc
  .array(fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', 'a', ' ', '\n', 'é', '😀', '\u0001', '\\"', '\\\\'), { maxLength: 12 })
  .map((a) => a.join(''));
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    tricky,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(tricky, tie('v'), { maxKeys: 4 }),
  ),
})).v;

describe('top-level members of checked JSON', () => {
  it('match the visitor on any object, in any indentation', () => {
    fc.assert(
      fc.property(fc.dictionary(tricky, value, { maxKeys: 6 }), fc.constantFrom(0, 2, 4, '\t', ' \r\n '), fc.constantFrom(1, 7, 64 * 1024), (doc, indent, piece) => {
        let text = JSON.stringify(doc, null, indent as never);
        if (indent === ' \r\n ') text = text.replace(/\n/g, '\r\n');
        expect(walk(text, piece)).toEqual(byVisitor(text));
      }),
      { numRuns: 400 },
    );
  });

  it('accepts what JSON.parse accepts, and nothing else (any value, any piece size, any damage)', () => {
    const damaged = fc
      .tuple(value, fc.constantFrom(0, 2), fc.nat(), fc.constantFrom('', '"', '\\', '{', '}', '[', ']', ',', ':', ' ', '0', '-', 'e', 'x', '\u0001', 'tru', '/'), fc.nat(3))
      .map(([v, indent, at, insert, cut]) => {
        const text = JSON.stringify(v, null, indent) ?? 'null';
        const k = at % (text.length + 1);
        return text.slice(0, k) + insert + text.slice(Math.min(text.length, k + cut));
      });
    fc.assert(
      fc.property(damaged, fc.constantFrom(1, 3, 64 * 1024), (text, piece) => {
        expect(accepts(text, piece)).toBe(jsonParses(text));
      }),
      { numRuns: 3000 },
    );
    for (const text of ['', ' ', '{', '{}}', '{} x', '{"a":1,}', '[1,]', '{"a" 1}', '{"a":1 "b":2}', '{,}', '01', '"\\t"', '{"a":"\\x"}', '"\t"', '[1 2]', '{"a":[}', '{"a":]}'])
      for (const piece of [1, 64 * 1024]) expect(accepts(text, piece), `${JSON.stringify(text)} piece ${piece}`).toBe(jsonParses(text));
  });

  it('a key written twice is listed twice (the caller takes the last); escaped keys are unescaped', () => {
    const text = '{ "mcp\\u0053ervers": {"a":1}, "x": "\\\\", "mcpServers" : [ "}" ] }';
    expect(walk(text)).toEqual(byVisitor(text));
    expect((walk(text) as TopMember[]).map((m) => m.name)).toEqual(['mcpServers', 'x', 'mcpServers']);
  });

  it('a root that is not an object, and an empty object', () => {
    for (const text of ['[1, 2]', '"s"', ' 12 ', 'null']) expect(walk(text)).toBe('other');
    expect(walk(' {\n} ')).toEqual([]);
  });

  it('deeper than the limit: said so (the caller reads the text the slow way)', () => {
    const deep = `{"a": ${'['.repeat(600)}${']'.repeat(600)}, "b": 1}`;
    expect(checkedTopLevel(deep, 512)).toEqual({ root: 'too-deep' });
    expect(checkedTopLevel(deep, 512, 8)).toEqual({ root: 'too-deep' });
    expect(walk(deep)).toEqual(byVisitor(deep));
  });
});
