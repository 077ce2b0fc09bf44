import type { Report } from '../report/model.js';
export async function replayBundle(_args: unknown, _o: unknown): Promise<Report> {
  throw new Error('not yet');
}
