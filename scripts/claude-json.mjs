// A large ~/.claude.json as Claude Code writes it (JSON.stringify(…, null, 2)): a few top-level
// settings, a user-scope mcpServers map (optional), and `projects`, one per folder the user opened,
// each with its history of prompts (some with pasted text: quotes, newlines, code, non-ASCII) and
// its own settings. Used by `npm run bench` (the 120 MB case of issue 14) and runnable by hand:
//
//   node scripts/claude-json.mjs OUT.json [--mb 120] [--no-map]
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const PASTE = [
  'TypeError: Cannot read properties of undefined (reading "map")\n    at render (src/components/List.tsx:42:17)\n    at renderWithHooks (node_modules/react-dom/cjs/react-dom.development.js:14985:18)',
  'function retry(fn, n = 3) {\n\tfor (let i = 0; i < n; i++) {\n\t\ttry { return fn(); } catch (e) { if (i === n - 1) throw e; }\n\t}\n}',
  '{"error":{"type":"invalid_request_error","message":"messages: text content blocks must be non-empty"}}',
  'Größe der Datei überschreitet das Limit — bitte prüfen ✓ 日本語のテキスト',
];

/** Write a ~`mb` MB ~/.claude.json to `file`. Resolves to its size in bytes. */
export async function writeClaudeJson(file, { mb = 120, withMap = true } = {}) {
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  const target = mb * 1024 * 1024;
  let size = 0;
  const put = async (s) => {
    size += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  const head = {
    numStartups: 812,
    installMethod: 'npm',
    autoUpdates: true,
    tipsHistory: { 'new-user-warmup': 7, 'memory-command': 12, 'theme-command': 3 },
    userID: 'a3f1c2d4e5b6a7980123456789abcdef0123456789abcdef0123456789abcdef',
    firstStartTime: '2025-01-14T09:12:44.118Z',
  };
  if (withMap) head.mcpServers = { github: { type: 'http', url: 'https://api.githubcopilot.com/mcp/', headers: { Authorization: 'Bearer ${GITHUB_PAT}' } }, fs: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/home/me'] } };
  const headText = JSON.stringify(head, null, 2);
  await put(headText.slice(0, -2) + ',\n  "projects": {');
  const tail = { hasCompletedOnboarding: true, lastOnboardingVersion: '1.0.51', oauthAccount: { accountUuid: '0b9c4e0e-1f7c-4c3e-9a57-0d1e2f3a4b5c', emailAddress: 'me@example.com' } };
  const tailText = JSON.stringify(tail, null, 2).slice(1);
  for (let i = 0; ; i++) {
    const history = [];
    for (let k = 0; k < 100; k++) {
      const n = i * 100 + k;
      const pasted = n % 7 === 0 ? { 1: { id: 1, type: 'text', content: PASTE[n % PASTE.length].repeat(1 + (n % 5)) } } : {};
      history.push({ display: `fix the failing test in packages/api/src/handler-${n}.ts and explain why it failed${n % 7 === 0 ? ' [Pasted text #1 +12 lines]' : ''}`, pastedContents: pasted });
    }
    const p = {
      allowedTools: i % 3 ? [] : ['Bash(npm test:*)', 'Edit'],
      history,
      mcpContextUris: [],
      mcpServers: i % 11 ? {} : { local: { command: 'node', args: [`/home/me/work/project-${i}/mcp.js`], env: {} } },
      enabledMcpjsonServers: [],
      disabledMcpjsonServers: [],
      hasTrustDialogAccepted: true,
      projectOnboardingSeenCount: 4,
      hasClaudeMdExternalIncludesApproved: false,
      lastCost: 1.2345 + i,
      lastAPIDuration: 83124,
      lastDuration: 412337,
      lastLinesAdded: 212,
      lastLinesRemoved: 40,
      lastTotalInputTokens: 120381,
      lastSessionId: `5d0c1f7e-${String(i).padStart(4, '0')}-4c2b-8a8e-1f2e3d4c5b6a`,
    };
    const body = JSON.stringify(p, null, 2).replace(/\n/g, '\n    ');
    await put(`${i ? ',' : ''}\n    ${JSON.stringify(`/home/me/work/project-${i}`)}: ${body}`);
    if (size + tailText.length >= target) break;
  }
  await put(`\n  },${tailText}\n`);
  out.end();
  await once(out, 'finish');
  return size;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { mb: { type: 'string', default: '120' }, 'no-map': { type: 'boolean', default: false } } });
  if (positionals.length !== 1) {
    process.stderr.write('usage: node scripts/claude-json.mjs OUT.json [--mb 120] [--no-map]\n');
    process.exit(2);
  }
  const bytes = await writeClaudeJson(positionals[0], { mb: Number(values.mb), withMap: !values['no-map'] });
  process.stdout.write(`${positionals[0]}: ${(bytes / 1048576).toFixed(1)} MB\n`);
}
