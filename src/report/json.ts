import type { Report, ReportResult } from './model.js';

// The contract's doctor-report.schema.json fixes `results[].check` to its eleven checks and
// `results[].client` to its six clients (or null). What this tool adds beyond them is added, never
// renamed: rows of the checks it added (bridge, oauth) go to `additionalResults`; a row about a client
// it added keeps `client: null` and names the client in `clientId`. The terminal and markdown
// renderers, the exit code and the summary are unchanged (the summary counts every row).
/** The checks this tool added to the contract's eleven (every other id in the registry is the contract's). */
export const ADDED_CHECKS: ReadonlySet<string> = new Set(['bridge', 'oauth']);
export const CONTRACT_CLIENTS: ReadonlySet<string> = new Set(['claude', 'claude-code', 'cursor', 'windsurf', 'vscode', 'cline']);

type JsonResult = ReportResult & { clientId?: string };

function contractRow(r: ReportResult): JsonResult {
  if (r.client === null || r.client === undefined || CONTRACT_CLIENTS.has(r.client)) return r;
  const { client, ...rest } = r;
  const out: JsonResult = { ...rest, client: null, clientId: client } as JsonResult;
  return out;
}

/** The report as the JSON document: contract rows in `results`, the added checks' rows in `additionalResults`. */
export function jsonDocument(report: Report): Record<string, unknown> {
  const { results, ...head } = report;
  const extra = results.filter((r) => ADDED_CHECKS.has(r.check)).map(contractRow);
  return { ...head, additionalResults: extra, results: results.filter((r) => !ADDED_CHECKS.has(r.check)).map(contractRow) };
}

export function renderJson(report: Report): string {
  return JSON.stringify(jsonDocument(report), null, 2) + '\n';
}

/**
 * renderJson's text, a result at a time (each piece ends at a line end): a report of 10,000
 * results is never one 30 MB string. The pieces joined are exactly renderJson(report).
 */
export function* renderJsonPieces(report: Report): Generator<string> {
  const doc = jsonDocument(report);
  const results = doc.results as JsonResult[];
  if (results.length === 0) {
    yield JSON.stringify(doc, null, 2) + '\n';
    return;
  }
  const head = JSON.stringify({ ...doc, results: [] }, null, 2);
  yield `${head.slice(0, head.lastIndexOf('[]'))}[\n`;
  const last = results.length - 1;
  for (let i = 0; i <= last; i++) {
    const one = JSON.stringify(results[i], null, 2).replace(/^/gm, '    ');
    yield one + (i < last ? ',\n' : '\n');
  }
  yield '  ]\n}\n';
}
