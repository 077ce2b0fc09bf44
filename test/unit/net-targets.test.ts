import { describe, it, expect } from 'vitest';
import { collectTargets, isTrayGatewayUrl } from '../../src/net/targets.js';
import { notProbedText } from '../../src/checks/network-results.js';
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

  it('a config entry is probed with its token only at a Tray gateway URL: never at this machine, never elsewhere', () => {
    const uuid = '12345678-abcd-1234-ef56-0123456789ab';
    const t = collectTargets(
      [
        entry({ name: 'good', url: `https://${uuid}.mcp.tray.ai` }),
        entry({ name: 'local', url: 'http://127.0.0.1:8080/mcp' }),
        entry({ name: 'localhost-name', url: 'http://secret-from-env.x.localhost:8080/c' }),
        entry({ name: 'evil', url: `https://${uuid}.mcp.tray.ai.evil.com` }),
        entry({ name: 'not-uuid', url: 'https://not-a-uuid.mcp.tray.ai' }),
        entry({ name: 'port', url: `https://${uuid}.mcp.tray.ai:8443` }),
        entry({ name: 'plain', url: `http://${uuid}.mcp.tray.ai` }),
      ],
      [],
      undefined,
    );
    const by = (n: string) => t.find((x) => x.sources[0]!.label.includes(`› ${n} `))!;
    expect(by('good')).toMatchObject({ token: 'token-aaaaaaaaaaaa-1111' });
    expect(by('good').notProbed).toBeUndefined();
    for (const n of ['local', 'localhost-name', 'evil', 'not-uuid', 'port', 'plain']) {
      expect(by(n).notProbed, n).toMatchObject({ reason: 'url-not-tray' });
      expect(by(n).token, n).toBeUndefined();
    }
    for (const n of ['evil', 'not-uuid', 'port', 'plain']) expect(notProbedText(by(n).notProbed!)).toContain('not a Tray Agent Gateway URL');
    expect(notProbedText(by('local').notProbed!)).toContain('points at this machine');
    expect(notProbedText(by('local').notProbed!)).toContain('--url');
    expect(by('evil').subject).toBe(`https://${uuid}.mcp.tray.ai.evil.com`);
  });

  it('the same loopback server named with --url is probed (the user chose it), with the --url token only', () => {
    const t = collectTargets([entry({ name: 'local', url: 'http://127.0.0.1:8080/mcp' })], ['http://127.0.0.1:8080/mcp'], 'cli-token-loop-4444');
    const probed = t.filter((x) => !x.notProbed);
    expect(probed).toHaveLength(1);
    expect(probed[0]!.token).toBe('cli-token-loop-4444');
    // the entry's client is named on the --url probe (main's per-client findings), its token never taken
    expect(probed[0]!.sources.map((s) => s.label)).toEqual(['--url', 'cursor › local (~/.cursor/mcp.json)']);
    expect(probed[0]!.client).toBe('cursor');
    expect(t).toHaveLength(1);
  });

  it('an entry of a project config is checked but not probed unless --probe-project', () => {
    const project = { ...ref('./.mcp.json'), scope: 'project' as const, client: 'claude-code' as const };
    const uuid = '12345678-abcd-1234-ef56-0123456789ab';
    const e = entry({ client: 'claude-code', ref: project, url: `https://${uuid}.mcp.tray.ai`, token: 'project-token-zz-1234' });
    const [t] = collectTargets([e], [], undefined);
    expect(t!.notProbed).toMatchObject({ reason: 'project-config' });
    expect(notProbedText(t!.notProbed!)).toContain('--probe-project');
    expect(notProbedText(t!.notProbed!)).toContain('./.mcp.json');
    expect(t!.token).toBeUndefined();
    const [asked] = collectTargets([e], [], undefined, { probeProject: true });
    expect(asked!.notProbed).toBeUndefined();
    expect(asked!.token).toBe('project-token-zz-1234');
    // --probe-project never makes a non-Tray URL probed
    const [local] = collectTargets([{ ...e, url: 'http://127.0.0.1:9/mcp' }], [], undefined, { probeProject: true });
    expect(local!.notProbed).toMatchObject({ reason: 'url-not-tray' });
  });

  it('a 400 KB URL or server name from a config is shown capped', () => {
    const uuid = '12345678-abcd-1234-ef56-0123456789ab';
    const t = collectTargets([entry({ name: 'n'.repeat(400_000), url: `https://${uuid}.mcp.tray.ai/${'p'.repeat(400_000)}` })], [], undefined);
    expect(t[0]!.display.length).toBeLessThan(700);
    expect(t[0]!.sources[0]!.label.length).toBeLessThan(700);
  });

  it('an explicit --url is probed as given, even when it is not Tray', () => {
    const [t] = collectTargets([], ['https://gateway.example.com/mcp'], 'cli-token-for-url-5555');
    expect(t!.notProbed).toBeUndefined();
    expect(t!.token).toBe('cli-token-for-url-5555');
  });

  it('a URL with a user name or password is never probed, and never shows them', () => {
    const t = collectTargets([entry({ url: 'http://user:very-secret-pass-1@127.0.0.1:9/mcp' })], ['https://only-user-name-token-123456@x.example/'], 'cli-token-xyz-12345');
    expect(t).toHaveLength(2);
    for (const x of t) {
      expect(x.notProbed?.reason).toBe('url-credentials');
      expect(x.token).toBeUndefined();
      expect(JSON.stringify({ ...x, url: undefined, key: undefined })).not.toMatch(/very-secret|only-user-name|cli-token/);
    }
    expect(knownSecrets()).toEqual(expect.arrayContaining(['very-secret-pass-1', 'only-user-name-token-123456']));
  });

  it('isTrayGatewayUrl: https, {uuid}.mcp.tray.ai, default port, no credentials', () => {
    const uuid = '12345678-abcd-1234-ef56-0123456789ab';
    expect(isTrayGatewayUrl(new URL(`https://${uuid}.mcp.tray.ai`))).toBe(true);
    expect(isTrayGatewayUrl(new URL(`https://${uuid.toUpperCase()}.MCP.TRAY.AI/`))).toBe(true);
    expect(isTrayGatewayUrl(new URL(`https://${uuid}.mcp.tray.ai:443/`))).toBe(true); // the default port, dropped by URL
    expect(isTrayGatewayUrl(new URL(`https://${uuid}.mcp.tray.ai.evil.com`))).toBe(false);
    expect(isTrayGatewayUrl(new URL(`https://x.${uuid}.mcp.tray.ai`))).toBe(false);
    expect(isTrayGatewayUrl(new URL(`https://evil.com/${uuid}.mcp.tray.ai`))).toBe(false);
    expect(isTrayGatewayUrl(new URL(`https://a:b@${uuid}.mcp.tray.ai`))).toBe(false);
    expect(isTrayGatewayUrl(new URL(`http://${uuid}.mcp.tray.ai`))).toBe(false);
  });
});
