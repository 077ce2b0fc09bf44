// Helpers the fix kinds share: the entries with a finding, a change to one entry, its label.
import { CLIENTS } from '../../clients/catalog.js';
import type { TrayServerEntry } from '../../checks/data.js';
import { commandOf, withCommand } from '../../gateway/entry.js';
import { changeEntry } from '../entry-edit.js';
import type { FixContext, TextChange } from '../types.js';

/** Entries of the user's files with finding `code` that a fix can address (a path to them is known). */
export function entriesWith(ctx: FixContext, code: string): TrayServerEntry[] {
  return ctx.entries.filter((e) => e.codes?.includes(code) && e.jsonPath && e.ref.kind === 'file');
}

/** `Claude Desktop's "tray" (~/…/claude_desktop_config.json:4)` */
export function label(e: TrayServerEntry): string {
  return `${CLIENTS[e.client].name}'s "${e.name}" (${e.ref.display}${e.line ? `:${e.line}` : ''})`;
}

/** A change to one entry: `change` gets the entry as the file holds it when the fix is applied. */
export function entryChange(e: TrayServerEntry, change: (entry: Record<string, unknown>) => Record<string, unknown>): TextChange {
  return { kind: 'text', file: e.ref.path, display: e.ref.display, client: e.client, edit: (text) => changeEntry(text, e.client, e.jsonPath!, change) };
}

/** A change to a command entry's argv and env (in the client's command shape). */
export function commandChange(e: TrayServerEntry, change: (argv: string[], env: Record<string, unknown>) => { argv: string[]; env?: Record<string, unknown> }): TextChange {
  const spec = CLIENTS[e.client].command;
  return entryChange(e, (entry) => {
    const cmd = commandOf(entry, spec);
    if (!cmd) return entry;
    const next = change([...cmd.argv], { ...(cmd.env ?? {}) });
    return withCommand(entry, spec, next.argv, next.env);
  });
}
