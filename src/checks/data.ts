// Data that checks hand to their dependants (through ctx.need(id).data). Never rendered.
import type { ClientId } from '../clients/catalog.js';
import type { Scope } from '../clients/types.js';
import type { JsonPath } from '../config/document.js';
import type { ReadFailure } from '../lib/read-config.js';

/** One (client, location) pair: the same path may appear for several clients. */
export interface ConfigFileRef {
  client: ClientId;
  /** real path on this host */
  path: string;
  /** path as shown to the user (home as ~) */
  display: string;
  scope: Scope;
  /** the product docs name it, but the client does not read it */
  stale: boolean;
  note?: string;
  /** given with --config */
  explicit: boolean;
  /** what is at the path */
  kind: 'file' | 'missing' | 'directory' | 'other' | 'unreadable';
  size?: number;
  /** POSIX mode bits when known */
  mode?: number;
  /** how `client` was decided: the catalog location, --client, the file's name, its content
   *  (config-json infers it from the shape), or a default when nothing told (see docs/checks.md) */
  clientFrom?: 'catalog' | 'flag' | 'file-name' | 'shape' | 'default';
  /** errno code when kind is 'unreadable' */
  error?: string;
}

/** config-files data */
export interface ConfigFilesData {
  refs: ConfigFileRef[];
}

export interface ParsedConfig {
  ref: ConfigFileRef;
  /**
   * the parsed document (JSON, JSONC, TOML or YAML, as its client reads it); with `partial`, only the
   * parts doctor's checks read (keepFor in config-json.ts): what reads more must add it there
   */
  doc: unknown;
  /** a large JSON file read in pieces: `doc` holds only what keepFor keeps */
  partial?: boolean;
  /** with `partial`: the file's bytes as read (the report's bundle redacts them, rather than read the large file twice) */
  bytes?: Buffer;
  /** 1-based lines of properties by JSON path, from the text config-json read (no second read) */
  linesOf?(paths: readonly JsonPath[]): (number | undefined)[];
}

/** config-json data: the files that parsed (one per ref that exists and parses) */
export interface ConfigJsonData {
  parsed: ParsedConfig[];
  /** refs whose file exists but did not parse (or could not be read), with the one-line reason */
  unparsed?: { ref: ConfigFileRef; reason: string; /** why the file could not be read as text, when that is why (remove names it) */ failure?: ReadFailure }[];
}

/** config-schema data: refs whose structure is acceptable to their client */
export interface ConfigSchemaData {
  valid: ParsedConfig[];
  /** parsed refs whose structure the client would reject, with the problems as sentences */
  invalid?: { parsed: ParsedConfig; problems: string[] }[];
}

/** An Agent Gateway entry found in a config (tray-servers data). */
export interface TrayServerEntry {
  client: ClientId;
  ref: ConfigFileRef;
  /** server name (key in the server map) */
  name: string;
  /** where in the document, e.g. "mcpServers" or "projects[/dir].mcpServers" */
  where: string;
  url: string;
  workspaceId?: string;
  /** resolved token (never rendered), undefined when missing or unresolvable */
  token?: string;
  /** the entry as found would be used by the client (right shape, right file) */
  usable: boolean;
  /** `remote`: a url/serverUrl entry; `command`: a local bridge (npx mcp-remote URL --header …) */
  form?: 'remote' | 'command';
  /** the token is written in the file itself, not read from an environment variable */
  tokenInFile?: boolean;
  /** switched off in its file ("disabled": true, "enabled": false) */
  disabled?: boolean;
  /** Tray's Headless MCP server (OAuth2) rather than the Agent Gateway */
  headless?: boolean;
  /** the transport the client would use */
  transport?: 'streamable-http' | 'sse' | 'stdio';
  /** 1-based line of the entry in its file */
  line?: number;
  /** the entry as written (never rendered: it may hold the token) */
  raw?: Record<string, unknown>;
  /** the entry's path inside the document, e.g. ["mcpServers", "tray"] */
  jsonPath?: (string | number)[];
  /** where it is loaded: user file, project file, or a per-project map of the user file */
  scope?: Scope;
  /** the client loads it as it stands (read location, a form it uses, switched on, not shadowed, approved or pending approval) */
  loaded?: boolean;
  /** tray-servers' verdict on it, and its problems in words (never the token) */
  status?: 'pass' | 'warn' | 'fail' | 'skip';
  problems?: string[];
  /** the stable codes of its findings (details.problems of its row) */
  codes?: string[];
}

export interface TrayServersData {
  entries: TrayServerEntry[];
}

/** node-version data */
export interface NodeVersionData {
  node: { path: string; version: string | null } | null;
  npx: { path: string } | null;
}
