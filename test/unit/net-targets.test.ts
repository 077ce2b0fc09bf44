import { describe, it, expect } from 'vitest';
import { collectTargets } from '../../src/net/targets.js';
import type { TrayServerEntry } from '../../src/checks/data.js';
import { knownSecrets } from '../../src/lib/secrets.js';

const ref = (display: string) => ({ client: 'cursor' as const, path: `/h/${display}`, display, scope: 'user' as const, stale: false, explicit: false, kind: 'file' as const });
const entry = (over: Partial<TrayServerEntry>): TrayServerEntry => ({
  client: 'cursor',
  ref: ref('~/.cursor/mcp.json'),
  name: 'tray',
  where: 'mcpServers',
  url: 'https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai',
  token: 'token-aaaaaaaaaaaa-1111',
  usable: true,
  ...over,
});

describe('net/targets', () => {
  it('one target per distinct (URL, token); --url with --token joins a config entry with the same pair', () => {
    const t = collectTargets(
      [entry({}), entry({ client: 'vscode', name: 'tray-ws', ref: ref('~/.config/Code/User/mcp.json') })],
      ['https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai/'],
      'token-aaaaaaaaaaaa-1111',
    );
    expect(t).toHaveLength(1);
    expect(t[0]!.subject).toBe('https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai');
    expect(t[0]!.sources.map((s) => s.label)).toEqual([
      'cursor › tray (~/.cursor/mcp.json)',
      'vscode › tray-ws (~/.config/Code/User/mcp.json)',
      '--url',
    ]);
    expect(t[0]!.client).toBeNull(); // used by several clients
  });

  it('the same URL with another token is another target; the subjects name who uses each, never the token', () => {
    const t = collectTargets([entry({}), entry({ client: 'windsurf', name: 'tray', token: 'token-bbbbbbbbbbbb-2222' })], [], undefined);
    expect(t).toHaveLength(2);
    expect(t.map((x) => x.subject)).toEqual([
      'https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai (cursor › tray)',
      'https://12345678-abcd-1234-ef56-0123456789ab.mcp.tray.ai (windsurf › tray)',
    ]);
    expect(t.map((x) => x.client)).toEqual(['cursor', 'windsurf']);
    for (const x of t) {
      expect(x.subject).not.toContain('token-');
      expect(x.key).not.toContain('token-');
    }
  });

  it('registers every token as a secret', () => {
    collectTargets([entry({ token: 'token-registered-zz-9999' })], [], 'cli-token-registered-8888');
    collectTargets([], ['https://x.example'], 'cli-token-registered-8888');
    expect(knownSecrets()).toEqual(expect.arrayContaining(['token-registered-zz-9999', 'cli-token-registered-8888']));
  });

  it('skips what cannot be probed: unparsable, non-http(s), or a URL tray-servers showed masked', () => {
    const t = collectTargets(
      [entry({ url: '' }), entry({ url: 'not a url' }), entry({ url: 'ftp://x.example/' }), entry({ url: 'https://x.example/mcp?…' })],
      [],
      undefined,
    );
    expect(t).toEqual([]);
  });

  it('an entry without a token is probed without one', () => {
    const [t] = collectTargets([entry({ token: undefined })], [], 'unused-cli-token-777777');
    expect(t!.token).toBeUndefined();
  });
});
