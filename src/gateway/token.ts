// The Agent Gateway's token rules, in one place: what is a placeholder, an unexpanded variable, a
// token with quotes or whitespace, and how an Authorization header carries it ("Bearer <token>").
// setup refuses exactly what doctor fails (a property test holds them together).
export { fingerprint } from '../lib/redact.js';

/** Placeholders seen in docs and READMEs; an exact match may be quoted back to the user (not a secret). */
export const KNOWN_PLACEHOLDERS: ReadonlySet<string> = new Set([
  'your-api-token-here',
  'your-api-token',
  'your-token-here',
  'your-token',
  'your_api_token',
  'YOUR_API_TOKEN',
  'YOUR_TOKEN',
  '<TOKEN>',
  '<token>',
  '<api-token>',
  '<API_TOKEN>',
  '<your-api-token>',
  '<auth-token>',
  'TOKEN',
  'API_TOKEN',
]);

const PLACEHOLDER_PATTERNS = [
  /^<[^>]*>$/, // <TOKEN>
  /^\[[^\]]*\]$/, // [TOKEN]
  /^\{[^}]*\}$/, // {token}
  /^[x*.…-]{3,}$/i, // xxxx, ****, ..., xxx-xxx
  /^x{3,}[.…]*$/i,
  /^your[\s_-]?.*(?:token|key|secret)/i, // your-api-token-here, YOUR_TRAY_TOKEN
  /^(?:insert|paste|put|add|enter)[\s_-].*(?:token|key)/i, // paste-token-here
  /token[\s_-]?here$/i,
  /^(?:token|api[-_]?token|apitoken|changeme|change[-_]me|placeholder|secret|todo|tbd|fixme|null|undefined|none|n\/a)$/i,
];

/** A value that stands in for a token: empty, a known placeholder, or one of their shapes. */
export function isPlaceholder(token: string): boolean {
  const t = token.trim();
  return t === '' || KNOWN_PLACEHOLDERS.has(t) || PLACEHOLDER_PATTERNS.some((re) => re.test(t));
}

/** "is the placeholder "…"" for exact known ones (safe to quote), else a neutral phrase. */
export function placeholderText(t: string): string {
  return KNOWN_PLACEHOLDERS.has(t.trim()) ? `is the placeholder "${t.trim()}", not a real token` : 'is a placeholder, not a real token';
}

export function isKnownPlaceholder(s: string): boolean {
  return KNOWN_PLACEHOLDERS.has(s.trim()) || KNOWN_PLACEHOLDERS.has(s.trim().replace(/^bearer\s+/i, ''));
}

/**
 * A reference to an environment variable that reached a config or setup unexpanded: `$NAME`,
 * `${NAME}`, `%NAME%` (cmd.exe keeps it when NAME is not set) and `$env:NAME` (PowerShell).
 */
export const UNEXPANDED_VARIABLE = /^(?:\$[A-Za-z_][A-Za-z0-9_]*|\$\{[^}]*\}|%[^%\s]+%|\$env:[A-Za-z_][A-Za-z0-9_]*)$/i;

/** Quote characters a shell or a chat app leaves around a pasted token. */
export const QUOTE_EDGE = /^["'`\u2018\u2019\u201c\u201d]|["'`\u2018\u2019\u201c\u201d]$/;

/** What is wrong with a bare token (after any "Bearer "), or undefined when it is usable. */
export type TokenProblem = 'empty' | 'placeholder' | 'unexpanded' | 'unset-reference' | 'quoted' | 'whitespace' | 'control' | 'double-bearer';

/** The one judgement of a bare token that setup and doctor share. */
export function tokenProblem(token: string): TokenProblem | undefined {
  const t = token.trim();
  if (t === '') return 'empty';
  if (/^bearer\b/i.test(t)) return 'double-bearer'; // the scheme word again, where the token should be
  if (/\$\{[^}]*\}/.test(t) && !UNEXPANDED_VARIABLE.test(t)) return 'unset-reference';
  if (UNEXPANDED_VARIABLE.test(t)) return 'unexpanded';
  if (isPlaceholder(t)) return 'placeholder';
  if (QUOTE_EDGE.test(t) || /["'`]/.test(t)) return 'quoted';
  if (/\s/.test(t)) return 'whitespace';
  if (/[\u0000-\u001f\u007f]/.test(t)) return 'control';
  return undefined;
}

/** Split a header value into scheme and token: "Bearer abc" → { scheme: "Bearer", token: "abc" }. */
export function splitAuthorization(value: string): { scheme?: string; token: string } {
  const v = value.trim();
  const m = /^(\S+)\s+([\s\S]*)$/.exec(v);
  if (!m) return { token: v };
  return { scheme: m[1]!, token: m[2]! };
}

/** The header value clients send for a token. */
export function bearer(token: string): string {
  return `Bearer ${token}`;
}
