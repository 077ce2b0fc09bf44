// Standard output and error, written without Node's streams where that is safe. On POSIX a pipe or
// a file (what a script, CI or the bench reads) is written with writeSync: process.stdout and
// process.stderr would first set up two streams, and load Node's stream and net modules, ~5 ms of a
// 40 ms Node start, for a few KB. Writes are then synchronous, so nothing is lost at process.exit.
// A terminal (its width, ora's spinner), /dev/null (a character device too) and every handle on
// Windows (its console wants UTF-16) get the stream as before, and so does a pipe that cannot take
// a write whole right now (EAGAIN, a non-blocking pipe): from then on that descriptor is written
// through its stream only, so the order of what was written stays. Light: node:fs only.
import { fstatSync, writeSync } from 'node:fs';

type Fd = 1 | 2;

/** Per descriptor: written with writeSync (true), or through its stream (false); undefined: not decided yet. */
const direct: { [fd in Fd]?: boolean } = {};
/** The descriptors whose stream was set up here (their 'error' handled, their flush awaited). */
const streams = new Set<Fd>();

function isDirect(fd: Fd): boolean {
  let d = direct[fd];
  if (d === undefined) {
    d = false;
    if (process.platform !== 'win32') {
      try {
        d = !fstatSync(fd).isCharacterDevice();
      } catch {
        // not open: the stream says what it says
      }
    }
    direct[fd] = d;
  }
  return d;
}

/** Descriptors whose reader is gone (EPIPE on a direct write): what is still written to them is dropped. */
const gone = new Set<Fd>();

/**
 * A write error. A closed pipe (`tray-mcp doctor | head`) is quiet: a direct write's run goes on
 * writing nothing there and ends with its own exit code; a stream's ends at once with the code set so
 * far. Anything else on stdout: one line, exit 1. On stderr: chatter lost, the data and code stand.
 */
function failed(fd: Fd, e: NodeJS.ErrnoException | undefined, wasDirect: boolean): void {
  if (fd === 2) return;
  if (e?.code === 'EPIPE') {
    if (wasDirect) gone.add(fd);
    else process.exit(process.exitCode ?? 0);
    return;
  }
  writeStd(2, `tray-mcp: cannot write to standard output (${e?.code ?? 'unknown'})\n`);
  process.exit(1);
}

const rawStream = (fd: Fd): NodeJS.WriteStream => (fd === 1 ? process.stdout : process.stderr);

function streamOf(fd: Fd): NodeJS.WriteStream {
  const s = rawStream(fd);
  if (!streams.has(fd)) {
    streams.add(fd);
    s.on('error', (e: NodeJS.ErrnoException) => failed(fd, e, false));
  }
  return s;
}

/** Write `text` to stdout (1) or stderr (2) as it is (callers scrub and escape). */
export function writeStd(fd: Fd, text: string): void {
  if (gone.has(fd)) return;
  if (isDirect(fd)) {
    const buf = Buffer.from(text, 'utf8');
    let off = 0;
    try {
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      return;
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code !== 'EAGAIN') return failed(fd, err, true);
      direct[fd] = false;
      streamOf(fd).write(buf.subarray(off));
      return;
    }
  }
  streamOf(fd).write(text);
}

/**
 * What layout and colour need to know of stdout (1) or stderr (2): a pipe or a file is no terminal,
 * told without setting up its stream; otherwise the stream (isTTY, columns).
 */
export function terminalOf(fd: Fd): { isTTY?: boolean; columns?: number } {
  return isDirect(fd) ? { isTTY: false } : streamOf(fd);
}

/** Resolve once what went through a stream has flushed (writeSync needs no flush). */
export async function flushStd(): Promise<void> {
  await Promise.all(
    [...streams].map((fd) => {
      const stream = rawStream(fd);
      return new Promise<void>((resolve) => {
        // a write that failed at once (ENOSPC on /dev/full) destroys the stream and says so only on
        // the next tick: said here, before the caller exits
        const errored = (stream as { errored?: NodeJS.ErrnoException | null }).errored;
        if (errored) failed(fd, errored, false);
        if (stream.writableLength === 0 || stream.destroyed) resolve();
        else {
          stream.once('drain', () => resolve());
          stream.once('error', () => resolve());
        }
      });
    }),
  );
}
