// The credential shapes found in pasted logs and client log files (added for explain / client-logs).
import { describe, it, expect } from 'vitest';
import { redactText } from '../../src/lib/redact.js';
import { CANARY, leaksCanary } from '../helpers/home.js';

describe('redaction of credentials in logs', () => {
  it.each([
    [`{\\"Authorization\\":\\"Basic ${CANARY}\\"}`],
    [`{"token":"${CANARY}"}`],
    [`"refresh_token": "${CANARY}"`],
    [`client_secret=${CANARY}`],
    [`x-api-key: ${CANARY}`],
    [`TRAY_TOKEN=${CANARY} npx mcp-remote`],
    [`MY_SERVICE_API_KEY: ${CANARY}`],
    [`GET http://127.0.0.1:3334/oauth/callback?code=${CANARY}&state=xyz`],
    [`HTTPS_PROXY=http://bob:${CANARY}@proxy.corp:8080`],
    [`access token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${CANARY.replace(/[^A-Za-z0-9]/g, '')}`],
  ])('masks %s', (input) => {
    const out = redactText(input);
    expect(leaksCanary(out)).toBe(false);
    expect(out).toMatch(/redacted/);
  });

  it('is idempotent: scrubbing twice (redacted evidence, then output) changes nothing more', () => {
    for (const input of [`Authorization: Bearer ${CANARY}`, `token=${CANARY}`, `{"token":"${CANARY}"}`]) {
      const once = redactText(input);
      expect(redactText(once)).toBe(once);
    }
  });

  it('leaves ordinary prose and settings alone', () => {
    for (const s of ['exit code=1', 'the API token: it is empty', 'HTTPS_PROXY=http://proxy.corp:8080', 'token budget exceeded', 'Authorization:${AUTH_HEADER}']) {
      expect(redactText(s)).toBe(s);
    }
  });
});
