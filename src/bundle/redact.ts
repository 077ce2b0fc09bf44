// Redaction for the support bundle. A config file keeps its text — structure, key order, comments,
// line numbers — with each credential replaced in place by its fingerprint (…last4). Which strings are
// credentials: every known secret (tokens the checks resolved, in any encoding), the value of a
// credential-named key (Authorization, AUTH_HEADER, *_TOKEN, api-key, password…, keeping a "Bearer "
// scheme), the argument after --header Authorization:/--api-token/-t, any opaque token-shaped
// string, and whatever the shared credential patterns catch. Each replacement is recorded as a Mask
// (see types.ts) so a replay can put a same-shaped stand-in back.
import { createScanner } from 'jsonc-parser';
import { scanJson } from '../config/json-members.js';
import { MAX_NESTING } from '../lib/jsonc.js';
import { fingerprint, redactText } from '../lib/redact.js';
import { FormFinder, replaceForms } from '../lib/form-finder.js';
import { isPlaceholder } from '../gateway/token.js';
import type { Mask } from './types.js';

// jsonc-parser's SyntaxKind (a const enum in its typings)
const K = { OpenBrace: 1, CloseBrace: 2, OpenBracket: 3, CloseBracket: 4, Comma: 5, Colon: 6, String: 10, LineComment: 12, BlockComment: 13, Unknown: 16, EOF: 17 } as const;

/** A key (header name, env variable, JSON field) whose value is a credential. */
export const CREDENTIAL_KEY = /authori[sz]ation|(?:^|[^a-z])auth(?:[^a-z]|$)|auth_?header|token|secret|passw(?:or)?d|\bpwd\b|credential|cookie|api[-_]?key|apikey|private[-_]?key|access[-_]?key|session/i;

/** Flags whose next argument is a credential. */
const CREDENTIAL_FLAG = /^(?:-t|--?[\w-]*(?:token|secret|password|api[-_]?key|apikey|auth)[\w-]*)$/i;

/** `${VAR}`, `${env:VAR}`, `%VAR%`, `$VAR`, `<placeholder>`: not a value, a reference to one. */
function isReference(v: string): boolean {
  const t = v.trim();
  return t === '' || /^\$\{[^}]*\}$/.test(t) || /^%[^%\s]+%$/.test(t) || /^\$(?:env:)?[A-Za-z_]\w*$/.test(t) || /^<[^>]*>$/.test(t);
}

/** Letters as a, digits as 0, everything else kept: the same length and kinds of characters, none of the value. */
export function shape(s: string): string {
  return s.replace(/[A-Za-z]/g, 'a').replace(/[0-9]/g, '0').replace(/[^\x00-\x7f]/g, 'a');
}

/** The forms a secret may take in text: as is, percent-encoded (reserved bytes, or every byte), base64 (of it, or of "Bearer <it>"), base64url, hex, JSON-escaped. */
export function variants(secret: string): string[] {
  const b64 = Buffer.from(secret, 'utf8').toString('base64');
  const bytes = Buffer.from(secret, 'utf8');
  const hex = bytes.toString('hex');
  // every byte percent-encoded (not only the reserved ones), as a hostile server may echo it
  const pctAll = [...bytes].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  const bearer = Buffer.from(`Bearer ${secret}`, 'utf8').toString('base64');
  const forms = [secret, encodeURIComponent(secret), b64, b64.replace(/=+$/, ''), bytes.toString('base64url'), JSON.stringify(secret).slice(1, -1), hex, hex.toUpperCase(), pctAll, pctAll.toLowerCase(), bearer, bearer.replace(/=+$/, '')];
  return [...new Set(forms)].filter((f) => f.length >= 4);
}

/** Secrets to look for: the smallest of each family ("Bearer X" and "X" registered: X), longest first. */
export function secretForms(secrets: readonly string[]): string[] {
  const known = [...new Set(secrets.filter((s) => typeof s === 'string' && s.length >= 6))];
  // a secret holding another (of 8 or more characters) needs no forms of its own (for many secrets,
  // found in one pass each)
  const holders = known.filter((t) => t.length >= 8);
  const holdsAnother =
    known.length <= 16
      ? (s: string) => holders.some((t) => t !== s && t.length < s.length && s.includes(t))
      : ((finder) => (s: string) => {
          let holds = false;
          finder.each(s, (t) => void (holds ||= t !== s && t.length < s.length));
          return holds;
        })(new FormFinder(holders));
  const minimal = known.filter((s) => !holdsAnother(s));
  return [...new Set(minimal.flatMap(variants))].sort((a, b) => b.length - a.length);
}

/** A credential value shown by its fingerprint, with a leading auth scheme kept ("Bearer …a1b2"). */
function maskCredential(v: string): string {
  if (isReference(v) || isPlaceholder(v)) return v;
  const m = /^(\s*(?:Bearer|Basic|Token)\s+)([\s\S]*)$/i.exec(v);
  if (m) return isReference(m[2]!) || isPlaceholder(m[2]!) ? v : m[1] + fingerprint(m[2]!.trim());
  return fingerprint(v.trim());
}

const OPAQUE = /^[A-Za-z0-9_\-+/=.~]{20,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A string that looks like a token on its own: long, opaque, letters and digits mixed, not a path or id. */
function looksOpaque(v: string): boolean {
  return OPAQUE.test(v) && /[0-9]/.test(v) && /[A-Za-z]/.test(v) && !UUID.test(v) && !v.includes('/') && !/^\d+(?:\.\d+)+$/.test(v);
}

export interface ValueContext {
  /** the key this value is under (a header name, an env variable, a JSON field) */
  key?: string;
  /** the previous item of the list this value is in (args: "--header" before "Authorization:…") */
  prev?: string;
}

/** A string as the bundle shows it (see the file comment). */
export function redactValue(v: string, ctx: ValueContext, forms: readonly string[]): string {
  // a placeholder or a ${VAR} reference (after a scheme or not) is not a secret, and a replay needs it as it is
  const bare = v.replace(/^\s*(?:Bearer|Basic|Token)\s+/i, '');
  if (isReference(bare) || (bare.trim() !== '' && isPlaceholder(bare))) return v;
  let d = v;
  if (ctx.key && CREDENTIAL_KEY.test(ctx.key)) d = maskCredential(d);
  if (ctx.prev !== undefined) {
    if (/^(?:--header|-H|--headers)$/i.test(ctx.prev)) {
      const m = /^([^:]+):(\s*)([\s\S]*)$/.exec(d);
      if (m && CREDENTIAL_KEY.test(m[1]!)) d = `${m[1]}:${m[2]}${maskCredential(m[3]!)}`;
    } else if (CREDENTIAL_FLAG.test(ctx.prev)) d = maskCredential(d);
  }
  d = replaceForms(d, forms, fingerprint);
  if (d === v && looksOpaque(v) && !isPlaceholder(v)) d = fingerprint(v);
  return redactText(d);
}

/** What redaction leaves in place of a value: a fingerprint (…a1b2, …) or a mask ([redacted …a1b2]). */
const MARKER = /\[redacted[^\]]*\]|…/g;

/**
 * The stand-in a replay writes for `original`, given how it is shown: the shown text where it is the
 * original's own (a "Bearer " scheme, a URL around a password, the last 4 characters), and the
 * original's shape (see shape()) where a marker hides it.
 */
export function standIn(original: string, shown: string): string {
  const lits: string[] = [];
  /** the characters a marker shows ("[redacted …a1b2]": a1b2), kept in the stand-in too */
  const kept: string[] = [];
  let last = 0;
  for (const m of shown.matchAll(MARKER)) {
    lits.push(shown.slice(last, m.index));
    kept.push(/…([^\]]{1,4})\]$/.exec(m[0])?.[1] ?? '');
    last = m.index! + m[0].length;
  }
  lits.push(shown.slice(last));
  if (lits.length === 1) return shape(original);
  let out = lits[0]!;
  if (!original.startsWith(out)) return roughStandIn(original, shown);
  let pos = out.length;
  for (let i = 1; i < lits.length; i++) {
    const lit = lits[i]!;
    const at = i === lits.length - 1 ? original.length - lit.length : original.indexOf(lit, pos);
    if (at < pos || original.slice(at, at + lit.length) !== lit) return roughStandIn(original, shown);
    const gap = original.slice(pos, at);
    const tail = kept[i - 1]!;
    out += (tail && gap.endsWith(tail) ? shape(gap.slice(0, -tail.length)) + tail : shape(gap)) + lit;
    pos = at + lit.length;
  }
  return out;
}

/** The original's middle shaped, its common start and end kept. */
function roughStandIn(original: string, shown: string): string {
  let p = 0;
  while (p < original.length && p < shown.length && original[p] === shown[p]) p++;
  let s = 0;
  while (s < original.length - p && s < shown.length - p && original[original.length - 1 - s] === shown[shown.length - 1 - s]) s++;
  return original.slice(0, p) + shape(original.slice(p, original.length - s)) + original.slice(original.length - s);
}

interface Frame {
  kind: 'object' | 'array';
  /** the key this container is the value of */
  key?: string;
  expect: 'key' | 'value';
  currentKey?: string;
  prev?: string;
}

export interface ConfigRedaction {
  text: string;
  masks: Mask[];
}

/**
 * Redact a config file's text in place. With `trim` (Claude Code's ~/.claude.json), string values
 * outside the server maps (history, account details) become "…": the file keeps its structure and
 * line numbers without the user's prompts. Works token by token, so a file that does not parse is
 * redacted too.
 */
export function redactConfigText(text: string, o: { secrets: readonly string[]; trim?: boolean }): ConfigRedaction {
  const forms = secretForms(o.secrets);
  const scanner = createScanner(text, false);
  const out: string[] = [];
  const masks: Mask[] = [];
  let length = 0;
  const stack: Frame[] = [];
  let prevWord = '';
  const emit = (s: string) => {
    out.push(s);
    length += s.length;
  };
  const replace = (raw: string, shown: string, replay: string | null) => {
    if (replay !== null && shown !== replay) masks.push({ at: length, length: shown.length, replay });
    emit(shown);
    return raw;
  };
  const inServers = () => stack.some((f) => f.key === 'mcpServers' || f.key === 'servers') || ['mcpServers', 'servers'].includes(stack[stack.length - 1]?.currentKey ?? '');
  const parentKey = (): string | undefined => {
    const top = stack[stack.length - 1];
    return top ? (top.kind === 'object' ? top.currentKey : top.key) : undefined;
  };

  for (let kind = scanner.scan(); kind !== K.EOF; kind = scanner.scan()) {
    const raw = text.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength());
    const top = stack[stack.length - 1];
    switch (kind) {
      case K.OpenBrace:
      case K.OpenBracket:
        stack.push({ kind: kind === K.OpenBrace ? 'object' : 'array', key: parentKey(), expect: 'key' });
        emit(raw);
        break;
      case K.CloseBrace:
      case K.CloseBracket:
        stack.pop();
        emit(raw);
        break;
      case K.Comma:
        if (top?.kind === 'object') top.expect = 'key';
        emit(raw);
        break;
      case K.Colon:
        if (top?.kind === 'object') top.expect = 'value';
        emit(raw);
        break;
      case K.String: {
        const value = scanner.getTokenValue();
        if (top?.kind === 'object' && top.expect === 'key') {
          top.currentKey = value;
          const shown = replaceForms(value, forms, fingerprint);
          if (shown === value) emit(raw);
          else replace(raw, JSON.stringify(shown), JSON.stringify(standIn(value, shown)));
          break;
        }
        if (o.trim && !inServers()) {
          emit(value === '' ? raw : '"…"');
        } else {
          const shown = redactValue(value, { key: top?.kind === 'object' ? top.currentKey : undefined, prev: top?.kind === 'array' ? (top.prev ?? '') : undefined }, forms);
          if (shown === value) emit(raw);
          else replace(raw, JSON.stringify(shown), JSON.stringify(standIn(value, shown)));
        }
        if (top?.kind === 'array') top.prev = value;
        break;
      }
      case K.Unknown: {
        // Text that is not JSON (a broken file): a word at a time, judged by the word before it.
        const bare = raw.replace(/^['"`]+|['"`,;]+$/g, '');
        const scheme = /^(?:Bearer|Basic|Token)$/i;
        const afterCredential = scheme.test(prevWord) || CREDENTIAL_KEY.test(prevWord.replace(/[:=]+$/, ''));
        const shownBare = afterCredential && !scheme.test(bare) ? maskCredential(bare) : redactValue(bare, {}, forms);
        const shown = bare ? raw.replace(bare, shownBare) : raw;
        if (shown === raw) emit(raw);
        else replace(raw, shown, standIn(raw, shown));
        // a value just masked is not a key: the word after it (YAML's next "key:") is judged afresh
        prevWord = shownBare !== bare ? '' : bare;
        if (top?.kind === 'array') top.prev = undefined;
        continue;
      }
      case K.LineComment:
      case K.BlockComment: {
        let shown = raw;
        for (const f of forms) if (shown.includes(f)) shown = shown.split(f).join(fingerprint(f));
        shown = redactText(shown);
        if (shown === raw) emit(raw);
        else replace(raw, shown, standIn(raw, shown));
        break;
      }
      default:
        if (top?.kind === 'array' && kind !== 14 && kind !== 15) top.prev = undefined;
        emit(raw);
    }
    if (kind !== 14 && kind !== 15 && kind !== K.Colon) prevWord = '';
  }
  return { text: out.join(''), masks };
}

/** Put each mask's stand-in back: the text a replay writes. */
export function applyMasks(text: string, masks: readonly Mask[]): string {
  let out = text;
  for (const m of [...masks].sort((a, b) => b.at - a.at)) {
    if (m.at < 0 || m.at + m.length > out.length) continue;
    out = out.slice(0, m.at) + m.replay + out.slice(m.at + m.length);
  }
  return out;
}

/**
 * Free text (a log line, an error message): as doctor redacts it (known secrets by value, longest
 * first, then credential patterns), so a replayed log line reads exactly as the customer's report
 * showed it; then the secrets' other encodings (base64, %-encoded), which doctor's output may show.
 */
export function redactFree(text: string, forms: readonly string[], secrets: readonly string[] = []): string {
  let d = redactText(text, secrets);
  for (const f of forms) if (d.includes(f)) d = d.split(f).join(fingerprint(f));
  return d;
}

/**
 * redactConfigText for a strict-JSON file read as bytes (`b`: UTF-8 without its BOM, as checkBytes
 * gives it): the same text and masks, worked out from the bytes without a string, a token list or
 * a tree of the whole file — runs of bytes that stay are copied as they are; only the strings that
 * change are decoded (keys, and with `trim` the values in the server maps; without it every value).
 * Claude Code's ~/.claude.json is tens of MB of history, nearly all of it trimmed to "…".
 * Undefined when the bytes are not strict JSON or nest deeper than a config does: the caller then
 * redacts the text (redactConfigText), which also reads a broken file.
 */
export function redactConfigBytes(b: Buffer, o: { secrets: readonly string[]; trim?: boolean }): ConfigRedaction | undefined {
  try {
    if (scanJson(b, { maxDepth: MAX_NESTING }).root === 'too-deep') return undefined;
  } catch (e) {
    if (e instanceof SyntaxError) return undefined;
    throw e;
  }
  const forms = secretForms(o.secrets);
  const masks: Mask[] = [];
  // (trimmed, a Claude Code file is about half its size: grown when it is not)
  let out = Buffer.allocUnsafe(Math.max(256, o.trim ? b.length >>> 1 : b.length));
  let size = 0;
  /** the text's length so far, in UTF-16 units (a mask's `at`) */
  let units = 0;
  /** bytes from here on are copied as they are, up to the next change */
  let copyFrom = 0;
  const room = (n: number) => {
    if (size + n <= out.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(Math.ceil(out.length * 1.5), size + n));
    out.copy(bigger, 0, 0, size);
    out = bigger;
  };
  const copyUpTo = (to: number) => {
    room(to - copyFrom);
    b.copy(out, size, copyFrom, to);
    size += to - copyFrom;
    for (let i = copyFrom; i < to; i++) {
      const c = b[i]!;
      if ((c & 0xc0) !== 0x80) units += c >= 0xf0 ? 2 : 1;
    }
  };
  /** the string token [from, to) is shown as `shown` (JSON), with `replay` for its mask */
  const replace = (from: number, to: number, shown: string, replay: string | null) => {
    copyUpTo(from);
    if (replay !== null && shown !== replay) masks.push({ at: units, length: shown.length, replay });
    room(Buffer.byteLength(shown));
    size += out.write(shown, size);
    units += shown.length;
    copyFrom = to;
  };
  const keys = new Map<string, string>();
  const stack: Frame[] = [];
  /** frames under a key "mcpServers" or "servers" (inServers() of redactConfigText) */
  let servers = 0;
  const isServers = (k: string | undefined) => k === 'mcpServers' || k === 'servers';
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const top = stack[stack.length - 1];
    if (c === 32 || c === 10 || c === 13 || c === 9) {
      i++;
    } else if (c === 123 || c === 91) {
      const key = top ? (top.kind === 'object' ? top.currentKey : top.key) : undefined;
      stack.push({ kind: c === 123 ? 'object' : 'array', key, expect: 'key' });
      if (isServers(key)) servers++;
      i++;
    } else if (c === 125 || c === 93) {
      if (stack.length && isServers(stack.pop()!.key)) servers--;
      i++;
    } else if (c === 44) {
      if (top?.kind === 'object') top.expect = 'key';
      i++;
    } else if (c === 58) {
      if (top?.kind === 'object') top.expect = 'value';
      i++;
    } else if (c === 34) {
      const end = stringEnd(b, i);
      if (top?.kind === 'object' && top.expect === 'key') {
        const value = JSON.parse(b.toString('utf8', i, end)) as string;
        top.currentKey = value;
        let shown = keys.get(value);
        if (shown === undefined) {
          shown = value;
          for (const f of forms) if (shown.includes(f)) shown = shown.split(f).join(fingerprint(f));
          if (keys.size < 10_000) keys.set(value, shown);
        }
        if (shown !== value) replace(i, end, JSON.stringify(shown), JSON.stringify(standIn(value, shown)));
      } else if (o.trim && servers === 0 && !isServers(top?.currentKey)) {
        // (an array's `prev` is read only in the server maps: every item of an array is in them or none is)
        if (end - i > 2) replace(i, end, '"…"', null);
      } else {
        const value = JSON.parse(b.toString('utf8', i, end)) as string;
        const shown = redactValue(value, { key: top?.kind === 'object' ? top.currentKey : undefined, prev: top?.kind === 'array' ? (top.prev ?? '') : undefined }, forms);
        if (shown !== value) replace(i, end, JSON.stringify(shown), JSON.stringify(standIn(value, shown)));
        if (top?.kind === 'array') top.prev = value;
      }
      i = end;
    } else {
      // a number, true, false or null
      if (top?.kind === 'array') top.prev = undefined;
      while (i < b.length && !(b[i] === 44 || b[i] === 125 || b[i] === 93 || b[i] === 32 || b[i] === 10 || b[i] === 13 || b[i] === 9)) i++;
    }
  }
  copyUpTo(b.length);
  return { text: out.toString('utf8', 0, size), masks };
}

/** The offset just past the JSON string whose opening quote is at `i` (the bytes are strict JSON). */
function stringEnd(b: Buffer, i: number): number {
  let q = i;
  for (;;) {
    q = b.indexOf(34, q + 1);
    let k = q - 1;
    while (b[k] === 92) k--;
    if ((q - 1 - k) % 2 === 0) return q + 1;
  }
}
