// Removal cases an adversarial review found failing, through the CLI.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/cli.js';
import { CANARY, WORKSPACE, leaksCanary, tempHome, type TempHome } from '../helpers/home.js';

const URL_ = `https://${WORKSPACE}.mcp.tray.ai`;
const homes: TempHome[] = [];
afterAll(() => homes.forEach((h) => h.cleanup()));

describe('after review: remove', () => {
  it('a project .mcp.json (Claude Code and Copilot CLI both read it): remove --yes takes the entry out', async () => {
    const h = tempHome('tray-rv2-');
    homes.push(h);
    h.mkdir('proj');
    h.write('proj/.mcp.json', JSON.stringify({ mcpServers: { tray: { type: 'http', url: URL_, headers: { Authorization: `Bearer ${CANARY}` } }, github: { command: 'gh' } } }, null, 2) + '\n', 0o600);
    const r = await runCli(['remove', 'tray', '--yes', '--home', h.dir, '--platform', 'linux'], { cwd: h.path('proj') });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(h.path('proj/.mcp.json'), 'utf8'))).toEqual({ mcpServers: { github: { command: 'gh' } } });
    expect(leaksCanary(r.all)).toBe(false);
  });

  it('Continue: an entry whose env map ends with a comment line is removed (no internal error)', async () => {
    const h = tempHome('tray-rv2-');
    homes.push(h);
    const yaml = ['name: Main Config', 'version: 1.0.0', 'schema: v1', 'mcpServers:', '  - name: tray-workspace', '    type: streamable-http', `    url: ${URL_}`, '    requestOptions:', '      headers:', `        Authorization: Bearer ${CANARY}`, '        # X-Debug: 1', '  - name: filesystem', '    command: npx', ''];
    h.write('.continue/config.yaml', yaml.join('\n'), 0o600);
    const r = await runCli(['remove', 'tray-workspace', '-c', 'continue', '--home', h.dir, '--platform', 'linux'], { cwd: h.dir });
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(h.path('.continue/config.yaml'), 'utf8')).toBe([...yaml.slice(0, 4), ...yaml.slice(11)].join('\n'));
    expect(leaksCanary(r.all)).toBe(false);
  });
});
