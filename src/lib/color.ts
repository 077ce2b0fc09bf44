// Colour that honours NO_COLOR (https://no-color.org) and FORCE_COLOR, and is off when not a TTY.
import { styleText } from 'node:util';
import { terminalOf } from './stdio.js';

type Style = Parameters<typeof styleText>[0];

export function colorEnabled(stream: { isTTY?: boolean } = terminalOf(1), env = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '' ) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}

export interface Painter {
  enabled: boolean;
  (style: Style, text: string): string;
}

export function painter(enabled: boolean): Painter {
  // validateStream:false — the decision is made once, above, by colorEnabled(); styleText must not second-guess it.
  const p = ((style: Style, text: string) => (enabled ? styleText(style, text, { validateStream: false }) : text)) as Painter;
  p.enabled = enabled;
  return p;
}
