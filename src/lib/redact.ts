// Secrets never leave the process: every string that reaches output goes through here.
// A token is shown at most as a fingerprint of its last 4 characters.

/** `…a1b2` for a token; short tokens (under 12 chars) show nothing of themselves. */
export function fingerprint(token: string | undefined | null): string {
  if (!token) return '(none)';
  return token.length >= 12 ? `…${token.slice(-4)}` : '…';
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Patterns that carry secrets whatever their value: bearer credentials, Authorization headers,
// token-ish query parameters and JSON fields.
const PATTERNS: { re: RegExp; keep: (m: string, ...g: string[]) => string }[] = [
  // Authorization: Bearer abc / Authorization:Bearer abc / "Authorization": "Bearer abc"
  { re: /(\bAuthorization\b["'`]?\s*[:=]\s*["'`]?)(Bearer|Basic|Token)?(%20|\+|\s*)([^\s"'`,;}]+)/gi, keep: (_m, a, scheme = '', sp = '', v) => `${a}${scheme ?? ''}${sp ?? ''}${mask(v)}` },
  // bare "Bearer abc", also URL-encoded (Bearer%20abc, Bearer+abc); a WWW-Authenticate challenge's
  // parameters (Bearer realm="…", error=…, scope=…) are not credentials and stay readable
  { re: /(\bBearer(?:\s+|%20|\+))(?!(?:realm|error|error_description|error_uri|scope|resource_metadata|charset)\s*=)([A-Za-z0-9._~+/=-]{4,})/g, keep: (_m, a, v) => `${a}${mask(v)}` },
  // a flag and its value as separate quoted items of an argument list, as spawn errors and client
  // logs print them: "-t","TOKEN" · '--api-token', 'TOKEN' · "--token", "TOKEN"
  { re: /((["'])(?:-t|--api-token|--token)\2\s*,\s*(["']))([^"']+)(?=\3)/g, keep: (_m, a, _q1, _q2, v) => `${a}${mask(v)}` },
  // a whole header URL-encoded: Authorization%3A%20Bearer%20TOKEN
  { re: /(\bAuthorization%3A(?:%20|\+)*(?:(?:Bearer|Basic|Token)(?:%20|\+)+)?)([A-Za-z0-9._~+/=-]+)/gi, keep: (_m, a, v) => `${a}${mask(v)}` },
  // the setup utility's own flags in a pasted command line: -t TOKEN, -t=TOKEN
  { re: /((?:^|\s)-t(?:=|\s+))([^\s"']+)/g, keep: (_m, a, v) => `${a}${mask(v)}` },
  // prose: "api key abc…", "API token: abc…" (token-shaped values only)
  { re: /(\bapi[ _-]?(?:key|token)\s*(?:is\s+)?[:=]?\s*)([A-Za-z0-9._~+/=-]{12,})/gi, keep: (_m, a, v) => `${a}${mask(v)}` },
  // ?token=…&api_token=…&access_token=…
  { re: /([?&;\s](?:api[_-]?token|access[_-]?token|token|apikey|api[_-]?key|key|secret)=)([^&\s"']+)/gi, keep: (_m, a, v) => `${a}${mask(v)}` },
  // "apiToken": "…", "api_token": "…", --api-token X, -t X
  { re: /(["']?(?:api[_-]?token|apiToken|access[_-]?token|auth[_-]?token|TRAY_MCP_API_TOKEN|AUTH_HEADER)["']?\s*[:=]\s*["']?)([^\s"',}]+)/gi, keep: (_m, a, v) => `${a}${mask(v)}` },
  { re: /((?:--api-token|--token)[=\s]+)(\S+)/g, keep: (_m, a, v) => `${a}${mask(v)}` },
  // Added for explain / client logs (pasted logs carry credentials in more shapes):
  // JSON-escaped headers inside logged JSON: \"Authorization\":\"Basic abc\"
  { re: /(\bAuthorization\\+["']\s*:\s*\\+["'](?:Bearer|Basic|Token)?\s*)([^\s"'\\,;}]+)/gi, keep: (_m, a, v) => `${a}${mask(v)}` },
  // other credential fields: "token": "…", "refresh_token": "…", "client_secret": "…", "password": "…", x-api-key: …
  { re: /(["']?\b(?:token|refresh[_-]?token|id[_-]?token|client[_-]?secret|password|passwd|secret|x-api-key|api[_-]?key|apikey|code[_-]?verifier)["']?\s*[:=]\s*["']?)([^\s"',}&]{6,})/gi, keep: (_m, a, v) => `${a}${mask(v)}` },
  // environment assignments: TRAY_TOKEN=…, MY_API_KEY: …, DB_PASSWORD=…
  { re: /(\b[A-Z][A-Z0-9_]{0,60}(?:TOKEN|SECRET|API_KEY|APIKEY|PASSWORD)\s*[=:]\s*["']?)([^\s"',}]+)/g, keep: (_m, a, v) => `${a}${mask(v)}` },
  // OAuth authorization codes in callback URLs
  { re: /([?&](?:code|refresh_token|id_token|client_secret|sig|signature)=)([^&\s"']+)/gi, keep: (_m, a, v) => `${a}${mask(v)}` },
  // credentials in a URL: https://user:secret@host
  { re: /(\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@"']{1,100}:)([^\s@/"']{1,200})(@)/gi, keep: (_m, a, v, at) => `${a}${mask(v)}${at}` },
  // JSON Web Tokens (OAuth access tokens) wherever they appear
  { re: /\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.)([A-Za-z0-9_-]{8,})/g, keep: (_m, a, v) => `[redacted jwt${v.length >= 4 ? ' …' + v.slice(-4) : ''}]` },
];

/**
 * Mask a value that a pattern found in credential position, unless it plainly is not a secret:
 * a placeholder (`<token>`, `${VAR}`, `%VAR%`, `$VAR`), an earlier mask (output is scrubbed twice),
 * or a short ordinary word of the surrounding sentence ("--token or …", "token is empty").
 * Known secrets are replaced by exact value before patterns run, whatever they look like.
 */
function mask(v: string): string {
  if (!v || /^(?:\$\{|\$[A-Za-z_]|%[A-Za-z_]|<|`<|…|\[redacted)/.test(v)) return v;
  if (v.length < 6 || /^[a-z]{1,10}[.,;:)`]*$/.test(v)) return v;
  return `[redacted${v.length >= 12 ? ' ' + fingerprint(v) : ''}]`;
}

/** Remove known secrets (exact values) and anything that looks like a credential. */
export function redactText(text: string, secrets: readonly (string | undefined | null)[] = []): string {
  let out = text;
  const known = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4))].sort(
    (a, b) => b.length - a.length,
  );
  for (const s of known) out = out.replace(new RegExp(escapeRe(s), 'g'), fingerprint(s));
  for (const { re, keep } of PATTERNS) out = out.replace(re, keep as (substring: string, ...args: string[]) => string);
  return out;
}

/** Deep-redact every string in a JSON-able value (for details objects and JSON output). */
export function redactDeep<T>(value: T, secrets: readonly (string | undefined | null)[] = []): T {
  const walk = (v: unknown, depth: number): unknown => {
    if (depth > 64) return '[too deep]';
    if (typeof v === 'string') return redactText(v, secrets);
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
