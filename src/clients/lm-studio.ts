// LM Studio (0.3.17+): the app's mcp.json, opened in the app with Program → Install → Edit mcp.json,
// in Cursor's notation (root "mcpServers"; remote { url, headers } with no type; local { command,
// args, env }). LM Studio's release notes put it at ~/.lmstudio/mcp.json (%USERPROFILE%\.lmstudio on
// Windows); users report it at ~/.cache/lm-studio/mcp.json on some installs (LM Studio's older home
// folder; lmstudio-bug-tracker#1371, #1813), so both are read; setup writes the documented one.
// Variables, logs and the Windows shell are not documented.
import type { ClientSpec } from './types.js';

const LMS = 'https://github.com/lmstudio-ai/docs/blob/c6854fba2575bf21e07702ee210e1bed09e7c577';

export const lmStudio = {
  id: 'lm-studio',
  name: 'LM Studio',
  aliases: ['lmstudio'],
  format: 'json',
  rootKey: 'mcpServers',
  locations: [
    { scope: 'user', setupTarget: true, paths: { darwin: '~/.lmstudio/mcp.json', win32: '%USERPROFILE%/.lmstudio/mcp.json', linux: '~/.lmstudio/mcp.json' } },
    {
      scope: 'user',
      note: 'an older LM Studio home folder (issue reports); the app\'s Edit mcp.json shows which file it uses',
      paths: { darwin: '~/.cache/lm-studio/mcp.json', win32: '%USERPROFILE%/.cache/lm-studio/mcp.json', linux: '~/.cache/lm-studio/mcp.json' },
    },
  ],
  remote: {
    forms: [{ urlKey: 'url', transport: 'streamable-http' }],
    headersKey: 'headers',
  },
  command: { commandKey: 'command', argsKey: 'args', envKey: 'env' },
  variables: { syntaxes: [], places: [] },
  // no MCP log file is documented
  logs: null,
  restart: { default: 'Restart LM Studio, or open Program → Install → Edit mcp.json and save it there.' },
  setup: { entry: 'remote' },
  // the MCP protocol revisions it negotiates are not established
  protocolRevisions: null,
  sources: [
    { what: 'protocol: no revision stated in LM Studio\'s MCP docs (unverified, not encoded)', url: `${LMS}/0_app/2_mcp/index.mdx` },
    { what: 'locations: the app\'s mcp.json (Program → Install → Edit mcp.json); entry shapes: Cursor\'s mcp.json notation; remote { url, headers } example', url: `${LMS}/0_app/2_mcp/index.mdx` },
    { what: 'locations: "mcp.json lives in ~/.lmstudio/mcp.json on macOS and Linux, and in %USERPROFILE%/.lmstudio/mcp.json on Windows" (release notes, as quoted in an LM Studio issue)', url: 'https://lmstudio.ai/blog/lmstudio-v0.3.17' },
    { what: 'locations: the file found at ~/.cache/lm-studio/mcp.json on macOS (issue report)', url: 'https://github.com/lmstudio-ai/lmstudio-bug-tracker/issues/1371' },
    { what: 'locations: LM Studio\'s home ~/.lmstudio (%USERPROFILE%\\.lmstudio on Windows)', url: `${LMS}/0_app/3_presets/import.md` },
    { what: 'entry shapes: local and remote servers since 0.3.17', url: `${LMS}/0_app/2_mcp/index.mdx` },
  ],
} as const satisfies ClientSpec<'lm-studio'>;
