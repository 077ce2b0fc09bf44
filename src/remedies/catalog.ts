// The remedy catalog: every documented problem, as data. doctor results, explain and docs/remedies.md
// all read this one table. Ids are the stable contract (../shared/contract/remedies.md): add, never rename.
// Written in this project's own words; `source` names the documentation section that backs each
// entry, or says it goes beyond the docs.

export const DOCS = {
  connecting:
    'https://tray.ai/documentation/platform/artificial-intelligence/agent-gateway/connecting-to-agent-gateway',
  troubleshooting:
    'https://tray.ai/documentation/platform/artificial-intelligence/agent-gateway/troubleshooting-and-limitations',
} as const;

export type RemedyGroup = 'local' | 'network' | 'tools' | 'user-auth' | 'info';

export interface Remedy {
  id: string;
  group: RemedyGroup;
  title: string;
  cause: string;
  steps: string[];
  docs?: string;
  /** the documentation section backing this remedy, or "beyond the docs: …" */
  source: string;
}

// NOTE: seeded by the scaffold; the explain issue completes every contract id and adds matchers.
export const REMEDIES: readonly Remedy[] = [];

const byId = new Map(REMEDIES.map((r) => [r.id, r] as const));

export function getRemedy(id: string): Remedy | undefined {
  return byId.get(id);
}
