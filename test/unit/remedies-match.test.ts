import { describe, it, expect } from 'vitest';
import { Readable } from 'node:stream';
import { explainText, explainStream, streamLines, splitText, remedyAsMatch, Scanner, MAX_LINE, evidenceOf } from '../../src/remedies/match.js';
import { REMEDIES } from '../../src/remedies/catalog.js';
import { CONTRACT_IDS } from './remedy-ids.js';
import { CANARY, leaksCanary } from '../helpers/home.js';

/**
 * Realistic inputs per remedy: what users paste and what clients, mcp-remote and the SDK log.
 * Sources: Claude Desktop mcp*.log lines (e.g. "[error] [server] spawn npx ENOENT"), the TypeScript SDK's
 * transport errors ("Streamable HTTP error: Error POSTing to endpoint (HTTP 401)", "SSE error: Non-200
 * status code (403)", "MCP error -32001: Request timed out"), mcp-remote's messages ("Non-HTTPS URLs are
 * only allowed for localhost", "Token exchange failed: HTTP 400"), Node's own errors, Cline and Cursor
 * messages, and the symptoms named in the product docs.
 * Each input must rank its remedy first unless `rank` says otherwise.
 */
const CASES: [id: string, input: string][] = [
  ['node-missing', '2025-06-03T07:23:52.664Z [error] [tray-workspace] spawn npx ENOENT'],
  ['node-missing', 'Failed to connect to new MCP server tray: Error: spawn npx ENOENT'],
  ['node-missing', 'env: node: No such file or directory'],
  ['node-missing', "'npx' is not recognized as an internal or external command,"],
  ['node-too-old', 'ReferenceError: TransformStream is not defined'],
  ['node-too-old', 'ReferenceError: File is not defined\n    at Object.<anonymous> (/Users/ana/.npm/_npx/abc/node_modules/undici/lib/web/fetch/response.js:527:1)'],
  ['node-too-old', "SyntaxError: Unexpected token '?'"],
  ['node-too-old', 'Node.js v18.20.4'],
  ['node-too-old', "Cannot find module 'node:fs/promises'"],
  ['node-too-old', "Error: Cannot find module 'fs/promises'\nRequire stack:\n- /Users/ana/.npm/_npx/abc/node_modules/mcp-remote/dist/proxy.js"],
  ['node-too-old', 'Error [ERR_UNKNOWN_BUILTIN_MODULE]: No such built-in module: node:stream/web'],
  ['config-not-found', "Error: ENOENT: no such file or directory, open 'C:\\Users\\ana\\AppData\\Roaming\\Claude\\claude_desktop_config.json'"],
  ['config-json-invalid', 'SyntaxError: Unexpected token } in JSON at position 312'],
  ['config-json-invalid', "SyntaxError: Expected double-quoted property name in JSON at position 88 (line 5 column 3)"],
  ['config-json-invalid', 'Invalid MCP settings JSON format. Please ensure your settings follow the correct JSON format.'],
  ['config-json-invalid', "JSON.parse: expected ',' or '}' after property value in object at line 3 column 5"],
  ['config-json-invalid', "SyntaxError: JSON.parse: unexpected non-whitespace character after JSON data at line 12 column 2 of the JSON data"],
  ['config-json-invalid', "SyntaxError: JSON Parse error: Expected '}'"],
  ['config-schema-invalid', 'Invalid MCP settings schema: mcpServers.tray.url: Invalid url'],
  ['config-wrong-location', 'cat ~/.codeium/windsurf/mcp.json shows my Tray server but Windsurf ignores it'],
  ['tray-server-missing', "Tray server doesn't appear in Cursor's MCP list"],
  ['workspace-id-invalid', 'Error: getaddrinfo ENOTFOUND acme-prod.mcp.tray.ai'],
  ['workspace-id-invalid', '404'],
  ['workspace-id-invalid', 'Error: Streamable HTTP error: Error POSTing to endpoint (HTTP 404): Not Found'],
  ['token-missing', '"env": { "AUTH_HEADER": "Bearer your-api-token-here" }'],
  ['token-missing', 'Authorization: Bearer ${TRAY_API_TOKEN}'],
  ['config-dir-not-writable', "Error: EPERM: operation not permitted, rename '/Users/ana/.cursor/mcp.json.tmp' -> '/Users/ana/.cursor/mcp.json'"],
  ['config-file-unreadable', "Error: EACCES: permission denied, open '/Users/ana/Library/Application Support/Claude/claude_desktop_config.json'"],
  ['config-file-exposed', '-rw-rw-r-- 1 ana ana 300 Jan  2 10:00 /home/ana/.cursor/mcp.json'],
  ['multiple-workspaces', '⚠️ Server "tray-production" already exists in config.'],
  ['restart-client', '⚠️ Please restart cursor for the changes to take effect.'],
  ['client-entry-unsupported', 'mcpServers.tray-workspace.command: Required'],
  ['server-unreachable', 'FetchError: request to https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai failed, reason: connect ETIMEDOUT 52.1.2.3:443'],
  ['server-unreachable', 'TypeError: fetch failed'],
  ['server-unreachable', 'Error: read ECONNRESET'],
  ['server-unreachable', '502'],
  ['server-unreachable', 'HTTP 503'],
  ['server-unreachable', 'SSE error: Non-200 status code (504)'],
  ['tls-untrusted', 'Error: self-signed certificate in certificate chain'],
  ['tls-untrusted', "code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'"],
  ['proxy-misconfigured', 'Error: tunneling socket could not be established, statusCode=403'],
  ['proxy-misconfigured', 'HTTP/1.1 407 Proxy Authentication Required'],
  ['proxy-misconfigured', 'SyntaxError: Unexpected token \'<\', "<html><hea"... is not valid JSON'],
  ['insecure-url', '[31337] Error: Non-HTTPS URLs are only allowed for localhost or when --allow-http flag is provided'],
  ['token-invalid-or-expired', 'Error: Streamable HTTP error: Error POSTing to endpoint (HTTP 401): Unauthorized'],
  ['token-invalid-or-expired', '401'],
  ['token-invalid-or-expired', 'status code (401)'],
  ['access-not-granted', 'SSE error: Non-200 status code (403)'],
  ['access-not-granted', 'HTTP 403'],
  ['access-not-granted', '403 Forbidden'],
  ['mcp-server-disabled', 'The MCP server is disabled in Workspace Settings'],
  ['agent-gateway-not-enabled', "I can't enable the MCP server in workspace settings"],
  ['oauth-authorization-failed', 'OAuth authorization timed out in Claude Desktop'],
  // mcp-remote's own callback page; its README's answer is to clear ~/.mcp-auth
  ['bridge-auth-state-stale', 'Authentication Error\nToken exchange failed: HTTP 400'],
  ['oauth-authorization-failed', 'Authorization error: Error: Token exchange failed: HTTP 401'],
  ['oauth-authorization-failed', 'Authorization with the MCP server failed. You can check your credentials and permissions.'],
  ['oauth-client-unsupported', 'Incompatible auth server: does not support dynamic client registration'],
  ['tray-account-required', 'Error: user not found in organization'],
  ['no-tools-enabled', '2025-07-01 10:00:00.000 [info] Discovered 0 tools'],
  ['no-tools-enabled', '{"result":{"tools":[]},"jsonrpc":"2.0","id":1}'],
  ['no-tools-enabled', 'Server does not support tools'],
  ['no-tools-enabled', '2025-06-03T07:23:52.664Z [error] [tray-workspace] Error: Server does not support tools (required for tools/list)'],
  ['client-tool-cache-stale', 'MCP error -32602: Tool old_report not found'],
  ['too-many-tools', 'Exceeding total tools limit'],
  ['tool-description-missing', 'Some tools have no description'],
  ['tool-invoked-incorrectly', 'MCP error -32602: Invalid arguments for tool create_ticket: priority: Expected number'],
  ['workflow-tool-failed', 'Workflow execution failed at step "Salesforce 1"'],
  ['connector-tool-failed', 'Connector tool failed: insufficient scopes for operation list_users'],
  ['callable-depth-exceeded', 'Tool execution failed: callable depth limit exceeded (max 5) for tool 7f3c2a10-1b2c-4d5e-8f90-123456789abc'],
  ['callable-total-exceeded', 'Callable limit exceeded: total callables 23 exceeds the maximum of 20 (toolId=wf-sync-accounts)'],
  ['auth-management-tab-error', 'Authentication Management tab: error loading'],
  ['user-auth-with-api-token', 'This tool requires user-provided authentication, which is not available with an API token connection'],
  ['user-auth-prompt-missing', 'the authentication prompt never appears in Cursor'],
  ['elicitation-url-fallback', 'McpError: MCP error -32042: URL elicitation required'],
  ['auth-mapping-reset', 'Why is the user asked to authenticate again after 3 days?'],
  ['insights-callable-counts', 'Insights dashboard shows double executions for one tool call'],
  ['connector-logs-unavailable', 'Why are there no logs for my connector tool?'],
  ['contact-support', 'HTTP 500 Internal Server Error'],
  ['contact-support', '500'],
  ['contact-support', 'MCP error -32603: Internal error'],
  ['method-not-supported', '{"jsonrpc":"2.0","id":3,"error":{"code":-32601,"message":"Method not found"}}'],
  // real-world client failures
  ['server-exited-early', "Error during discovery for MCP server 'tray-workspace': MCP error -32000: Connection closed"],
  ['server-exited-early', '2025-07-24 16:54:23.077 [error] Server exited before responding to `initialize` request.'],
  ['server-exited-early', '2025-04-08 11:16:16.790 [error] tray: Error in MCP: Client closed'],
  ['stdio-output-not-json', '2024-12-04T12:49:49.902Z [error] Error in MCP connection to server tray: SyntaxError: Unexpected token \'>\', "> tsc && s"... is not valid JSON'],
  ['stdio-output-not-json', 'Unexpected non-whitespace character after JSON at position 4 (line 1 column 5)'],
  ['windows-npx-needs-cmd', 'Error: spawn EINVAL'],
  ['windows-npx-needs-cmd', "[Warning] [tray] mcpServers.tray: Windows requires 'cmd /c' wrapper to execute npx"],
  ['windows-args-split', "'C:\\Program' is not recognized as an internal or external command,"],
  ['npx-cache-corrupt', "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/Users/ana/.npm/_npx/705d23756ff7dacc/node_modules/mcp-remote/dist/chunk-CYX6C3U3.js' imported from /Users/ana/.npm/_npx/705d23756ff7dacc/node_modules/mcp-remote/dist/proxy.js"],
  ['npx-cache-corrupt', 'npm error ENOTEMPTY: directory not empty, rename'],
  ['bridge-auth-state-stale', '{"error":"invalid_client","error_description":"Invalid client_id"}'],
  ['bridge-auth-state-stale', 'Error: listen EADDRINUSE: address already in use 127.0.0.1:5173'],
  ['session-expired', 'Error POSTing to endpoint (HTTP 404): {"jsonrpc":"2.0","error":{"code":-32001,"message":"Session not found"},"id":null}'],
  ['session-expired', 'Bad Request: No valid session ID provided'],
  ['transport-mismatch', 'Not Acceptable: Client must accept both application/json and text/event-stream'],
  ['transport-mismatch', 'SSE error: Non-200 status code (405)'],
  ['transport-mismatch', 'Received error: Error POSTing to endpoint (HTTP 404): Missing sessionId parameter'],
  ['request-timeout', 'McpError: MCP error -32001: Request timed out'],
  ['request-timeout', '-32001'],
  ['request-timeout', '[MCP] Failed to initialize client connection: transport error: context deadline exceeded'],
  ['project-server-not-approved', 'tray: https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai (HTTP) - ⏸ Pending approval (run `claude` to approve)'],
  ['proxy-misconfigured', 'Error sending message to https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai: InvalidArgumentError: Invalid URL protocol: the URL must start with `http:` or `https:`.'],
  ['client-entry-unsupported', 'The following entries in claude_desktop_config.json are not valid MCP server configurations and were skipped: tray-workspace'],
  ['token-missing', '{"code":-32001,"message":"Missing Bearer token"}'],
  ['callable-total-exceeded', 'callable workflow limit reached (maximum 20 callable invocations per tool call)'],
];

describe('every contract id is reachable from a realistic input', () => {
  it('the case table covers every contract id', () => {
    const covered = new Set(CASES.map(([id]) => id));
    for (const id of CONTRACT_IDS) expect(covered.has(id), id).toBe(true);
  });

  it.each(CASES)('%s ← %s', (id, input) => {
    const matches = explainText(input);
    expect(matches.map((m) => m.id)[0]).toBe(id);
    expect(matches[0]!.evidence.length).toBeGreaterThan(0);
  });

  it.each(REMEDIES.map((r) => [r.id]))('%s given as its own id shows that remedy', (id) => {
    const m = explainText(id);
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ id, evidence: id, matchedBy: 'remedy id' });
    expect(explainText(`  \`${id}\`  `)[0]!.id).toBe(id);
  });
});

describe('facts', () => {
  it.each([
    ['Error: Maximum callable depth (5) exceeded for tool abc: depth 7', { toolId: 'abc', limit: 5, observed: 7, limitKind: 'depth' }],
    ['Callable nesting too deep: 6 levels (limit 5), tool_id: xyz', { toolId: 'xyz', limit: 5, observed: 6 }],
    ['maximum callable depth of 5 exceeded (depth 6) for tool 7f3c2a10-1b2c-4d5e-8f90-123456789abc', { toolId: '7f3c2a10-1b2c-4d5e-8f90-123456789abc', limit: 5, observed: 6 }],
    ['callable depth over 5 levels in tool "Sync accounts"', { toolId: 'Sync accounts', limit: 5 }],
  ])('callable depth: %s', (input, facts) => {
    const m = explainText(input)[0]!;
    expect(m.id).toBe('callable-depth-exceeded');
    expect(m.facts).toMatchObject(facts);
  });

  it.each([
    ["too many callables: 25 > 20 for tool 'sync-accounts'", { toolId: 'sync-accounts', observed: 25, limit: 20 }],
    ['Error: too many callables: 23 callables used, the maximum is 20 (toolId=wf-sync-accounts)', { toolId: 'wf-sync-accounts', observed: 23, limit: 20 }],
    ['Total number of callables (21) is more than 20 for Tool ID 0b1c', { toolId: '0b1c', limit: 20 }],
    ['TOTAL CALLABLES LIMIT EXCEEDED. TOOL ID: T-42. MAX: 20. FOUND: 31', { toolId: 'T-42', limit: 20, observed: 31 }],
  ])('callable total: %s', (input, facts) => {
    const m = explainText(input)[0]!;
    expect(m.id).toBe('callable-total-exceeded');
    expect(m.facts).toMatchObject({ limitKind: 'total', ...facts });
  });

  // Many phrasings of the same two errors: the observed value, the limit and the tool id must each
  // land in the right fact (a limit is never taken for the observed value, nor an id's digits for either).
  const UUID = '7f3c2a10-1b2c-4d5e-8f90-123456789abc';
  it.each([
    [`Tool execution failed: total callables (23) exceeds the maximum of 20 for tool ${UUID}`, { toolId: UUID, observed: 23, limit: 20 }],
    ['Tool execution failed: total callables (23) exceeds the maximum of 20 for tool 7f3c2a10-…', { toolId: '7f3c2a10', observed: 23, limit: 20 }],
    [`Tool execution failed: the total number of callables (23) exceeds the maximum of 20 for tool ${UUID}`, { toolId: UUID, observed: 23, limit: 20 }],
    [`Tool execution failed: total callables (23) exceeds the maximum (20) for tool ${UUID}`, { toolId: UUID, observed: 23, limit: 20 }],
    [`Tool execution failed: total callables 23 exceed max 20 for tool ${UUID}`, { toolId: UUID, observed: 23, limit: 20 }],
    ['total callable workflows (23) exceeds the maximum of 20 for tool wf-sync', { toolId: 'wf-sync', observed: 23, limit: 20 }],
    ['total callables across all levels (23) exceeds the maximum of 20', { observed: 23, limit: 20 }],
    ['Number of callables (23) exceeds maximum allowed (20) for tool abc', { toolId: 'abc', observed: 23, limit: 20 }],
    ['23 callables exceed the limit of 20 for tool abc', { toolId: 'abc', observed: 23, limit: 20 }],
    ['The total number of callables, 23, exceeds the limit of 20 for tool abc', { toolId: 'abc', observed: 23, limit: 20 }],
    ['total callable count of 23 is greater than the allowed 20 (tool abc)', { toolId: 'abc', observed: 23, limit: 20 }],
    ['Exceeded maximum total callables (20): found 23 in tool abc', { toolId: 'abc', observed: 23, limit: 20 }],
    ['Total callables count: 23. Maximum: 20. Tool: abc', { toolId: 'abc', observed: 23, limit: 20 }],
    ['callables total=23 limit=20 tool_id=abc', { toolId: 'abc', observed: 23, limit: 20 }],
    ['Too many callables (23/20) for tool abc', { toolId: 'abc', observed: 23, limit: 20 }],
    ['callable limit exceeded: 23 callables (max 20)', { observed: 23, limit: 20 }],
    [`Workflow tool ${UUID} uses 23 callables; the limit is 20`, { toolId: UUID, observed: 23, limit: 20 }],
    ['Total callables 23 exceeded the limit for tool abc', { toolId: 'abc', observed: 23, limit: 20 }],
  ])('callable total, observed and limit: %s', (input, facts) => {
    const m = explainText(input);
    expect(m[0]!.id).toBe('callable-total-exceeded');
    expect(m[0]!.facts).toEqual({ limitKind: 'total', ...facts });
    expect(m.map((x) => x.id)).not.toContain('callable-depth-exceeded');
  });

  it.each([
    [`Tool execution failed: callable depth (7) exceeds the maximum of 5 for tool ${UUID}`, { toolId: UUID, observed: 7, limit: 5 }],
    ['callable depth of 5 exceeded (depth 6)', { observed: 6, limit: 5 }],
    ['callable depth 6 exceeded the limit of 5 (tool t1)', { toolId: 't1', observed: 6, limit: 5 }],
    ['Callable depth limit of 5 reached at depth 6 in tool abc', { toolId: 'abc', observed: 6, limit: 5 }],
    ['callable depth is 6, maximum is 5. Tool: t-9', { toolId: 't-9', observed: 6, limit: 5 }],
    ['Maximum callable depth exceeded: 7 levels', { observed: 7, limit: 5 }],
    ['callables nested 7 levels deep (max 5) in tool abc', { toolId: 'abc', observed: 7, limit: 5 }],
  ])('callable depth, observed and limit: %s', (input, facts) => {
    const m = explainText(input)[0]!;
    expect(m.id).toBe('callable-depth-exceeded');
    expect(m.facts).toEqual({ limitKind: 'depth', ...facts });
  });

  it('digits of a tool id, a version or a time are never a limit or an observed value', () => {
    expect(explainText('total callables exceeded for tool 1234')[0]!.facts).toEqual({ limitKind: 'total', toolId: '1234', limit: 20 });
    expect(explainText('2025-06-03T07:23:52.664Z callable depth exceeded in tool 9f1e2d3c-0000-4000-8000-000000000042')[0]!.facts).toEqual({
      limitKind: 'depth',
      toolId: '9f1e2d3c-0000-4000-8000-000000000042',
      limit: 5,
    });
  });

  it('falls back to the documented limit when the message does not state it', () => {
    expect(explainText('callable depth exceeded for tool abc')[0]!.facts).toMatchObject({ limit: 5, toolId: 'abc' });
    expect(explainText('too many callables in tool abc')[0]!.facts).toMatchObject({ limit: 20, toolId: 'abc' });
  });

  it('a callable limit without its kind offers both, and never the generic match beside a specific one', () => {
    expect(explainText('Callable limits exceeded for tool abc123').map((m) => m.id)).toEqual(['callable-depth-exceeded', 'callable-total-exceeded']);
    expect(explainText('callable depth limit exceeded for tool abc').map((m) => m.id)).toEqual(['callable-depth-exceeded']);
  });

  it('pulls the URL out of a -32042 error, also from the lines that follow it', () => {
    const one = explainText('MCP error -32042: URL elicitation required {"elicitations":[{"mode":"url","url":"https://auth.tray.ai/e/abc","message":"Connect"}]}');
    expect(one[0]).toMatchObject({ id: 'elicitation-url-fallback', facts: { jsonRpcCode: -32042, url: 'https://auth.tray.ai/e/abc' } });
    const dump = [
      '{',
      '  "jsonrpc": "2.0",',
      '  "error": {',
      '    "code": -32042,',
      '    "message": "URL elicitation required",',
      '    "data": { "elicitations": [ {',
      '      "mode": "url",',
      '      "url": "https://auth.tray.ai/elicit/xyz?token=' + CANARY + '",',
      '      "elicitationId": "e-1"',
      '} ] } } }',
    ].join('\n');
    const m = explainText(dump)[0]!;
    expect(m.id).toBe('elicitation-url-fallback');
    expect(m.facts?.url).toMatch(/^https:\/\/auth\.tray\.ai\/elicit\/xyz\?token=\[redacted/);
    expect(leaksCanary(JSON.stringify(m))).toBe(false);
  });

  it('status codes, JSON positions and error codes become numbers and strings', () => {
    expect(explainText('Error POSTing to endpoint (HTTP 403): Forbidden')[0]!.facts).toEqual({ httpStatus: 403 });
    expect(explainText('Unexpected token } in JSON at position 312')[0]!.facts).toEqual({ position: 312 });
    expect(explainText('connect ECONNREFUSED 10.0.0.5:443')[0]!.facts).toEqual({ errorCode: 'ECONNREFUSED', address: '10.0.0.5:443' });
    expect(explainText('getaddrinfo ENOTFOUND 12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai')[0]).toMatchObject({
      id: 'server-unreachable',
      facts: { errorCode: 'ENOTFOUND', host: '12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai' },
    });
    expect(explainText('-32001')[0]!.facts).toEqual({ jsonRpcCode: -32001 });
  });

  it('a well-formed workspace host is not called invalid; a malformed one is', () => {
    expect(explainText('ENOTFOUND 12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai').map((m) => m.id)).not.toContain('workspace-id-invalid');
    expect(explainText('ENOTFOUND acme.mcp.tray.ai').map((m) => m.id)).toEqual(['workspace-id-invalid', 'server-unreachable']);
  });

  it('old Node is judged with semver against mcp-remote’s floor', () => {
    expect(explainText('Node.js v20.18.0')[0]?.id).toBe('node-too-old');
    expect(explainText('Node.js v20.18.1')).toEqual([]);
    expect(explainText('Node.js v22.3.0')).toEqual([]);
  });
});

describe('HTTP statuses rank their remedies as doctor does', () => {
  // A 404 from the MCP endpoint: wrong URL/Workspace ID first, a switched-off server second (doctor's
  // handshake check). A 5xx: 502/503/504 are a gateway that could not reach the service
  // (server-unreachable, then contact-support); a 500 is Tray failing on its side (contact-support,
  // then server-unreachable for a failing proxy).
  it.each([
    ['404', ['workspace-id-invalid', 'mcp-server-disabled'], 404],
    ['HTTP 404', ['workspace-id-invalid', 'mcp-server-disabled'], 404],
    ['404 Not Found', ['workspace-id-invalid', 'mcp-server-disabled'], 404],
    ['SSE error: Non-200 status code (404)', ['workspace-id-invalid', 'mcp-server-disabled'], 404],
    ['500', ['contact-support', 'server-unreachable'], 500],
    ['HTTP 500', ['contact-support', 'server-unreachable'], 500],
    ['Error POSTing to endpoint (HTTP 500): Internal Server Error', ['contact-support', 'server-unreachable'], 500],
    ['502', ['server-unreachable', 'contact-support'], 502],
    ['503', ['server-unreachable', 'contact-support'], 503],
    ['504', ['server-unreachable', 'contact-support'], 504],
    ['HTTP 502', ['server-unreachable', 'contact-support'], 502],
    ['HTTP 503', ['server-unreachable', 'contact-support'], 503],
    ['HTTP 504', ['server-unreachable', 'contact-support'], 504],
    ['503 Service Unavailable', ['server-unreachable', 'contact-support'], 503],
    ['504 Gateway Timeout', ['server-unreachable', 'contact-support'], 504],
  ])('%s', (input, ids, status) => {
    const m = explainText(input);
    expect(m.map((x) => x.id)).toEqual(ids);
    for (const x of m) expect(x.facts, x.id).toEqual({ httpStatus: status });
  });

  it('a status inside other numbers is not a status', () => {
    for (const input of ['took 404 ms', 'id: 503', 'line 500 of 900', '2025-04-01T10:00:00.502Z [info] ok', 'port 5040']) expect(explainText(input), input).toEqual([]);
  });

  it('a log-worthy weight: every status finding reaches the client-logs check (weight ≥ 45)', () => {
    for (const input of ['HTTP 404', 'HTTP 500', 'HTTP 503']) for (const x of explainText(input)) expect(x.weight, `${input} → ${x.id}`).toBeGreaterThanOrEqual(45);
  });
});

describe('more error shapes', () => {
  it('-32001 is a request timeout unless the server\'s own message says otherwise', () => {
    expect(explainText('{"jsonrpc":"2.0","id":3,"error":{"code":-32001,"message":"Request timed out"}}')[0]!.id).toBe('request-timeout');
    for (const other of ['{"code":-32001,"message":"Session not found"}', '{"code":-32001,"message":"Missing Bearer token"}']) {
      expect(explainText(other).map((x) => x.id), other).not.toContain('request-timeout');
    }
  });

  it("the SDK's capability error is a server without tools, then a stale tool list", () => {
    const m = explainText('Error: Server does not support tools (required for tools/call)');
    expect(m.map((x) => x.id)).toEqual(['no-tools-enabled', 'client-tool-cache-stale']);
    expect(m[0]!.facts).toEqual({ method: 'tools/call' });
    expect(explainText('Server does not support prompts (required for prompts/list)').map((x) => x.id)).not.toContain('no-tools-enabled');
  });

  it('a built-in module the running Node lacks is an old Node; any other missing module is not', () => {
    expect(explainText("Error: Cannot find module 'node:fs/promises'")[0]).toMatchObject({ id: 'node-too-old', facts: { module: 'node:fs/promises' } });
    expect(explainText('No such built-in module: node:stream/web')[0]).toMatchObject({ id: 'node-too-old', facts: { module: 'node:stream/web' } });
    expect(explainText("Error: Cannot find module 'lodash'")).toEqual([]);
    expect(explainText("Error: Cannot find module './dist/cli.js'")).toEqual([]);
  });

  it('Firefox and Safari JSON.parse errors give the line and column; an HTML page is still a proxy', () => {
    expect(explainText("JSON.parse: expected ',' or '}' after property value in object at line 3 column 5")[0]).toMatchObject({
      id: 'config-json-invalid',
      facts: { line: 3, column: 5 },
    });
    expect(explainText('JSON.parse: unexpected end of data at line 1 column 1 of the JSON data')[0]!.facts).toEqual({ line: 1, column: 1 });
    const html = explainText("SyntaxError: JSON Parse error: Unrecognized token '<'").map((x) => x.id);
    expect(html[0]).toBe('proxy-misconfigured');
    expect(html).not.toContain('config-json-invalid');
  });
});

describe('matching is careful', () => {
  it.each([
    'at position 401 of the buffer',
    'took 403 ms',
    'id: 401',
    '2025-04-01T10:00:00.401Z [info] [tray] Message from server: {"jsonrpc":"2.0","id":2,"result":{}}',
    '{"jsonrpc":"2.0","method":"notifications/initialized"}',
    'HTTP 200 OK',
    'the quick brown fox',
  ])('does not invent a problem in: %s', (input) => {
    expect(explainText(input)).toEqual([]);
  });

  it('on one line, a specific cause hides a much more generic wrapper, but keeps close alternatives', () => {
    expect(explainText('Tool execution failed: maximum callable depth of 5 exceeded (depth 6) for tool t1').map((m) => m.id)).toEqual(['callable-depth-exceeded']);
    expect(explainText("EACCES: permission denied, open '/home/a/.cursor/mcp.json'").map((m) => m.id)).toEqual(['config-file-unreadable', 'config-dir-not-writable']);
  });

  it('an HTML error page is a proxy, not a broken config file', () => {
    const ids = explainText('SyntaxError: Unexpected token \'<\', "<!DOCTYPE "... is not valid JSON').map((m) => m.id);
    expect(ids[0]).toBe('proxy-misconfigured');
    expect(ids).not.toContain('config-json-invalid');
  });

  it('ranks the most specific first in a mixed log, one entry per remedy with a count', () => {
    const log = [
      '2025-06-03T07:23:52.600Z [info] [tray] Initializing server...',
      '2025-06-03T07:23:52.664Z [error] [tray] spawn npx ENOENT',
      '2025-06-03T07:23:52.665Z [error] [tray] spawn npx ENOENT',
      '2025-06-03T07:23:52.669Z [info] [tray] Server transport closed unexpectedly, this is likely due to the process exiting early.',
      '2025-06-03T07:23:52.670Z [error] [tray] MCP error -32000: Connection closed',
    ].join('\n');
    const m = explainText(log);
    expect(m[0]).toMatchObject({ id: 'node-missing', count: 2, lineNumber: 3 });
    // the process exiting is a consequence: generic, so below the specific cause
    expect(m.map((x) => x.id)).toEqual(['node-missing', 'server-exited-early', 'node-too-old', 'server-unreachable']);
  });

  it('redacts every credential shape in evidence and facts', () => {
    const inputs = [
      `Authorization: Bearer ${CANARY} → HTTP 401`,
      `{"headers":{"Authorization":"Bearer ${CANARY}"}} status code (401)`,
      `GET https://x.mcp.tray.ai/mcp?token=${CANARY} HTTP/1.1 403`,
      `{\\"Authorization\\":\\"Basic ${CANARY}\\"} HTTP 401`,
      `"args": ["mcp-remote", "https://x.mcp.tray.ai", "--header", "Authorization:Bearer ${CANARY}"] spawn npx ENOENT`,
      `TRAY_TOKEN=${CANARY} npx mcp-remote → ECONNREFUSED`,
      `{"access_token":"${CANARY}","refresh_token":"${CANARY}"} invalid_grant`,
    ];
    for (const input of inputs) {
      const m = explainText(input);
      expect(m.length, input).toBeGreaterThan(0);
      expect(leaksCanary(JSON.stringify(m)), input).toBe(false);
    }
    // and known secrets given to the scanner, even bare
    const s = new Scanner({ secrets: [CANARY] });
    s.push(`spawn npx ENOENT ${CANARY}`);
    expect(leaksCanary(JSON.stringify(s.results()))).toBe(false);
  });

  it('cuts long evidence around the match, and never re-exposes a cut credential', () => {
    const line = 'x'.repeat(3000) + ` Authorization: Bearer ${CANARY} ` + 'HTTP 401 ' + 'y'.repeat(3000);
    const m = explainText(line)[0]!;
    expect(m.evidence.length).toBeLessThanOrEqual(402);
    expect(m.evidence).toContain('HTTP 401');
    expect(leaksCanary(m.evidence)).toBe(false);
    expect(evidenceOf('a'.repeat(1000) + 'Bearer ' + CANARY, 'zzz')).not.toContain(CANARY.slice(4, 24));
  });

  it('remedyAsMatch returns the catalog entry, undefined for an unknown id', () => {
    expect(remedyAsMatch('tls-untrusted')).toMatchObject({ id: 'tls-untrusted', evidence: 'tls-untrusted' });
    expect(remedyAsMatch('nope')).toBeUndefined();
  });
});

describe('line handling', () => {
  it('splitText caps each line and keeps line numbers', () => {
    const lines = [...splitText('a\n' + 'b'.repeat(MAX_LINE * 3) + '\nc')];
    expect(lines.map((l) => l.length)).toEqual([1, MAX_LINE, 1]);
  });

  it('streamLines decodes UTF-8 split across chunks, handles CRLF, caps lines, bounds bytes', async () => {
    const text = Buffer.from('héllo ✓\r\nsecond\n' + 'z'.repeat(MAX_LINE + 50) + '\nlast');
    const chunks = [...text].map((b) => Buffer.from([b])); // one byte at a time
    const got: string[] = [];
    for await (const l of streamLines(Readable.from(chunks))) got.push(l);
    expect(got[0]).toBe('héllo ✓\r');
    expect(got[1]).toBe('second');
    expect(got[2]!.length).toBe(MAX_LINE);
    expect(got[3]).toBe('last');
    let limited = false;
    const few: string[] = [];
    for await (const l of streamLines(Readable.from([Buffer.from('a\nb\nc\n'), Buffer.from('d\n')]), { maxBytes: 4, onLimit: () => (limited = true) })) few.push(l);
    expect(limited).toBe(true);
    expect(few).toEqual(['a', 'b', 'c']);
  });

  it('explainStream finds a problem deep in a multi-MB stream in one pass', async () => {
    const filler = '2025-01-01T00:00:00.000Z [info] [tray] Message from client: {"method":"tools/list","jsonrpc":"2.0","id":1}\n';
    async function* gen() {
      for (let i = 0; i < 40_000; i++) yield filler;
      yield 'Error: Streamable HTTP error: Error POSTing to endpoint (HTTP 403): Forbidden\n';
      for (let i = 0; i < 10_000; i++) yield filler;
    }
    const t0 = process.cpuUsage(); // CPU time, not the wall clock a busy machine stretches
    const r = await explainStream(gen());
    const used = process.cpuUsage(t0);
    expect((used.user + used.system) / 1000).toBeLessThan(5000);
    expect(r.lines).toBe(50_001);
    expect(r.matches[0]).toMatchObject({ id: 'access-not-granted', lineNumber: 40_001 });
  });
});

// Wording classes added after the blind holdout (test/corpus/holdout.jsonl, README "Blind holdout"):
// each reads a kind of message, not one string, and does not wake on text that only looks alike.
describe('wording classes found by the blind holdout', () => {
  const first = (t: string) => explainText(t)[0]?.id;
  it.each([
    ['node-missing', 'failed to start command: exec: "npx": executable file not found in $PATH'],
    ['node-missing', 'exec: "node.exe": executable file not found in %PATH%'],
    ['node-too-old', '    at wrapSafe (internal/modules/cjs/loader.js:915:16)'],
    ['node-too-old', '    at internal/main/run_main_module.js:17:47'],
    ['session-expired', '{"jsonrpc":"2.0","error":{"code":-32000,"message":"Bad Request: Server not initialized"},"id":null}'],
    ['transport-mismatch', '2025-04-16 14:13:05.469 [info] 405 status sending message to http://localhost:19193/sse, will attempt to fall back to legacy SSE'],
    ['transport-mismatch', 'Connection state: Error 405 status connecting to http://localhost:8081/mcp: Only POST method is supported'],
    ['too-many-tools', 'adding this instance would exceed max allowed tools'],
    ['too-many-tools', 'Error: this server would exceed the maximum number of tools'],
    ['token-missing', 'Error POSTing to endpoint (HTTP 401): bad request: missing required Authorization header'],
    ['token-missing', 'the server receives the literal value "${env:TRAY_API_TOKEN}" instead of the token'],
    ['config-schema-invalid', '   └ [Error] mcpServers: Does not adhere to MCP server configuration schema'],
    ['client-entry-unsupported', '"tray-workspace" is not a valid MCP server configuration'],
    ['proxy-misconfigured', 'Failed to establish a socket connection to proxies: PROXY 10.1.2.3:3128'],
    ['proxy-misconfigured', 'The proxy settings are not being respected: it connects directly and gets ECONNRESET'],
    ['proxy-misconfigured', 'Connection fails with `ECONNRESET` errors, completely ignoring proxy configuration.'],
    ['oauth-authorization-failed', 'RuntimeError: Client failed to connect: Token exchange failed (400): {"error":"invalid_client"}'],
    ['request-timeout', '⚠ MCP client for `tray` timed out after 30 seconds. Add or adjust `startup_timeout_sec` in your config.toml:'],
    ['npx-cache-corrupt', "- C:\\Users\\ana\\AppData\\Local\\npm-cache\\_npx\\b7043670c3149184\\node_modules\\ws\\lib\\websocket.js"],
  ])('%s: %s', (id, text) => {
    expect(first(text)).toBe(id);
  });

  it.each([
    // products named proxy (stdio bridges, gateways) are not a network proxy
    '2025-03-28T07:36:41.009Z [error] [mcp-proxy] Server disconnected.',
    'Failed to connect to home-assistant via MCP Proxy: error connecting',
    'mcp-proxy-server error: upstream failed',
    // Node 16+ frames are not an old Node
    '    at Module._compile (node:internal/modules/cjs/loader:1198:14)',
    // a placeholder used correctly (no "literal") is not a missing token
    '"args": ["mcp-remote", "https://x.mcp.tray.ai", "--header", "Authorization:${AUTH_HEADER}"]',
    // "literal" near a ${…} that is no credential
    'SyntaxError: Unterminated template literal near `${url}`',
    'The literal value ${HOME} was expanded',
    // a proxy left out on purpose
    'HTTPS_PROXY not set; proxies are not used',
    'NO_PROXY set: the proxy is not used for 127.0.0.1',
    'Bypassing proxy for localhost (proxy not used)',
    '[Local→Remote] Proxy server started; proxy is not used for localhost',
  ])('does not read as proxy-misconfigured / node-too-old / token-missing: %s', (text) => {
    const ids = explainText(text).map((m) => m.id);
    expect(ids).not.toContain('proxy-misconfigured');
    expect(ids).not.toContain('node-too-old');
    expect(ids).not.toContain('token-missing');
  });

  it.each([
    // a Codex config that sets the timeout (working or not) is no timeout
    ['request-timeout', 'startup_timeout_sec = 60'],
    ['request-timeout', '[mcp_servers.tray] command = "npx" startup_timeout_sec = 120'],
    // the Language Server Protocol's -32002 has the same words
    ['session-expired', '[Error - 10:00:00 AM] Request textDocument/hover failed. Message: Server not initialized Code: -32002'],
  ])('a look-alike is not %s: %s', (id, text) => {
    expect(explainText(text).map((m) => m.id)).not.toContain(id);
  });

  it('the timeout Codex names is a number of seconds', () => {
    const m = explainText('⚠ MCP client for `tray` timed out after 30 seconds. Add or adjust `startup_timeout_sec` in your config.toml:')[0]!;
    expect(m.facts).toMatchObject({ timeoutS: 30 });
  });

  // the second blind holdout (test/corpus/README.md): each wording class with another phrasing of it
  it.each([
    ['node-missing', "'npx' is not recognized as an internal or external command, operable program or batch file."],
    ['node-missing', "'npx' n\u2019est pas reconnu en tant que commande interne ou externe"],
    ['node-missing', "Der Befehl 'npx' wird nicht als interner oder externer Befehl erkannt"],
    ['node-missing', "'npx' no se reconoce como un comando interno o externo"],
    ['request-timeout', '[DEBUG] MCP server "tray": Connection failed: Error: Connection to MCP server "tray" timed out after 30000ms'],
    ['request-timeout', 'MCP server "tray" tool "run_workflow" timed out after 60s'],
    ['server-unreachable', 'failed to initialize MCP client: Transport error: Os { code: 111, kind: ConnectionRefused, message: "Connection refused" }'],
    ['access-not-granted', 'McpError: MCP error 403: Forbidden'],
    ['token-missing', 'MCP server tray invalid: Missing environment variables: TRAY_API_TOKEN'],
    ['config-json-invalid', '└ [Error] MCP config is not a valid JSON'],
    ['config-json-invalid', 'Failed to parse MCP servers from /Users/ana/.vscode/mcp.json'],
    ['client-entry-unsupported', 'spawn https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai ENOENT'],
    ['insecure-url', 'Error: protocol is not allowed, use https: http://10.0.0.5:8080/mcp'],
    ['oauth-client-unsupported', 'Redirect URI "vscode://oauth/callback" does not match any registered redirect URI'],
    ['oauth-authorization-failed', 'Error: the sign-in callback came back without an authorization code'],
  ])('%s: %s', (id, text) => {
    expect(first(text)).toBe(id);
  });

  it.each([
    // a JSON-RPC code after "MCP error" is no HTTP status
    ['access-not-granted', 'McpError: MCP error -403: the request was rejected'],
    // an environment variable named for something else
    ['token-missing', 'Missing environment variables: NODE_ENV'],
    // a URL inside a spawn error of the command itself
    ['client-entry-unsupported', 'spawn npx ENOENT while fetching https://example.com'],
  ])('a look-alike is not %s: %s', (id, text) => {
    expect(explainText(text).map((m) => m.id)).not.toContain(id);
  });

  it('explain TEXT: a remedy id written with K KELVIN SIGN (toLowerCase() reads it as k) is that remedy', () => {
    expect(first('TO\u212AEN-MISSING')).toBe('token-missing');
  });

});
