// Every token this process reads is registered here; every byte written to stdout/stderr is
// scrubbed against the registry (and against credential-shaped patterns) on its way out.
import { redactText, redactDeep } from './redact.js';

const known = new Set<string>();

/** Register a secret the moment it is read (config token, --token, env, prompt). */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value === 'string' && value.length >= 4) known.add(value);
}

export function knownSecrets(): string[] {
  return [...known];
}

export function scrub(text: string): string {
  return redactText(text, [...known]);
}

export function scrubDeep<T>(value: T): T {
  return redactDeep(value, [...known]);
}
