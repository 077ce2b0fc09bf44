import type { Report } from './model.js';

export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}

/**
 * renderJson's text, a result at a time (each piece ends at a line end): a report of 10,000
 * results is never one 30 MB string. The pieces joined are exactly renderJson(report).
 */
export function* renderJsonPieces(report: Report): Generator<string> {
  const keys = Object.keys(report);
  if (keys[keys.length - 1] !== 'results' || report.results.length === 0) {
    yield renderJson(report);
    return;
  }
  const head = JSON.stringify({ ...report, results: [] }, null, 2);
  yield `${head.slice(0, head.lastIndexOf('[]'))}[\n`;
  const last = report.results.length - 1;
  for (let i = 0; i <= last; i++) {
    const one = JSON.stringify(report.results[i], null, 2).replace(/^/gm, '    ');
    yield one + (i < last ? ',\n' : '\n');
  }
  yield '  ]\n}\n';
}
