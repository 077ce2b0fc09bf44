// Secrets never leave the process: the one module that knows what a secret looks like.
//
// - `Secrets` is the registry of one run: every token the run reads is added the moment it is read
//   (--token, TRAY_MCP_API_TOKEN, a prompt, a config's credential fields, secret-named environment
//   variables). It matches every known value in one linear pass (an index by the first three
//   characters, not a regex per secret), in the encodings a server may echo it in: as is, in any
//   letter case, percent-encoded, hex, base64 and base64url (at every byte alignment, so a token
//   inside a longer encoded string such as `Bearer TOKEN` is found too).
// - PATTERNS mask credential-shaped text whatever its value: `Bearer …`, `Authorization: …`,
//   `token=…`, "invalid token X", `-t X`, and a bare token-shaped word (a long run mixing letters
//   and digits) anywhere outside a file path.
// Redact before cutting or wrapping for display: a token cut in half is no longer recognisable.
// A token is shown at most as a fingerprint of its last 4 characters.

/** `…a1b2` for a token; short tokens (under 12 chars) show nothing of themselves. */
export function fingerprint(token: string | undefined | null): string {
  if (!token) return '(none)';
  return token.length >= 12 ? `…${token.slice(-4)}` : '…';
}

/** Values longer than this are not tokens; only their first MAX_SECRET characters are matched. */
const MAX_SECRET = 4096;
/** Encoded forms shorter than this would match ordinary text. */
const MIN_ENCODED = 8;

const fold = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

/** Polynomial hash base (odd); B7 = B^7 mod 2^32, to roll an 8-character window. */
const B = 1000003;
const B7 = [1, 2, 3, 4, 5, 6, 7].reduce((x) => Math.imul(x, B), 1);

/** A 32-bit polynomial hash of `len` case-folded characters of s ending before `end`. */
function hashBefore(s: string, end: number, len: number): number {
  let h = 0;
  for (let i = end - len; i < end; i++) h = (Math.imul(h, B) + fold(s.charCodeAt(i))) | 0;
  return h >>> 0;
}

/** The hash of the 8 characters ending at `end`, from the hash of those ending at `end - 1`. */
function roll(h: number, s: string, end: number): number {
  return ((Math.imul((h | 0) - Math.imul(fold(s.charCodeAt(end - 9)), B7), B) + fold(s.charCodeAt(end - 1))) | 0) >>> 0;
}

/**
 * Every form of every secret, by number: its text, whether it matches in any letter case, and what
 * replaces it (the fingerprint of the secret it encodes). Parallel arrays, not an object per form:
 * 10,000 secrets make 100,000 forms.
 */
class Forms {
  readonly text: string[] = [];
  readonly ci: boolean[] = [];
  readonly replacement: string[] = [];

  push(text: string, ci: boolean, replacement: string): number {
    this.text.push(text);
    this.ci.push(ci);
    this.replacement.push(replacement);
    return this.text.length - 1;
  }

  /** Form `f` occurs in `text` at `i`. */
  at(text: string, i: number, f: number): boolean {
    const t = this.text[f]!;
    const n = t.length;
    if (i < 0 || i + n > text.length) return false;
    if (!this.ci[f]) return text.startsWith(t, i);
    for (let k = 0; k < n; k++) if (fold(text.charCodeAt(i + k)) !== fold(t.charCodeAt(k))) return false;
    return true;
  }

  same(a: number, text: string, ci: boolean): boolean {
    return this.text[a] === text && this.ci[a] === ci;
  }
}

/** Chunk length of the suffix index; forms shorter than this go to the short index. */
const CHUNK = 8;
/** A node holding more forms than this is split by the next chunk (from the end). */
const SPLIT = 16;

interface SuffixNode {
  /** forms ending with this node's chunks, until there are more than SPLIT of them */
  forms: number[];
  /** after a split: longer forms, by their next chunk (from the end) */
  children?: Map<number, Slot>;
  /** after a split: forms too short for another chunk, by (length, hash of what is left before the chunks) */
  tails?: Map<number, number[]>;
  tailLengths?: number[];
}
/** A map entry: one form (no node needed), or a node. */
type Slot = number | SuffixNode;

const tailKey = (length: number, hash: number) => length * 4294967296 + hash;

/**
 * Forms indexed by their last 8 case-folded characters, then (for crowded buckets) by the 8 before
 * those, and so on: a trie over 8-character chunks read from the end. Tokens that share a prefix
 * (`ghp_…`, `sk-ant-…`) differ at the end; forms that share a long suffix are split further, and
 * those too short for another chunk are told apart by what is left of them. So each text position
 * costs a few hash look-ups and a few comparisons, whatever the number of secrets.
 */
class SuffixIndex {
  readonly root = new Map<number, Slot>();
  /** one bit per root hash (mod 2^20): most positions are ruled out without a Map look-up */
  private readonly bits = new Uint32Array(1 << 15);

  constructor(private readonly forms: Forms) {}

  add(f: number): void {
    const t = this.forms.text[f]!;
    const h = hashBefore(t, t.length, CHUNK);
    this.bits[(h >>> 5) & 0x7fff]! |= 1 << (h & 31);
    this.place(this.root, 1, f);
  }

  /** false when no form ends with the 8 characters whose hash is `last8` */
  maybe(last8: number): boolean {
    return (this.bits[(last8 >>> 5) & 0x7fff]! & (1 << (last8 & 31))) !== 0;
  }

  private place(map: Map<number, Slot>, depth: number, f: number): void {
    const F = this.forms;
    const t = F.text[f]!;
    const n = t.length;
    for (;;) {
      const key = hashBefore(t, n - CHUNK * (depth - 1), CHUNK);
      const slot = map.get(key);
      if (slot === undefined) {
        map.set(key, f);
        return;
      }
      let node: SuffixNode;
      if (typeof slot === 'number') {
        if (F.same(slot, t, F.ci[f]!)) return;
        node = { forms: [slot] };
        map.set(key, node);
      } else node = slot;
      if (!node.children) {
        if (node.forms.some((x) => F.same(x, t, F.ci[f]!))) return;
        node.forms.push(f);
        if (node.forms.length > SPLIT) this.split(node, depth);
        return;
      }
      if (n >= CHUNK * (depth + 1)) {
        map = node.children;
        depth++;
        continue;
      }
      this.addTail(node, depth, f);
      return;
    }
  }

  private split(node: SuffixNode, depth: number): void {
    const forms = node.forms;
    node.forms = [];
    node.children = new Map();
    for (const g of forms) {
      if (this.forms.text[g]!.length >= CHUNK * (depth + 1)) this.place(node.children, depth + 1, g);
      else this.addTail(node, depth, g);
    }
  }

  private addTail(node: SuffixNode, depth: number, f: number): void {
    const F = this.forms;
    const t = F.text[f]!;
    const left = t.length - CHUNK * depth;
    const key = tailKey(t.length, hashBefore(t, left, left));
    node.tails ??= new Map();
    node.tailLengths ??= [];
    const list = node.tails.get(key);
    if (list?.some((x) => F.same(x, t, F.ci[f]!))) return;
    if (list) list.push(f);
    else node.tails.set(key, [f]);
    if (!node.tailLengths.includes(t.length)) node.tailLengths.push(t.length);
  }

  /** Every match ending at `end` (`last8`: the hash of the 8 characters before it): calls hit(start, form). */
  matchesEndingAt(text: string, end: number, last8: number, hit: (start: number, f: number) => void): void {
    const F = this.forms;
    let map: Map<number, Slot> | undefined = this.root;
    for (let depth = 1; map && end - CHUNK * depth >= 0; depth++) {
      const slot: Slot | undefined = map.get(depth === 1 ? last8 : hashBefore(text, end - CHUNK * (depth - 1), CHUNK));
      if (slot === undefined) return;
      if (typeof slot === 'number') {
        const start = end - F.text[slot]!.length;
        if (F.at(text, start, slot)) hit(start, slot);
        return;
      }
      for (const f of slot.forms) {
        const start = end - F.text[f]!.length;
        if (F.at(text, start, f)) hit(start, f);
      }
      if (slot.tails) {
        const chunksStart = end - CHUNK * depth;
        for (const length of slot.tailLengths!) {
          const start = end - length;
          if (start < 0) continue;
          const list = slot.tails.get(tailKey(length, hashBefore(text, chunksStart, chunksStart - start)));
          if (list) for (const f of list) if (F.at(text, start, f)) hit(start, f);
        }
      }
      map = slot.children;
    }
  }
}

/** The forms in which a server or a log may show `secret`. */
export function encodedForms(secret: string): { text: string; ci: boolean }[] {
  const s = secret.length > MAX_SECRET ? secret.slice(0, MAX_SECRET) : secret;
  const out = new Map<string, boolean>([[s, s.length >= 8]]);
  if (s.length < 8) return [...out].map(([text, ci]) => ({ text, ci }));
  const add = (f: string) => {
    if (f.length >= MIN_ENCODED && !out.has(f)) out.set(f, true);
  };
  const bytes = Buffer.from(s, 'utf8');
  add(encodeURIComponent(s));
  add(Array.from(bytes, (b) => '%' + b.toString(16).padStart(2, '0')).join(''));
  add(bytes.toString('hex'));
  add(JSON.stringify(s).slice(1, -1));
  // base64 of a longer text holding the secret at any byte offset: the 4-character groups made of
  // the secret's bytes alone are the same whatever surrounds it.
  for (const k of [0, 1, 2]) {
    const b64 = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    const first = k === 0 ? 0 : 1;
    const last = Math.floor((k + bytes.length) / 3);
    const middle = b64.slice(4 * first, 4 * last);
    add(middle);
    add(middle.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...out].map(([text, ci]) => ({ text, ci }));
}

/**
 * The known secrets of one run. `add` is cheap (the index grows in place); `redact` is one pass over
 * the text whatever the number of secrets.
 */
export class Secrets {
  private readonly values = new Set<string>();
  private readonly forms = new Forms();
  private readonly long = new SuffixIndex(this.forms);
  /** secrets of 4–7 characters, by their last 4 characters (matched exactly) */
  private readonly short = new Map<number, number[]>();
  private longest = 0;

  /**
   * Register a secret (4+ characters; shorter values would blank out ordinary words). A value with
   * whitespace inside ("Bearer TOKEN") is matched as written only: its parts are registered on their
   * own (with every encoding) by whoever read it.
   */
  add(value: string | undefined | null): void {
    if (typeof value !== 'string' || value.length < 4 || this.values.has(value)) return;
    this.values.add(value);
    const replacement = fingerprint(value);
    const forms = /\s/.test(value) ? [{ text: value.slice(0, MAX_SECRET), ci: value.length >= 8 }] : encodedForms(value);
    for (const f of forms) {
      if (f.text.length >= CHUNK) this.long.add(this.forms.push(f.text, f.ci, replacement));
      else {
        const key = hashBefore(f.text, f.text.length, 4);
        const list = this.short.get(key) ?? [];
        if (!list.some((x) => this.forms.text[x] === f.text)) list.push(this.forms.push(f.text, f.ci, replacement));
        this.short.set(key, list);
      }
      this.longest = Math.max(this.longest, f.text.length);
    }
  }

  /**
   * Every value of a credential-bearing field in a parsed config (see secretsInConfig), except what
   * `isPlaceholder` (the Gateway's rule, src/gateway/token.ts, passed in by the caller) calls a placeholder.
   */
  addFromConfig(doc: unknown, isPlaceholder: (value: string) => boolean): void {
    for (const v of secretsInConfig(doc, isPlaceholder)) this.add(v);
  }

  /** Values of environment variables whose names say they hold a secret (GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY, …). */
  addFromEnvironment(vars: Readonly<Record<string, string | undefined>>): void {
    for (const [name, value] of Object.entries(vars)) {
      if (value && value.length >= 8 && SECRET_NAME.test(name)) this.add(value);
    }
  }

  has(value: string): boolean {
    return this.values.has(value);
  }

  list(): string[] {
    return [...this.values];
  }

  get size(): number {
    return this.values.size;
  }

  /** The longest form matched (callers that cut text look this far ahead before cutting). */
  get longestForm(): number {
    return this.longest;
  }

  /**
   * Replace every known secret (in every form) by its fingerprint: one pass collecting every match
   * (a few hash look-ups per position), then the leftmost-longest matches that do not overlap.
   */
  replaceKnown(text: string): string {
    const F = this.forms;
    if (F.text.length === 0 || text.length < 4) return text;
    const hits: number[] = []; // start, form, start, form, …
    const hit = (start: number, f: number) => {
      hits.push(start, f);
    };
    const shortIndex = this.short.size > 0;
    const longIndex = this.long.root.size > 0;
    let last8 = 0;
    for (let end = 4; end <= text.length; end++) {
      if (shortIndex) {
        const list = this.short.get(hashBefore(text, end, 4));
        if (list) for (const f of list) if (F.at(text, end - F.text[f]!.length, f)) hit(end - F.text[f]!.length, f);
      }
      if (longIndex && end >= CHUNK) {
        last8 = end === CHUNK ? hashBefore(text, end, CHUNK) : roll(last8, text, end);
        if (this.long.maybe(last8)) this.long.matchesEndingAt(text, end, last8, hit);
      }
    }
    if (hits.length === 0) return text;
    const order = Array.from({ length: hits.length / 2 }, (_, k) => k);
    const len = (k: number) => F.text[hits[2 * k + 1]!]!.length;
    order.sort((x, y) => hits[2 * x]! - hits[2 * y]! || len(y) - len(x));
    let out = '';
    let last = 0;
    for (const k of order) {
      const start = hits[2 * k]!;
      if (start < last) continue;
      const f = hits[2 * k + 1]!;
      out += text.slice(last, start) + F.replacement[f];
      last = start + F.text[f]!.length;
    }
    return out + text.slice(last);
  }

  /** Known secrets, then credential-shaped text. */
  redact(text: string): string {
    return redactPatterns(this.replaceKnown(text));
  }

  redactDeep<T>(value: T): T {
    return walkStrings(value, (s) => this.redact(s));
  }
}

/** Environment variable names that hold a secret. */
export const SECRET_NAME = /(?:TOKEN|SECRET|PASSW(?:OR)?D|PASSPHRASE|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|AUTH(?!OR)|CREDENTIAL|COOKIE)/i;
/** Config keys whose value is a credential wherever they sit. */
const CREDENTIAL_KEY = /^(?:authorization|proxy-authorization|bearer[_-]?token|(?:api|access|refresh|id|auth|session)[_-]?token|token|api[_-]?key|apikey|x-api-key|client[_-]?secret|secret|password|passwd|cookie)$/i;
const TOKEN_FLAGS = new Set(['-t', '--api-token', '--token', '--header', '-H']);

/**
 * Every credential value in a parsed config: values of Authorization and other header maps, of
 * `env` maps whose names say secret, of token/api-key/password/secret fields wherever they sit,
 * and the arguments after -t/--api-token/--token/--header. `Bearer X` gives X too. A placeholder
 * ("your-api-token-here", "<TOKEN>": `isPlaceholder`, the Gateway's rule, given by the caller) is not
 * a secret: it is quoted back to the user. Bounded: at most 10,000 values, depth 64.
 */
const REFERENCE_VALUE = /^(?:authorization\s*:\s*)?(?:(?:bearer|basic|token)(?:\s+|\s*[:=]\s*))?(?:\$\{[^}]*\}|\$(?:env:)?[A-Za-z_]\w*|%[^%\s]+%|<[^>]*>)$/i;

export function secretsInConfig(doc: unknown, isPlaceholder: (value: string) => boolean): string[] {
  const w = new ConfigSecrets(isPlaceholder);
  w.walk(doc, 0, '');
  return w.found;
}

/** At most this many values are collected from one config. */
export const MAX_CONFIG_SECRETS = 10_000;

/**
 * secretsInConfig's walk, whose steps can also be taken one piece of a document at a time (a large
 * ~/.claude.json is checked piece by piece, never parsed whole: src/config/document.ts). `depth`
 * counts the objects and arrays holding a value (0: the document); `parentKey` is the key the
 * object or array sits under.
 */
export class ConfigSecrets {
  readonly found: string[] = [];

  constructor(private readonly isPlaceholder: (value: string) => boolean) {}

  /** the cap was reached (what is collected then depends on the order of the walk) */
  get full(): boolean {
    return this.found.length >= MAX_CONFIG_SECRETS;
  }

  private take(v: unknown): void {
    if (typeof v !== 'string' || this.full) return;
    const t = v.trim();
    // a reference (${VAR}, $VAR, %VAR%, <placeholder>), bare or after a scheme or header name, is not a
    // secret: the value it names is (registered from the environment); masking the name would hide it
    if (t.length < 4 || REFERENCE_VALUE.test(t) || this.isPlaceholder(t.replace(/^bearer\s+/i, ''))) return;
    this.found.push(v, t);
    const m = /^(?:bearer|basic|token)\s*[:=]?\s*(\S{4,})$/i.exec(t);
    if (m) this.found.push(m[1]!);
    const h = /^authorization\s*:\s*(?:bearer\s+)?(\S{4,})$/i.exec(t);
    if (h) this.found.push(h[1]!);
  }

  /** The member `k: x` of an object held at `depth`, the object under `parentKey`. */
  member(k: string, x: unknown, parentKey: string, depth: number): void {
    if (depth > 64 || this.full) return;
    const inHeaders = /^(?:headers|requestInit)$/i.test(parentKey);
    const inEnv = /^env$/i.test(parentKey);
    if (CREDENTIAL_KEY.test(k) || (inHeaders && typeof x === 'string' && /auth|token|key|secret|cookie/i.test(k)) || (inEnv && SECRET_NAME.test(k))) this.take(x);
  }

  /** The item `x` of an array held at `depth`; `prev`, the item before it (undefined for the first). */
  item(x: unknown, prev: unknown, depth: number): void {
    if (depth > 64 || this.full) return;
    if (typeof x === 'string' && typeof prev === 'string' && TOKEN_FLAGS.has(prev)) this.take(x);
    const eq = typeof x === 'string' ? /^(?:-t|--api-token|--token)=(.+)$/.exec(x) : null;
    if (eq) this.take(eq[1]);
  }

  /** Everything in `v`, held at `depth` under `parentKey`. */
  walk(v: unknown, depth: number, parentKey: string): void {
    if (depth > 64 || this.full) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        this.item(x, i > 0 ? v[i - 1] : undefined, depth);
        this.walk(x, depth + 1, parentKey);
      });
      return;
    }
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      this.member(k, x, parentKey, depth);
      this.walk(x, depth + 1, k);
    }
  }
}

// ── patterns ───────────────────────────────────────────────────────────────────────────────────

/** Alphabet of tokens as they appear in headers, URLs and logs. */
const TOK = String.raw`[A-Za-z0-9._~+/=-]`;
/** Workspace ids are UUIDs: never masked. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * A value in credential position is masked unless it plainly is not a secret: a placeholder
 * (`<token>`, `${VAR}`, `%VAR%`, `$VAR`), an earlier mask (output is scrubbed twice), a scheme word,
 * or a short ordinary word of the surrounding sentence ("--token or …", "token is empty").
 */
function mask(v: string): string {
  if (!v || /^(?:\$\{|\$[A-Za-z_]|%[A-Za-z_]|<|`<|…|\[redacted)/.test(v)) return v;
  if (v.length < 6 || /^[a-z]{1,10}[.,;:)`]*$/.test(v) || /^(?:Bearer|Basic|Token)[.,;:)`]*$/.test(v)) return v;
  return `[redacted${v.length >= 12 ? ' ' + fingerprint(v) : ''}]`;
}

/** A value after a credential word in prose is masked only when it looks like a credential. */
function maskIfCredential(v: string): string | undefined {
  const bare = v.replace(/[.,;:)]+$/, '');
  if (bare.length < 8 || UUID.test(bare)) return undefined;
  if (!(/[0-9]/.test(bare) && /[A-Za-z]/.test(bare)) && bare.length < 20) return undefined;
  return mask(bare) + v.slice(bare.length);
}

type Keep = (m: string, ...g: string[]) => string;

/**
 * `need`: a cheap test every text the pattern matches passes (a test holds each to that), run first:
 * most text (a report's messages, explain's remedies) mentions tokens without holding one, and the
 * patterns, compiled at their first use, cost more than all the needs together.
 */
export const PATTERNS: { need: RegExp; re: RegExp; keep: Keep }[] = [
  // Authorization: Bearer abc · Authorization:Bearer abc · "Authorization": "Bearer abc" · Authorization: Bearer%20abc
  { need: /authorization/i, re: /(\bAuthorization\b["'`]?\s*[:=]\s*["'`]?)(?:(Bearer|Basic|Token)(%20|\+|\s+))?([^\s"'`,;}]+)/gi, keep: (_m, a, scheme, sp, v) => `${a}${scheme ?? ''}${sp ?? ''}${mask(v!)}` },
  // bare "Bearer abc", "Bearer:abc", "Bearer=abc", also URL-encoded (Bearer%20abc, Bearer+abc); a
  // WWW-Authenticate challenge's parameters (Bearer realm="…", error=…, scope=…) are not credentials
  { need: /bearer/i, re: new RegExp(String.raw`(\bBearer(?:[:=]\s*|\s+|%20|\+))(?!(?:realm|error|error_description|error_uri|scope|resource_metadata|charset)\s*=)(${TOK}{4,})`, 'g'), keep: (_m, a, v) => `${a}${mask(v!)}` },
  // a flag and its value as separate quoted items of an argument list: "-t","TOKEN" · '--api-token', 'TOKEN'
  { need: /["']-(?:t|-api-token|-token)["']/, re: /((["'])(?:-t|--api-token|--token)\2\s*,\s*(["']))([^"']+)(?=\3)/g, keep: (_m, a, _q1, _q2, v) => `${a}${mask(v!)}` },
  // a whole header URL-encoded: Authorization%3A%20Bearer%20TOKEN
  { need: /authorization%3a/i, re: new RegExp(String.raw`(\bAuthorization%3A(?:%20|\+)*(?:(?:Bearer|Basic|Token)(?:%20|\+)+)?)(${TOK}+)`, 'gi'), keep: (_m, a, v) => `${a}${mask(v!)}` },
  // the setup utility's own flags in a pasted command line: -t TOKEN, -t=TOKEN
  { need: /(?:^|\s)-t[=\s]/, re: /((?:^|\s)-t(?:=|\s+))([^\s"']+)/g, keep: (_m, a, v) => `${a}${mask(v!)}` },
  // prose: "api key abc…", "API token: abc…" (token-shaped values only)
  { need: /api/i, re: new RegExp(String.raw`(\bapi[ _-]?(?:key|token)\s*(?:is\s+)?(?:[:=]\s*)?)(${TOK}{12,})`, 'gi'), keep: (_m, a, v) => `${a}${mask(v!)}` },
  // ?token=…&api_token=…&access_token=…
  { need: /(?:token|key|secret)=/i, re: /([?&;\s](?:api[_-]?token|access[_-]?token|token|apikey|api[_-]?key|key|secret)=)([^&\s"']+)/gi, keep: (_m, a, v) => `${a}${mask(v!)}` },
  // "apiToken": "…", "api_token": "…", AUTH_HEADER=…
  { need: /(?:token|header)["']?\s*[:=]/i, re: /(["']?(?:api[_-]?token|apiToken|access[_-]?token|auth[_-]?token|TRAY_MCP_API_TOKEN|AUTH_HEADER)["']?\s*[:=]\s*["']?)([^\s"',}]+)/gi, keep: (_m, a, v) => `${a}${mask(v!)}` },
  { need: /--(?:api-)?token/, re: /((?:--api-token|--token)[=\s]+)(\S+)/g, keep: (_m, a, v) => `${a}${mask(v!)}` },
  // JSON-escaped headers inside logged JSON: \"Authorization\":\"Basic abc\"
  { need: /authorization/i, re: /(\bAuthorization\\+["']\s*:\s*\\+["'](?:Bearer|Basic|Token)?\s*)([^\s"'\\,;}]+)/gi, keep: (_m, a, v) => `${a}${mask(v!)}` },
  // other credential fields: "token": "…", "refresh_token": "…", "client_secret": "…", "password": "…", x-api-key: …
  { need: /(?:token|secret|passw(?:or)?d|key|verifier)["']?\s*[:=]/i, re: /(["']?\b(?:token|refresh[_-]?token|id[_-]?token|client[_-]?secret|password|passwd|secret|x-api-key|api[_-]?key|apikey|code[_-]?verifier)["']?\s*[:=]\s*["']?)([^\s"',}&]{6,})/gi, keep: (_m, a, v) => `${a}${mask(v!)}` },
  // environment assignments: TRAY_TOKEN=…, MY_API_KEY: …, DB_PASSWORD=…
  { need: /(?:TOKEN|SECRET|KEY|PASSWORD)\s*[=:]/, re: /(\b[A-Z][A-Z0-9_]{0,60}(?:TOKEN|SECRET|API_KEY|APIKEY|PASSWORD)\s*[=:]\s*["']?)([^\s"',}]+)/g, keep: (_m, a, v) => `${a}${mask(v!)}` },
  // OAuth authorization codes in callback URLs
  { need: /(?:code|token|secret|sig|signature)=/i, re: /([?&](?:code|refresh_token|id_token|client_secret|sig|signature)=)([^&\s"']+)/gi, keep: (_m, a, v) => `${a}${mask(v!)}` },
  // credentials in a URL: https://user:secret@host
  // (anchored at the start: each lookahead reads the text once, whatever it holds)
  { need: /^(?=[\s\S]*?:\/\/)(?=[\s\S]*?@)/, re: /(\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@"']{1,100}:)([^\s@/"']{1,200})(@)/gi, keep: (_m, a, v, at) => `${a}${mask(v!)}${at}` },
  // JSON Web Tokens (OAuth access tokens) wherever they appear
  { need: /eyJ/, re: /\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.)([A-Za-z0-9_-]{8,})/g, keep: (_m, _a, v) => `[redacted jwt${v!.length >= 4 ? ' …' + v!.slice(-4) : ''}]` },
  // prose with a credential word before a credential-shaped value: "invalid token X", "token X
  // rejected", "auth: X", "tray_token=X", "secret is X", "password 'X'"
  { need: /token|auth|bearer|secret|passw|pwd|credential|key/i,
    re: new RegExp(
      String.raw`(\b(?:[A-Za-z][A-Za-z0-9]{0,30}[_-])?(?:tokens?|auth|bearer|secrets?|passwords?|passwd|pwd|credentials?|(?:api|access|secret|private)[ _-]?keys?)(?:\s*[:=]\s*|\s+(?:is\s+|was\s+|of\s+)?)["'\x60]?)(${TOK}{8,})`,
      'gi',
    ),
    keep: (m, a, v) => {
      const masked = maskIfCredential(v!);
      return masked === undefined ? m : `${a}${masked}`;
    },
  },
];

/**
 * A bare token: a run of 16+ token characters holding a part (between - _ ~ . + =) of 8+ letters and
 * digits mixed (3+ digits, 2+ letters), not a UUID: `CANARY-tok-9f8e7d6c5b4a-zz42`,
 * `TOKENVALUE123456789`, a 64-digit hex token. Identifiers made of words (`tool_01_lookup_v2`),
 * timestamps (`20250603T072352`) and workspace ids stay.
 */
export function isTokenShaped(word: string): boolean {
  if (word.length < 16 || UUID.test(word)) return false;
  for (const part of word.replace(UUIDS, ' ').split(/[-_~.+= ]/)) {
    if (part.length < 8) continue;
    let digits = 0;
    let letters = 0;
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      if (c >= 48 && c <= 57) digits++;
      else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
    }
    if (digits >= 3 && letters >= 2) return true;
  }
  return false;
}

/** A chunk (between whitespace) that is a file path: its words are names, not tokens. */
const FILE_PATH = /^(?:~[\\/]|\.{1,2}[\\/]|\/(?!\/)|[A-Za-z]:[\\/]|\\\\)/;

/** Characters that end a chunk (a run of text between them is one "word" of a sentence). */
const CHUNK_END = /[\s"'`<>()[\]{},;|]/;

function maskBareTokens(text: string): string {
  // (a run starts only where the one before it ended: inside a shorter run, nothing is tried again)
  return text.replace(/(?<![A-Za-z0-9_~+=.-])[A-Za-z0-9_~+=.-]{16,}/g, (word: string, offset: number) => {
    const w = word.replace(/\.+$/, '');
    if (!isTokenShaped(w)) return word;
    // A name inside a file path (~/…, /…, C:\…) is not a token: find where its chunk starts.
    let start = offset;
    while (start > 0 && offset - start < 4096 && !CHUNK_END.test(text[start - 1]!)) start--;
    if (FILE_PATH.test(text.slice(start, start + 3))) return word;
    return `[redacted ${fingerprint(w)}]` + word.slice(w.length);
  });
}

/** Mask credential-shaped text (no known values needed). */
export function redactPatterns(text: string): string {
  let out = text;
  for (const { need, re, keep } of PATTERNS) if (need.test(out)) out = out.replace(re, keep as (substring: string, ...args: string[]) => string);
  return maskBareTokens(out);
}

const cache = new WeakMap<readonly unknown[], Secrets>();

function toSecrets(secrets: Secrets | readonly (string | undefined | null)[] | undefined): Secrets | undefined {
  if (!secrets) return undefined;
  if (secrets instanceof Secrets) return secrets;
  let s = cache.get(secrets);
  if (!s) {
    s = new Secrets();
    for (const v of secrets) s.add(v);
    cache.set(secrets, s);
  }
  return s;
}

export type SecretSource = Secrets | readonly (string | undefined | null)[];

/** Remove known secrets (in every form) and anything that looks like a credential. */
export function redactText(text: string, secrets?: SecretSource): string {
  const s = toSecrets(secrets);
  return redactPatterns(s ? s.replaceKnown(text) : text);
}

/** Deep-redact every string in a JSON-able value (for details objects and JSON output). */
export function redactDeep<T>(value: T, secrets?: SecretSource): T {
  const s = toSecrets(secrets);
  return walkStrings(value, (x) => redactPatterns(s ? s.replaceKnown(x) : x));
}

function walkStrings<T>(value: T, f: (s: string) => string): T {
  // A report repeats its strings (statuses, paths, check ids: 634 strings, 186 distinct, in doctor's):
  // each distinct one is redacted once (`f` is pure within a walk).
  const done = new Map<string, string>();
  const walk = (v: unknown, depth: number): unknown => {
    if (depth > 64) return '[too deep]';
    if (typeof v === 'string') {
      let r = done.get(v);
      if (r === undefined) done.set(v, (r = f(v)));
      return r;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    if (v && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[k] = walk(x, depth + 1);
      return o;
    }
    return v;
  };
  return walk(value, 0) as T;
}

/**
 * At most `max` characters of `text`, redacted first: the window is redacted with room for the
 * longest secret form, so the cut can never leave part of a token readable. A longer text ends in
 * `…(N more bytes)`.
 */
export function clip(text: string, max: number, secrets?: SecretSource): string {
  const s = toSecrets(secrets);
  if (text.length <= max) return s ? s.redact(text) : redactPatterns(text);
  const room = max + Math.max(256, 2 * (s?.longestForm ?? 0));
  const head = (s ? s.redact(text.slice(0, room)) : redactPatterns(text.slice(0, room)));
  let cut = Math.min(max, head.length);
  const code = head.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--; // never half a surrogate pair
  // a mask cut in half would show part of what it hides: cut before it instead
  const open = head.lastIndexOf('[redacted', cut);
  if (open >= 0 && head.indexOf(']', open) >= cut) cut = open;
  const more = Buffer.byteLength(text) - Buffer.byteLength(text.slice(0, Math.min(text.length, cut)));
  return `${head.slice(0, cut)}…(${more} more bytes)`;
}
