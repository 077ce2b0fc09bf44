// explain on errors users really pasted (test/corpus/errors.jsonl, collected independently: the expected
// remedy of each item was decided before the tool was run). Through the engine explain itself uses;
// test/e2e/explain-corpus.test.ts runs the built CLI on a sample of the same items.
import { describe, it, expect } from 'vitest';
import { scanText, explainText, evidenceOf } from '../../src/remedies/match.js';
import { getRemedy } from '../../src/remedies/catalog.js';
import { loadErrorCorpus, machinePlatform, report, score } from '../helpers/corpus.js';

/** The share of items whose first remedy must be the expected one. */
const RIGHT_FIRST_FLOOR = 90;

const ITEMS = loadErrorCorpus();

/** explain as a user runs it: on the machine the error happened on (its platform is the default). */
const asUserRuns = (item: (typeof ITEMS)[number]) => scanText(item.text, { defaultPlatform: machinePlatform(item) });

describe('explain on errors users pasted (test/corpus/errors.jsonl)', () => {
  it('reads the corpus: unique ids, an expected remedy from the catalog for each item', () => {
    expect(ITEMS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(ITEMS.map((i) => i.id)).size).toBe(ITEMS.length);
    for (const item of ITEMS) {
      expect(getRemedy(item.expected), `${item.id} expects ${item.expected}`).toBeDefined();
      expect(item.text.trim(), item.id).not.toBe('');
    }
  });

  it(`ranks the expected remedy first on at least ${RIGHT_FIRST_FLOOR}% of the items`, () => {
    const s = score(ITEMS, (item) => asUserRuns(item).matches[0]?.id);
    // The same without any platform: what the text alone gives.
    const textOnly = score(ITEMS, (item) => explainText(item.text)[0]?.id);
    console.log(
      [
        report('explain on the real-world corpus (platform: the machine the error came from, when known)', s),
        `from the text alone (no platform): right first on ${textOnly.right} of ${textOnly.total} (${textOnly.percent}%)`,
      ].join('\n'),
    );
    expect(s.percent).toBeGreaterThanOrEqual(RIGHT_FIRST_FLOOR);
  });

  it('returns no remedy for nothing: each match stands on a line of the item that says it', () => {
    const ungrounded: string[] = [];
    for (const item of ITEMS) {
      const lines = item.text.split('\n');
      for (const m of asUserRuns(item).matches) {
        const line = lines[(m.lineNumber ?? 0) - 1];
        // the evidence is that line as explain shows it (trimmed, redacted, cut around the match)
        const shown = line === undefined ? undefined : evidenceOf(line, '');
        const cut = m.evidence.startsWith('…') || m.evidence.endsWith('…');
        if (shown === undefined || shown.trim() === '' || (!cut && shown !== m.evidence)) ungrounded.push(`${item.id}: ${m.id} on line ${m.lineNumber}`);
      }
    }
    expect(ungrounded).toEqual([]);
  });

  it('benign lines quoted from the corpus explain nothing', () => {
    const benign = [
      '2025-11-16 16:32:01.759 [info] Starting server bingcn',
      '2025-11-16 16:32:01.760 [info] Connection state: Starting',
      '2025-10-30 09:11:28.332 [info] Connection state: Running',
      '2025-04-24 16:16:51.823 [info] ster: Starting new stdio process with command: npx -y --package ai-task-manager task-manager-mcp',
      '[9939] Using automatically selected callback port: 29956',
      '[96300] Using transport strategy: http-only',
      '2025-02-26T04:14:51.858Z [mcp-obsidian] [info] Message from client: {"method":"initialize","params":{"protocolVersion":"2024-11-05","capabilities":{},"clientInfo":{"name":"claude-ai","version":"0.1.0"}},"jsonrpc":"2.0","id":0}',
      '2026-07-08T07:45:15.011Z [wsp-mydomain-com] [info] Server started and connected successfully { metadata: undefined }',
      '[pid] Browser opened automatically.',
      '[48853] Auth code received, resolving promise',
      '[48853] Completing authorization...',
      '2025-06-03T07:23:52.636Z [info] [vscode-mcp-server] Initializing server...',
      'Init response: {"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2024-11-05","capabilities":{"prompts":{"listChanged":true},"tools":{"listChanged":true},"resources":{"listChanged":true}},"serverInfo":{"name":"docker-mcp-server","version":"0.0.1"}}}',
      '2025-08-21 13:43:35.157 [info] 连接状态: 正在运行',
      'MCP Config Diagnostics',
      '[INFO] Configuring MCP servers in Claude...',
      '2026-07-08T07:45:15.079Z [wsp-mydomain-com] [info] Server transport closed { metadata: undefined }',
      '2025-06-03T07:23:52.669Z [info] [vscode-mcp-server] Client transport closed',
      '2025-04-04 18:43:08.376 [info] ools: Handling ListOfferings action',
    ];
    const corpusLines = new Set(ITEMS.flatMap((i) => i.text.split('\n')));
    for (const line of benign) {
      expect(corpusLines.has(line), `quoted from the corpus: ${line}`).toBe(true);
      for (const platform of [undefined, 'win32', 'darwin'] as const) expect(explainText(line, { platform }), line).toEqual([]);
    }
  });
});
