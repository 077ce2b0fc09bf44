// The contract's required ids (../shared/contract/remedies.md), restated here: the project never
// reads ../shared at test time. Never remove one from this list.
export const CONTRACT_IDS = [
  // local setup
  'node-missing', 'node-too-old', 'config-not-found', 'config-json-invalid', 'config-schema-invalid',
  'config-wrong-location', 'tray-server-missing', 'workspace-id-invalid', 'token-missing',
  'config-dir-not-writable', 'config-file-exposed', 'multiple-workspaces', 'restart-client',
  'client-entry-unsupported',
  // network and authentication
  'server-unreachable', 'tls-untrusted', 'proxy-misconfigured', 'insecure-url', 'token-invalid-or-expired',
  'access-not-granted', 'mcp-server-disabled', 'agent-gateway-not-enabled', 'oauth-authorization-failed',
  'oauth-client-unsupported', 'tray-account-required',
  // tools and execution
  'no-tools-enabled', 'client-tool-cache-stale', 'too-many-tools', 'tool-description-missing',
  'tool-invoked-incorrectly', 'workflow-tool-failed', 'connector-tool-failed', 'callable-depth-exceeded',
  'callable-total-exceeded', 'auth-management-tab-error',
  // user-provided authentication
  'user-auth-with-api-token', 'user-auth-prompt-missing', 'elicitation-url-fallback', 'auth-mapping-reset',
  // informational
  'insights-callable-counts', 'connector-logs-unavailable', 'contact-support',
  // real-world client failures
  'server-exited-early', 'stdio-output-not-json', 'windows-npx-needs-cmd', 'windows-args-split', 'npx-cache-corrupt',
  'bridge-auth-state-stale', 'session-expired', 'transport-mismatch', 'request-timeout',
] as const;
