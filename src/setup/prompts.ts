// Questions on a terminal, with node:readline. Everything the prompter shows goes to stderr
// (stdout stays for data). A hidden question mutes readline's echo while the answer is typed: the
// characters typed are never drawn, not even as asterisks.
import { createInterface, type Interface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { scrub } from '../lib/secrets.js';

/** The user pressed Ctrl-C or closed the input (Ctrl-D) at a prompt. */
export class PromptCancelled extends Error {
  constructor(readonly why: 'interrupt' | 'end') {
    super(why === 'interrupt' ? 'interrupted' : 'input closed');
    this.name = 'PromptCancelled';
  }
}

export interface Prompter {
  /** ask and return the answer as typed (not trimmed) */
  ask(question: string): Promise<string>;
  /** ask without showing what is typed */
  askHidden(question: string): Promise<string>;
  /** a line of chatter */
  say(line: string): void;
  close(): void;
}

type Out = NodeJS.WritableStream & { columns?: number; isTTY?: boolean };

export function terminalPrompter(input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin, output: Out = process.stderr): Prompter {
  let muted = false;
  const sink = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      if (!muted) output.write(chunk);
      cb();
    },
  }) as Writable & { columns?: number; isTTY?: boolean };
  Object.defineProperty(sink, 'columns', { get: () => output.columns ?? 80 });
  sink.isTTY = Boolean(output.isTTY);

  const rl: Interface = createInterface({ input, output: sink, terminal: Boolean(input.isTTY), historySize: 0 });
  let pending: AbortController | null = null;
  let ended: PromptCancelled | null = null;
  let closedByUs = false;
  rl.on('SIGINT', () => {
    ended = new PromptCancelled('interrupt');
    pending?.abort(ended);
  });
  rl.on('close', () => {
    if (!closedByUs && !ended) ended = new PromptCancelled('end');
    if (ended) pending?.abort(ended);
  });

  const question = async (q: string, hidden: boolean): Promise<string> => {
    if (ended) throw ended;
    pending = new AbortController();
    try {
      if (hidden) {
        output.write(q);
        muted = true;
        return await rl.question('', { signal: pending.signal });
      }
      return await rl.question(q, { signal: pending.signal });
    } catch (e) {
      throw ended ?? e;
    } finally {
      pending = null;
      if (hidden) {
        muted = false;
        output.write('\n');
      }
    }
  };

  return {
    ask: (q) => question(q, false),
    askHidden: (q) => question(q, true),
    say: (line) => {
      output.write(scrub(line.endsWith('\n') ? line : line + '\n'));
    },
    close: () => {
      closedByUs = true;
      rl.close();
    },
  };
}
