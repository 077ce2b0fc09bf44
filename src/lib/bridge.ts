// What the stdio bridge that command-based clients spawn (npx mcp-remote) needs from the machine.
// One place: node-version checks it, docs and setup quote it.

/** mcp-remote's `engines.node` minimum: older Node fails with `File is not defined`, `TransformStream is not defined`. */
export const BRIDGE_MIN_NODE = '20.18.1';
/** The same as a range (`engines.node`), as messages quote it. */
export const BRIDGE_NODE_RANGE = `>=${BRIDGE_MIN_NODE}`;
export const BRIDGE_PACKAGE = 'mcp-remote';
