// Reading report rows: which entry a tray-servers row is about, and which entries use a server.
import { isClientId, type ClientId } from '../clients/catalog.js';
import type { ReportResult } from './model.js';

const entries = new WeakMap<ReportResult, { client: string; name: string } | null>();

/** `client › name` of a tray-servers entry row, or null for its other rows (read once per row). */
export function entryOf(r: ReportResult): { client: string; name: string } | null {
  if (r.check !== 'tray-servers') return null;
  if (entries.has(r)) return entries.get(r)!;
  const e = parseEntry(r);
  entries.set(r, e);
  return e;
}

function parseEntry(r: ReportResult): { client: string; name: string } | null {
  const m = /^([^ ]+) › (.+)$/.exec(r.subject);
  if (!m || r.subject === 'all clients') return null;
  // a blocked file is `client › ~/path` with details.file: not an entry
  if (r.status === 'skip' && r.details?.blockedBy) return null;
  return { client: m[1]!, name: m[2]! };
}

/** The entries (client › name in file) that use a server, from its reachability row (details.usedBy). */
export function usersOf(results: readonly ReportResult[], origin: string): { client: ClientId | null; name?: string; file?: string }[] {
  const reach = results.find((r) => r.check === 'reachability' && r.subject === origin);
  const labels = Array.isArray(reach?.details?.usedBy) ? (reach!.details!.usedBy as unknown[]).filter((x): x is string => typeof x === 'string') : [];
  return labels.map((l) => {
    const m = /^([^ ]+) › (.+) \((.+)\)$/.exec(l);
    if (!m) return { client: null };
    return { client: isClientId(m[1]) ? m[1] : null, name: m[2], file: m[3] };
  });
}

/** The tray-servers row of an entry (client, name, file). */
export function entryRow(results: readonly ReportResult[], u: { client: ClientId | null; name?: string; file?: string }): ReportResult | undefined {
  return results.find((r) => r.check === 'tray-servers' && r.subject === `${u.client} › ${u.name}` && r.details?.file === u.file);
}

