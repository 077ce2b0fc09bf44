// What setup knows of a config file it is about to edit, and why it may refuse to (shared by the JSON and TOML editors).

/** The existing file cannot be edited safely: setup leaves it untouched. */
export class ConfigUnusableError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'ConfigUnusableError';
  }
}

/** Where things sit in the text (offsets into the text without its BOM). */
export interface Layout {
  /** the offsets are bytes of the file after its BOM, not characters of its text (parseConfigBytes) */
  bytes?: true;
  /** the server map's value (`{ … }` under the root key), when the file has one */
  map?: { start: number; end: number };
  /** end of the last top-level property's value, when the root object has one */
  lastValueEnd?: number;
  /** the whitespace that starts the line of the last top-level property, when nothing else precedes it there */
  lastIndent?: string;
}

export interface ParsedText {
  /** the file held only whitespace */
  empty: boolean;
  /** the client's server map as parsed; {} when the file has none */
  servers: Record<string, unknown>;
  layout: Layout;
}

