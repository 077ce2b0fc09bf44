// docs/clients.md, generated from the client specs (scripts/gen-docs.mjs writes it; a test fails when
// the committed file differs from what this renders). One table of locations, one of entry shapes,
// and each client's sources.
import { CLIENT_IDS, CLIENTS } from './catalog.js';
import type { ClientSpec, ConfigLocation } from './types.js';
import { PLATFORMS } from '../lib/environment.js';

const code = (s: string) => '`' + s.replace(/`/g, "'").replace(/\|/g, '\\|') + '`';
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function where(l: ConfigLocation): string {
  const per = PLATFORMS.map((p) => l.paths[p]);
  const tags = [l.scope, ...(l.setupTarget ? ['setup writes here'] : []), ...(l.stale ? ['not read by the client'] : [])].join(', ');
  const paths = per.every((p) => p === per[0]) ? code(per[0]!) : PLATFORMS.filter((p) => l.paths[p]).map((p) => `${p}: ${code(l.paths[p]!)}`).join('<br>');
  return `${paths} (${tags}${l.note ? `; ${cell(l.note)}` : ''})`;
}

function entryShape(spec: ClientSpec): string {
  if (!spec.remote) return `command only (${cell(spec.remoteRefused ?? '')}); setup writes the \`npx -y mcp-remote URL --header Authorization:\${AUTH_HEADER}\` bridge`;
  const forms = spec.remote.forms.map((f) => {
    const type = typeof f.type === 'string' ? `"type": "${f.type}", ` : f.type === null ? '(no type) ' : '';
    return `${code(`{ ${type}"${f.urlKey}": URL }`)}${f.legacy ? ' (legacy SSE: warning)' : ''}`;
  });
  const auth = spec.remote.bearerEnvKey
    ? `; token in ${code(spec.remote.headersKey)} or an env var named by ${code(spec.remote.bearerEnvKey)}`
    : spec.remote.tokenKey
      ? `; token in ${code(spec.remote.tokenKey)} (sent as \`Authorization: Bearer …\`) or headers in ${code(spec.remote.headersKey)}`
      : `; headers in ${code(spec.remote.headersKey)}`;
  const required = spec.requiredKeys?.length ? `; every entry needs ${spec.requiredKeys.map(code).join(', ')}` : '';
  const extra = spec.setup.extra ? `; setup also writes ${Object.entries(spec.setup.extra).map(([k, v]) => code(`${k}: ${JSON.stringify(v)}`)).join(', ')}` : '';
  const list = spec.serverList ? `; servers are a list of items named by ${code(spec.serverList.nameKey)}` : '';
  return forms.join(', ') + auth + required + extra + list;
}

export function renderClientsDoc(ids: readonly string[] = CLIENT_IDS): string {
  const specs = ids.map((id) => CLIENTS[id as keyof typeof CLIENTS] as ClientSpec);
  const out = [
    '# Clients',
    '',
    '<!-- Generated from src/clients/<id>.ts by `npm run build && node scripts/gen-clients-doc.mjs`. Do not edit: a test fails when it is stale. -->',
    '',
    'Every client tray-mcp knows is one file in `src/clients/`, with the sources each fact was checked against. `~` is the home (or `--home`);',
    '`./` is the folder doctor or setup runs in; `%APPDATA%` and `%USERPROFILE%` are Windows\' folders (under `--home`: `AppData/Roaming` and the home).',
    '',
    '## Where each client reads its MCP servers',
    '',
    '| client | id | format · root key | locations |',
    '| --- | --- | --- | --- |',
  ];
  const only = (s: ClientSpec) => (s.platforms ? ` · runs on ${s.platforms.join(', ')} only` : '');
  for (const s of specs) out.push(`| ${s.name} | ${code(s.id)} | ${s.format.toUpperCase()} · ${code(s.rootKey)}${only(s)}${s.projectMaps ? ` (+ ${code(`${s.projectMaps.key}[dir].${s.projectMaps.rootKey}`)})` : ''} | ${s.locations.map(where).join('<br>')} |`);
  out.push('', '## The entry for a remote server', '', '| client | accepted forms (the first is what setup writes) | variables it expands | Windows: starts commands through a shell |', '| --- | --- | --- | --- |');
  for (const s of specs) {
    const vars = s.variables.syntaxes.length ? `${s.variables.syntaxes.map(code).join(', ')} in ${s.variables.places.join(', ')}` : 'none';
    const shell = s.command.windowsShell === undefined ? 'not established' : s.command.windowsShell ? 'yes' : 'no: `npx` needs `cmd /c`';
    out.push(`| ${s.name} | ${entryShape(s)} | ${vars} | ${shell} |`);
  }
  out.push('', '## Scopes, limits and restarts', '');
  for (const s of specs) {
    const lines: string[] = [];
    if (s.precedence) lines.push(`same-name servers: ${s.precedence.join(' > ')} wins`);
    if (s.projectApproval) lines.push(`project servers need approval: ${code(s.projectApproval.enabledKey)}, ${code(s.projectApproval.disabledKey)}, ${code(s.projectApproval.allKey)} in ${s.projectApproval.files.map(code).join(', ')}`);
    if (s.limits?.maxTools) lines.push(`at most ${s.limits.maxTools.value} tools`);
    const n = s.limits?.maxToolNameLength;
    if (n) {
      const prefix = n.includesServerName ? ` including the prefix${n.prefix ? ` ${code(n.prefix)}` : ''}` : '';
      const over = n.overflow === 'refused' ? ', longer ones are refused' : n.overflow === 'shortened' ? ', longer ones are shortened' : '';
      lines.push(`tool names up to ${n.value} characters${prefix}${over}`);
    }
    lines.push(
      s.protocolRevisions
        ? `MCP revisions: ${s.protocolRevisions.value.join(', ')}${s.protocolRevisions.note ? ` (${s.protocolRevisions.note})` : ''}`
        : 'MCP revisions: not established',
    );
    const restart = typeof s.restart === 'string' ? s.restart : s.restart.default;
    lines.push(`to reload: ${restart}`);
    out.push(`- **${s.name}**: ${lines.map(cell).join('; ')}`);
  }
  out.push('', '## Sources', '');
  for (const s of specs) {
    out.push(`### ${s.name} (\`${s.id}\`)`, '');
    for (const src of s.sources) out.push(`- ${cell(src.what)}: ${src.url}`);
    out.push('');
  }
  return out.join('\n');
}
