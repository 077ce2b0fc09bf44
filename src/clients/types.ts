// What a client is, declaratively. One file per client (src/clients/<id>.ts) fills in a ClientSpec;
// everything else — the config schemas, the shape judgement, inferring a client from a file,
// setup's writer, the log finder and the docs' location table — is derived from these specs.
// A spec holds facts only; every fact is checked against the client's own docs or source, which
// the spec lists in `sources`.
import type { Platform } from '../lib/environment.js';

/** Where a fact came from: the client's own docs or source (or a thread quoting it). */
export interface Source {
  /** what the source establishes, in a few words */
  what: string;
  url: string;
}

/**
 * `user`: the user's own file; `project`: a file in the project folder (shared through version
 * control); `local`: per-project but private to the user (Claude Code's projects[dir] in ~/.claude.json).
 */
export type Scope = 'user' | 'project' | 'local';

export type ConfigFormat = 'json' | 'jsonc' | 'toml' | 'yaml';

export interface ConfigLocation {
  /**
   * Path template per platform (see resolveTemplate: ~, %APPDATA%, %LOCALAPPDATA%, %USERPROFILE%, ./ = cwd); a
   * platform left out has no such file. The last segment may be a `*`-glob: a folder of block files, each
   * read as one file (Continue's ./.continue/mcpServers/*.yaml).
   */
  paths: Partial<Record<Platform, string>>;
  scope: Scope;
  /**
   * The product docs name this file but the client does not read it. It is still read:
   * a Tray entry found only here is a finding (config-wrong-location), not a pass.
   */
  stale?: boolean;
  /** why this location exists / what reads it (shown in --verbose and docs) */
  note?: string;
  /** setup writes the user-scope entry here */
  setupTarget?: boolean;
  /** this file is also the client's own state file and may be large (Claude Code's ~/.claude.json) */
  large?: boolean;
}

export type Transport = 'streamable-http' | 'sse';

/** One way the client accepts a remote (URL) server entry. */
export interface RemoteForm {
  /** the key holding the server URL (Goose: uri) */
  urlKey: 'url' | 'serverUrl' | 'httpUrl' | 'uri';
  /**
   * The value of `type` that selects this form: a string, `null` for "no type key", or undefined
   * when the client does not look at `type` for this form (any value, or none).
   */
  type?: string | null;
  transport: Transport;
  /** accepted, but old: a warning (e.g. legacy SSE) */
  legacy?: boolean;
}

export interface RemoteSpec {
  /** accepted forms; the first is what setup writes */
  forms: readonly RemoteForm[];
  /** where extra HTTP headers go; a dotted key is nested (Continue: requestOptions.headers) */
  headersKey: 'headers' | 'http_headers' | 'requestOptions.headers';
  /**
   * A key whose value the client sends as `Authorization: Bearer <value>` (Continue: apiKey). Setup
   * writes the token there instead of an Authorization header; it wins over one in the headers.
   */
  tokenKey?: string;
  /** a key naming an environment variable that holds the bearer token (Codex: bearer_token_env_var) */
  bearerEnvKey?: string;
  /** `type` values the client knows at all (stdio included), for messages and the schema */
  knownTypes?: readonly string[];
  /** an entry with a URL but no `type`, when no form accepts that: how bad (default fail) */
  missingType?: 'fail' | 'warn';
  /** extra words for why a missing type matters (e.g. "Cline then uses the legacy SSE transport") */
  missingTypeWhy?: string;
}

/** How the client runs a local (command) server. */
export interface CommandSpec {
  /** the key of the program (Goose: cmd); Zed's old form nests { path, args, env } under it */
  commandKey: 'command' | 'cmd';
  /** the key of the argument list; undefined when `argv` holds the arguments too */
  argsKey?: 'args';
  /** the command is one list: the program, then its arguments (OpenCode: "command": ["npx", "-y", …]) */
  argv?: boolean;
  /** the key of the environment block (OpenCode: environment, Goose: envs) */
  envKey: 'env' | 'environment' | 'envs';
  /** `type` value of a command entry, where the client has one */
  type?: string;
  /**
   * Whether the client starts the command through a shell on Windows. Without one, `npx` (a .cmd
   * shim) cannot be started and needs `cmd /c npx …`. undefined: not established.
   */
  windowsShell?: boolean;
}

/** A variable syntax the client expands inside its config, and where. */
export type VariableSyntax =
  | '${VAR}' // Claude Code, Gemini CLI
  | '${VAR:-default}' // Claude Code
  | '$VAR' // Gemini CLI
  | '${env:VAR}' // VS Code, Cursor, Windsurf, Cline?
  | '${input:ID}' // VS Code: asked at start-up
  | '{env:VAR}' // OpenCode, Kilo Code: the variable's value, or "" when it is not set
  | '{file:PATH}' // OpenCode, Kilo Code: a file's contents
  | '${{ secrets.NAME }}'; // Continue: from its .env files (and the process environment for the cn CLI)

export type VariablePlace = 'url' | 'headers' | 'command' | 'args' | 'env';

export interface VariableSpec {
  syntaxes: readonly VariableSyntax[];
  /** where in an entry they are expanded */
  places: readonly VariablePlace[];
}

/** Where the client writes its MCP logs (see src/clients/logs.ts for how they are found). */
export interface LogSpec {
  /** base folders (resolveTemplate syntax) per platform */
  dirs: Partial<Record<Platform, string[]>>;
  /** path patterns below a base folder, one `*`-glob per segment; the last segment matches files */
  patterns: string[][];
  /** the MCP server a file belongs to, when its path names one */
  serverOf?(file: string): string | undefined;
  /**
   * The line in a server's log where the client records the PATH it started the server with: its
   * capture group `paths` holds the folders as a JS/JSON list of quoted strings.
   */
  spawnPathLine?: RegExp;
}

/** How setup writes an entry for this client. */
export interface SetupSpec {
  /** remote: the first remote form with an Authorization header; bridge: npx mcp-remote (Claude Desktop) */
  entry: 'remote' | 'bridge';
  /** a client CLI setup may use instead of editing the file (VS Code: code --add-mcp) */
  cli?: 'code-add-mcp';
  /** the entry also carries its own name under this key (Goose: name) */
  nameKey?: string;
  /** keys setup writes into every entry besides the connection (Goose: enabled, description, timeout; Copilot CLI: tools) */
  extra?: Readonly<Record<string, string | number | boolean | readonly string[]>>;
  /** the top-level keys a new file starts with, when the client requires them (Continue: name, version, schema) */
  newFile?: Readonly<Record<string, string | number | boolean>>;
}

export interface ClientSpec<Id extends string = string> {
  id: Id;
  /** the product's name, as its users say it */
  name: string;
  /** other names users type for it (setup -c, doctor --client) */
  aliases?: readonly string[];
  /**
   * The platforms the client runs on, when not all three (Visual Studio: win32). A platform left out
   * has no locations: setup refuses it (usage), doctor finds nothing there.
   */
  platforms?: readonly Platform[];
  format: ConfigFormat;
  /** the top-level key holding the server map */
  rootKey: string;
  /**
   * The server "map" is a list of items, each named by `nameKey` (Continue: mcpServers: [- name: x]).
   * Items holding `refKey` stand for a block from elsewhere (Continue: uses) and are not entries here.
   */
  serverList?: { nameKey: string; refKey?: string };
  /** keys every entry must have, else the client skips it (Goose: type, name, enabled) */
  requiredKeys?: readonly string[];
  /** `type` values of entries that are neither a command nor a URL (Goose: builtin, platform): not judged */
  otherTypes?: readonly string[];
  /** Claude Code: per-project server maps in the user file (projects[dir].mcpServers) */
  projectMaps?: { key: 'projects'; rootKey: string };
  locations: readonly ConfigLocation[];
  /** when the same server name is in several scopes, the first scope listed wins (Claude Code: local, project, user) */
  precedence?: readonly Scope[];
  /**
   * Project-scope servers need the user's approval before the client loads them. Settings files
   * (resolveTemplate syntax, most specific first) may list names under `enabledKey`/`disabledKey`,
   * or approve them all with `allKey`; the per-project map of the user file may hold the same keys.
   */
  projectApproval?: { files: readonly string[]; enabledKey: string; disabledKey: string; allKey: string };
  /** null: the config file takes no remote entries at all (Claude Desktop) */
  remote: RemoteSpec | null;
  /** why remote entries are refused, in the client's terms (when remote is null) */
  remoteRefused?: string;
  command: CommandSpec;
  variables: VariableSpec;
  /**
   * The PATH the client gives a command server where it is not the user's own shell PATH: folders
   * in order (resolveTemplate syntax, or absolute); a `*` segment stands for every match, in lexical
   * order, as the client lists them. Absent: the server inherits the shell's PATH.
   */
  spawnPath?: Partial<Record<Platform, readonly string[]>>;
  /** per-entry switch-off key, if any (`disabled: true`, or `enabled: false`) */
  disabledKey?: { key: 'disabled'; off: true } | { key: 'enabled'; off: false };
  /** null: the client keeps no MCP log file we could establish (say why in a comment) */
  logs: LogSpec | null;
  /** how to make the client pick up a changed config; per platform where it differs */
  restart: string | Partial<Record<Platform, string>> & { default: string };
  setup: SetupSpec;
  /** documented limits, each with its source */
  limits?: {
    /** the most tools the client uses (from all servers together, as documented) */
    maxTools?: { value: number; source: string };
    /**
     * The longest tool name the client (or the model API behind it) accepts, counted on the name the
     * client makes: with `includesServerName`, `prefix` (`{server}` is the server's name in the
     * config, characters outside `serverNameChars` replaced by `_`) is counted in. `overflow`: what
     * happens to a longer name: the request is refused (every tool call fails), or the client
     * shortens the name itself.
     */
    maxToolNameLength?: {
      value: number;
      includesServerName: boolean;
      prefix?: string;
      serverNameChars?: string;
      overflow?: 'refused' | 'shortened';
      source: string;
    };
  };
  /**
   * The MCP protocol revisions the client negotiates with a remote server, newest first (for a
   * command entry: what the bridge it runs speaks), with the source; null: not established (said in
   * the file). A revision of 2026-07-28 or later means it opens with server/discover (the stateless
   * era); older ones are the 2025-era initialize handshake.
   */
  protocolRevisions: { value: readonly string[]; source: string; note?: string } | null;
  sources: readonly Source[];
}
