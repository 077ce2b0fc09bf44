// The secrets of the current run. A run (one command) starts with resetSecrets(); every token it
// reads is registered here the moment it is read, and every byte written to stdout/stderr is
// scrubbed against it (and against credential-shaped patterns) on its way out.
//
// The registry is one `Secrets` object per run (src/lib/redact.ts). Checks reach it as
// `ctx.secrets`; modules without a context (entries, setup) use the functions below, which act on
// the current run's object.
import { Secrets } from './redact.js';

let current = new Secrets();

/** Start a new run: a fresh, empty registry (returned). */
export function resetSecrets(): Secrets {
  current = new Secrets();
  return current;
}

/** The current run's registry. */
export function currentSecrets(): Secrets {
  return current;
}

/** Register a secret the moment it is read (config token, --token, env, prompt). */
export function registerSecret(value: string | undefined | null): void {
  current.add(value);
}

export function knownSecrets(): string[] {
  return current.list();
}

export function scrub(text: string): string {
  return current.redact(text);
}

export function scrubDeep<T>(value: T): T {
  return current.redactDeep(value);
}
