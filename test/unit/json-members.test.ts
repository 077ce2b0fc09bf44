// The piecewise check of strict JSON from its bytes (src/config/json-members.ts) accepts exactly what
// JSON.parse accepts, finds the members where jsonc-parser's visitor finds them, keeps what it is
// asked to keep as JSON.parse reads it, and shows every value to its hooks the way a walk of the
// parsed document would: any JSON value, any formatting, any escapes, non-ASCII text; with pieces of
// every size (down to one byte: every object and array is then walked member by member).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { visit } from 'jsonc-parser';
import { membersAt, scanJson, type Keep, type Member } from '../../src/config/json-members.js';
import { ConfigSecrets, secretsInConfig } from '../../src/lib/redact.js';

const bytesAt = (text: string, offset: number) => Buffer.byteLength(text.slice(0, offset));

/** The top-level members as jsonc-parser's visitor finds them (what setup used on every file before), in bytes. */
function byVisitor(text: string): (Member & { isObject: boolean })[] | 'other' {
  const out: (Member & { isObject: boolean })[] = [];
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
    out.push({ name: pending.name, keyOffset: bytesAt(text, pending.keyOffset), start: bytesAt(text, start), end: bytesAt(text, e), isObject });
    pending = undefined;
  };
  visit(text, {
    onObjectBegin: (o) => void (begin(o, true), depth++),
    onObjectEnd: (o, l) => (depth--, end(o + l)),
    onArrayBegin: (o) => void (begin(o, false), depth++),
    onArrayEnd: (o, l) => (depth--, end(o + l)),
    onLiteralValue: (_v, o, l) => (begin(o, false), end(o + l)),
    onObjectProperty: (name, o) => {
      if (depth === 1 && root === 'object') pending = { name, keyOffset: o };
    },
  });
  return root === 'object' ? out : 'other';
}

const walk = (text: string, piece?: number) => {
  const b = Buffer.from(text);
  const r = scanJson(b, { piece });
  return r.root === 'object' ? r.members.map((m) => ({ ...m, isObject: b[m.start] === 123 })) : r.root;
};
const accepts = (text: string, piece?: number) => {
  try {
    scanJson(Buffer.from(text), { piece });
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
// a text a UTF-8 file can hold (no lone surrogate from a cut emoji)
const wellFormed = (t: string) => Buffer.from(t).toString() === t;

// strings with what makes skipping them hard: quotes, backslashes (runs of them before a quote),
// brackets, non-ASCII (2, 3 and 4 bytes), control characters (escaped by JSON.stringify)
const tricky = fc
  .array(fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', 'a', ' ', '\n', 'é', '€', '😀', '\u0001', '\u2028', '\\"', '\\\\'), { maxLength: 12 })
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
const PIECES = [1, 7, 64 * 1024] as const;

describe('top-level members of checked JSON', () => {
  it('match the visitor on any object, in any indentation', () => {
    fc.assert(
      fc.property(fc.dictionary(tricky, value, { maxKeys: 6 }), fc.constantFrom(0, 2, 4, '\t', ' \r\n '), fc.constantFrom(...PIECES), (doc, indent, piece) => {
        let text = JSON.stringify(doc, null, indent as never);
        if (indent === ' \r\n ') text = text.replace(/\n/g, '\r\n');
        expect(walk(text, piece)).toEqual(byVisitor(text));
      }),
      { numRuns: 400 },
    );
  });

  it('accepts what JSON.parse accepts, and nothing else (any value, any piece size, any damage)', () => {
    const damaged = fc
      .tuple(value, fc.constantFrom(0, 2), fc.nat(), fc.constantFrom('', '"', '\\', '{', '}', '[', ']', ',', ':', ' ', '0', '-', 'e', 'x', '\u0001', 'tru', '/', 'é'), fc.nat(3))
      .map(([v, indent, at, insert, cut]) => {
        const text = JSON.stringify(v, null, indent) ?? 'null';
        const k = at % (text.length + 1);
        return text.slice(0, k) + insert + text.slice(Math.min(text.length, k + cut));
      })
      .filter(wellFormed);
    fc.assert(
      fc.property(damaged, fc.constantFrom(1, 3, 64 * 1024), (text, piece) => {
        expect(accepts(text, piece)).toBe(jsonParses(text));
      }),
      { numRuns: 3000 },
    );
    for (const text of ['', ' ', '{', '{}}', '{} x', '{"a":1,}', '[1,]', '{"a" 1}', '{"a":1 "b":2}', '{,}', '01', '"\\t"', '{"a":"\\x"}', '"\t"', '[1 2]', '{"a":[}', '{"a":]}', '{"a":"\\\\"}', '{"a":"\\\\\\"}', '{"a":"x"]', '["a"}'])
      for (const piece of [1, 64 * 1024]) expect(accepts(text, piece), `${JSON.stringify(text)} piece ${piece}`).toBe(jsonParses(text));
  });

  it('a key written twice is listed twice (the caller takes the last) and flagged; escaped keys are unescaped', () => {
    const text = '{ "mcp\\u0053ervers": {"a":1}, "x": "\\\\", "mcpServers" : [ "}" ] }';
    expect(walk(text)).toEqual(byVisitor(text));
    expect((walk(text) as Member[]).map((m) => m.name)).toEqual(['mcpServers', 'x', 'mcpServers']);
    expect(scanJson(Buffer.from(text))).toMatchObject({ duplicateKey: true });
    expect(scanJson(Buffer.from('{"a": {"b": 1, "b": 2}}'))).toMatchObject({ duplicateKey: false }); // inside a piece: JSON.parse's business
    expect(scanJson(Buffer.from('{"a": {"b": 1, "b": 2}}'), { piece: 1 })).toMatchObject({ duplicateKey: true });
  });

  it('a root that is not an object, and an empty object', () => {
    for (const text of ['[1, 2]', '"s"', ' 12 ', 'null']) expect(walk(text)).toBe('other');
    expect(walk(' {\n} ')).toEqual([]);
  });

  it('deeper than the limit: said so (the caller reads the text the slow way), at exactly the limit: read', () => {
    const deep = `{"a": ${'['.repeat(600)}${']'.repeat(600)}, "b": 1}`;
    expect(scanJson(Buffer.from(deep), { maxDepth: 512 })).toEqual({ root: 'too-deep' });
    expect(scanJson(Buffer.from(deep), { maxDepth: 512, piece: 8 })).toEqual({ root: 'too-deep' });
    expect(walk(deep)).toEqual(byVisitor(deep));
    // the root counts 1: 511 arrays inside it is 512 levels
    const edge = (n: number) => Buffer.from(`{"a": ${'['.repeat(n)}${']'.repeat(n)}}`);
    for (const piece of [8, 64 * 1024]) {
      expect(scanJson(edge(511), { maxDepth: 512, piece }).root).toBe('object');
      expect(scanJson(edge(512), { maxDepth: 512, piece }).root).toBe('too-deep');
    }
  });

  it('membersAt lists the members of any object or array of a checked document, as the walk does', () => {
    fc.assert(
      fc.property(fc.dictionary(tricky, value, { maxKeys: 6 }), fc.constantFrom(0, 2), (doc, indent) => {
        const b = Buffer.from(JSON.stringify(doc, null, indent));
        const r = scanJson(b, { piece: 1 });
        if (r.root !== 'object') throw new Error('not an object');
        for (const [at, members] of r.walked) expect(membersAt(b, at)).toEqual(members);
      }),
      { numRuns: 200 },
    );
  });
});

/** What `keep` asks for, written out on the parsed document. */
function expected(v: unknown, keep: Keep): unknown {
  if (keep === 'all') return v;
  if (keep === 'none') return undefined;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const e = expected(x, keep.members.get(k) ?? keep.others);
    if (e !== undefined) out[k] = e;
  }
  return out;
}

const keeps: fc.Arbitrary<Keep> = fc.letrec((tie) => ({
  k: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom<Keep>('all', 'none'),
    fc.record({ members: fc.array(fc.tuple(tricky, tie('k')), { maxLength: 3 }).map((a) => new Map(a)), others: tie('k') }),
  ),
})).k as fc.Arbitrary<Keep>;

describe('what is kept, and what the hooks see', () => {
  it('keeps exactly what is asked for, as JSON.parse reads it, whatever the piece size', () => {
    fc.assert(
      fc.property(fc.dictionary(tricky, value, { maxKeys: 6 }), keeps, fc.constantFrom(...PIECES), (doc, keep, piece) => {
        const text = JSON.stringify(doc, null, 2);
        // asking for some members of the root: the keys that exist are asked for too
        const r = scanJson(Buffer.from(text), { keep, piece });
        if (r.root !== 'object') throw new Error('not an object');
        expect(r.kept).toEqual(expected(JSON.parse(text), keep));
      }),
      { numRuns: 500 },
    );
  });

  it('a "__proto__" key is kept as a property, as JSON.parse keeps it', () => {
    const text = '{"__proto__": {"x": 1}, "a": {"__proto__": 2}}';
    for (const piece of PIECES) {
      const r = scanJson(Buffer.from(text), { keep: 'all', piece });
      if (r.root !== 'object') throw new Error('not an object');
      expect(Object.getPrototypeOf(r.kept)).toBe(Object.prototype);
      expect(Object.keys(r.kept as object)).toEqual(['__proto__', 'a']);
      expect(r.kept).toEqual(JSON.parse(text));
    }
  });

  // credential-shaped documents: header maps, env maps, token flags in argument lists, at any depth
  const cred = fc.constantFrom('Authorization', 'token', 'apiKey', 'x-api-key', 'password', 'X-Auth-Thing', 'API_TOKEN', 'headers', 'env', 'requestInit', 'args');
  const secretish = fc.constantFrom('Bearer abcd1234efgh', 'sk-live-0123456789abcdef', '${TOKEN}', 'x', 'token=zzzz9999', '--token=qqqq7777', '-t', '--header', 'Authorization: Bearer wxyz4321');
  const credValue = fc.letrec((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      secretish,
      tricky,
      fc.integer(),
      fc.array(fc.oneof(secretish, tie('v')), { maxLength: 5 }),
      fc.dictionary(fc.oneof(cred, tricky), tie('v'), { maxKeys: 4 }),
    ),
  })).v;

  it('the credential walk over the pieces finds what secretsInConfig finds in the parsed document', () => {
    const isPlaceholder = (v: string) => v === 'x';
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(cred, tricky), credValue, { maxKeys: 6 }), fc.constantFrom(...PIECES), (doc, piece) => {
        const text = JSON.stringify(doc);
        const s = new ConfigSecrets(isPlaceholder);
        scanJson(Buffer.from(text), {
          piece,
          hooks: { whole: (v, d, k) => s.walk(v, d, k), member: (n, v, p, d) => s.member(n, v, p, d), item: (v, prev, d) => s.item(v, prev, d) },
        });
        expect(new Set(s.found)).toEqual(new Set(secretsInConfig(JSON.parse(text), isPlaceholder)));
      }),
      { numRuns: 600 },
    );
  });

  it('depth as the walk counts it: nothing held deeper than 64 levels is collected, in pieces or whole', () => {
    const nest = (n: number, inner: unknown): unknown => (n === 0 ? inner : { a: nest(n - 1, inner) });
    for (const n of [62, 63, 64, 65, 66]) {
      const text = JSON.stringify(nest(n, { token: 'sk-live-0123456789abcdef', args: ['-t', 'sk-other-0123456789'] }));
      for (const piece of PIECES) {
        const s = new ConfigSecrets(() => false);
        scanJson(Buffer.from(text), { piece, hooks: { whole: (v, d, k) => s.walk(v, d, k), member: (nm, v, p, d) => s.member(nm, v, p, d), item: (v, prev, d) => s.item(v, prev, d) } });
        expect(new Set(s.found), `depth ${n} piece ${piece}`).toEqual(new Set(secretsInConfig(JSON.parse(text), () => false)));
      }
    }
  });
});
