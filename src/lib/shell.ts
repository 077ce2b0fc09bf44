// Quoting for shell commands shown to the user in messages (never executed by us).

/** Quote a displayed path for a POSIX shell. A leading `~/` stays outside the quotes so the shell expands it. */
export const shq = (p: string): string => {
  if (/^[\w@%+=:,./~-]+$/.test(p)) return p;
  if (p.startsWith('~/') || p.startsWith('~\\')) return `~/${shq(p.slice(2))}`;
  return `'${p.replace(/'/g, `'\\''`)}'`;
};
