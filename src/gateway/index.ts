// The Agent Gateway's rules, in one place (docs/architecture.md): URLs, tokens, entries.
export * from './url.js';
export * from './token.js';
export * from './entry.js';
