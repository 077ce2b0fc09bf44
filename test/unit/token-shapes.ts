// Credential shapes for the redaction tests of explain and client-logs (unit and e2e share them).
// Not a test file: no tests here.

/** tokens planted below; the fingerprint (last 4 characters) is all that may show */
export const OLD_TOKEN = 'OLDtok_9e8d7c6b5a4f3e2d1c0b';
export const TOKEN = 'TOKENVALUE123456789';

/**
 * true when `text` holds a token or any 10 characters in a row of one (its last 4 alone are allowed;
 * 10, not fewer, because TOKEN's "12345678" is also part of the workspace id in these lines)
 */
export function leaksToken(text: string, tokens: readonly string[] = [OLD_TOKEN, TOKEN]): boolean {
  for (const t of tokens) for (let i = 0; i + 10 <= t.length; i++) if (text.includes(t.slice(i, i + 10))) return true;
  return false;
}

export const WS = '12345678-abcd-1234-ef56-0123456789ab';
export const TS = '2025-06-03T07:23:52.664Z';

/** the shapes the review named, as pasted */
export const SHAPES: readonly string[] = [
  `npx @trayio/tray-mcp -w ${WS} -t ${OLD_TOKEN}`,
  `Authorization: Bearer%20${TOKEN}`,
  `Authorization: \`Bearer ${TOKEN}\``,
  `api key ${TOKEN}`,
];

/** the same shapes inside lines a matcher recognises (so they are shown as evidence) */
export const MATCHED_LINES: readonly [line: string, id: string][] = [
  [`${TS} [error] [tray-workspace] npx @trayio/tray-mcp -w ${WS} -t ${OLD_TOKEN} failed: spawn npx ENOENT`, 'node-missing'],
  [`${TS} [error] [tray-workspace] Error POSTing to endpoint (HTTP 401) with Authorization: Bearer%20${TOKEN}`, 'token-invalid-or-expired'],
  [`${TS} [error] [tray-workspace] sent Authorization: \`Bearer ${TOKEN}\` and got 403 Forbidden`, 'access-not-granted'],
  [`my api key ${TOKEN} gets HTTP 401 from Tray`, 'token-invalid-or-expired'],
];

/**
 * Beyond the review's list: a flag and its value each quoted, as in a config's "args" array, in
 * Node's spawn error (`"spawnargs":[…]`) and in Claude Desktop's "Using MCP server command … args: [ … ]".
 * These need a redact.ts pattern for a quoted -t/--api-token/--token followed by a quoted value.
 */
export const QUOTED_ARG_LINES: readonly [line: string, id: string][] = [
  [`${TS} [error] [tray-workspace] spawn npx ENOENT {"errno":-2,"code":"ENOENT","syscall":"spawn npx","path":"npx","spawnargs":["-y","@trayio/tray-mcp","-w","${WS}","-t","${OLD_TOKEN}"]}`, 'node-missing'],
  [`${TS} [error] [tray-workspace] spawn npx ENOENT { args: [ '-y', '@trayio/tray-mcp', '--workspace-id', '${WS}', '--api-token', '${OLD_TOKEN}', [length]: 5 ] }`, 'node-missing'],
  [`"args": ["@trayio/tray-mcp", "--token", "${OLD_TOKEN}"] → spawn npx ENOENT`, 'node-missing'],
];
