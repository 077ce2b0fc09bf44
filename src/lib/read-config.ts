// Read a config file as text, defensively: stat first, read at most a cap, never block on a FIFO,
// and tell apart the ways a "config file" can fail to be text (empty, binary, UTF-16, bad UTF-8).
// Reads only; never writes.
import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';

/** Config files are a few KB; anything past this is not one. */
export const MAX_CONFIG_BYTES = 5 * 1024 * 1024;
/** Claude Code keeps its history in ~/.claude.json, which grows to tens of MB: its cap. */
export const LARGE_CONFIG_MAX_BYTES = 128 * 1024 * 1024;

/** The size cap of a config file at `file` (larger for ~/.claude.json). */
export function configCapFor(file: string): number {
  return path.basename(file) === '.claude.json' ? LARGE_CONFIG_MAX_BYTES : MAX_CONFIG_BYTES;
}

/** O_NONBLOCK: opening a FIFO for reading must not wait for a writer. */
const READ_FLAGS = process.platform === 'win32' ? constants.O_RDONLY : constants.O_RDONLY | constants.O_NONBLOCK;

export type BytesResult =
  | { ok: true; bytes: Buffer; size: number }
  | { ok: false; reason: 'missing' | 'directory'; code?: string }
  | { ok: false; reason: 'not-a-file'; kind: string }
  | { ok: false; reason: 'unreadable'; code: string }
  | { ok: false; reason: 'too-large'; size: number; limit: number };

function kindOfStats(st: import('node:fs').Stats): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The bytes of a regular file, synchronously, the way doctor reads configs: opened without
 * blocking, checked to be a regular file (never a FIFO, /dev/zero or /dev/urandom), read up to
 * `maxBytes` (+1 to see that it is larger). For setup, which reads under its lock.
 */
export function readRegularFileSync(file: string, maxBytes: number): BytesResult {
  let fd: number;
  try {
    fd = openSync(file, READ_FLAGS);
  } catch (e) {
    const f = openFailure(e as NodeJS.ErrnoException);
    return f.reason === 'unreadable' ? f : { ok: false, reason: f.reason === 'directory' ? 'directory' : 'missing', code: (e as NodeJS.ErrnoException).code };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { ok: false, reason: 'directory' };
    if (!st.isFile()) return { ok: false, reason: 'not-a-file', kind: kindOfStats(st) };
    if (st.size > maxBytes) return { ok: false, reason: 'too-large', size: st.size, limit: maxBytes };
    const buf = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1); // only the bytes read are used
    let length = 0;
    for (;;) {
      const n = readSync(fd, buf, length, buf.length - length, length);
      if (n === 0) break;
      length += n;
      if (length >= buf.length) break;
    }
    if (length > maxBytes) return { ok: false, reason: 'too-large', size: length, limit: maxBytes };
    return { ok: true, bytes: buf.subarray(0, length), size: length };
  } catch (e) {
    return { ok: false, reason: 'unreadable', code: (e as NodeJS.ErrnoException).code ?? 'UNKNOWN' };
  } finally {
    closeSync(fd);
  }
}

export type ReadFailure =
  | { ok: false; reason: 'missing' | 'not-a-file' | 'directory'; code?: string }
  | { ok: false; reason: 'unreadable'; code: string }
  | { ok: false; reason: 'too-large'; size: number; limit: number }
  | { ok: false; reason: 'empty'; size: number }
  | { ok: false; reason: 'binary'; offset: number }
  | { ok: false; reason: 'utf16'; bom: 'utf16le' | 'utf16be' }
  | { ok: false; reason: 'invalid-utf8'; offset: number; /** the byte at `offset` */ byte?: number };

export type ReadResult = { ok: true; text: string; size: number; bom: boolean } | ReadFailure;

/** A file's bytes as read (no text made of them yet), or why there are none. */
export type BytesRead =
  | { ok: true; bytes: Buffer; size: number }
  | { ok: false; reason: 'missing' | 'not-a-file' | 'directory'; code?: string }
  | { ok: false; reason: 'unreadable'; code: string }
  | { ok: false; reason: 'too-large'; size: number; limit: number };

export interface ReadOptions {
  /** refuse files larger than this many bytes (default MAX_CONFIG_BYTES) */
  maxBytes?: number;
}

export async function readConfigText(file: string, o: ReadOptions = {}): Promise<ReadResult> {
  const read = await readConfigBytes(file, o);
  return read.ok ? decode(read.bytes) : read;
}

/**
 * The bytes of a config file, bounded and never blocking (as readConfigText), without decoding
 * them: a large JSON file is read from its bytes (src/config/document.ts), never as one string.
 */
export async function readConfigBytes(file: string, o: ReadOptions = {}): Promise<BytesRead> {
  const limit = o.maxBytes ?? MAX_CONFIG_BYTES;
  let fh;
  try {
    fh = await open(file, READ_FLAGS);
  } catch (e) {
    return openFailure(e as NodeJS.ErrnoException);
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) return { ok: false, reason: 'directory' };
    if (!st.isFile()) return { ok: false, reason: 'not-a-file' };
    if (st.size > limit) return { ok: false, reason: 'too-large', size: st.size, limit };
    // Read at most limit + 1 bytes: the file may have grown since stat. Only the bytes read are
    // ever used (the subarray), so the buffer need not be zeroed first.
    const buf = Buffer.allocUnsafe(Math.min(st.size, limit) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, length, buf.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length >= buf.length) break;
    }
    if (length > limit) return { ok: false, reason: 'too-large', size: length, limit };
    return { ok: true, bytes: buf.subarray(0, length), size: length };
  } catch (e) {
    return openFailure(e as NodeJS.ErrnoException);
  } finally {
    await fh.close().catch(() => undefined);
  }
}

function openFailure(err: NodeJS.ErrnoException): Exclude<BytesRead, { ok: true }> {
  switch (err.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { ok: false, reason: 'missing', code: err.code };
    case 'EISDIR':
      return { ok: false, reason: 'directory', code: err.code };
    default:
      return { ok: false, reason: 'unreadable', code: err.code ?? 'UNKNOWN' };
  }
}

/** What bytes are as a config file's text: its body (without a BOM), or why they are not the UTF-8 text a config file must be. */
export type CheckedBytes = { ok: true; body: Buffer; size: number; bom: boolean } | Extract<ReadFailure, { reason: 'utf16' | 'binary' | 'invalid-utf8' }>;

/**
 * The checks of decode() that need no text: a UTF-16 mark, a NUL byte, bytes that are not UTF-8.
 * (Whether the text is blank is decode's: it trims Unicode spaces.) No copy is made: `body` is a
 * view of `bytes`.
 */
export function checkBytes(bytes: Buffer): CheckedBytes {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: false, reason: 'utf16', bom: 'utf16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: false, reason: 'utf16', bom: 'utf16be' };
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul !== -1) return { ok: false, reason: 'binary', offset: nul + (bom ? 3 : 0) };
  // Validated without a copy (simdutf), then decoded by V8 straight into the string: a fatal
  // TextDecoder says the same but holds a second copy of a large file (~/.claude.json) meanwhile.
  if (!isUtf8(body)) {
    const at = Math.max(0, firstInvalidUtf8(body));
    return { ok: false, reason: 'invalid-utf8', offset: at + (bom ? 3 : 0), byte: body[at] };
  }
  return { ok: true, body, size: bytes.length, bom };
}

/** Bytes → text, or why they are not the UTF-8 text a config file must be. */
export function decode(bytes: Buffer): ReadResult {
  const c = checkBytes(bytes);
  if (!c.ok) return c;
  const text = c.body.toString('utf8');
  if (text.trim() === '') return { ok: false, reason: 'empty', size: bytes.length };
  return { ok: true, text, size: bytes.length, bom: c.bom };
}

/**
 * Offset of the first byte of the first sequence that is not UTF-8, as the platform's decoder
 * (TextDecoder, fatal) reads it; -1 when all of `b` is UTF-8. Pieces of 64 KB go through one
 * streaming decoder (a large file is never decoded whole); the piece it stops in is decoded again,
 * replacing what is not UTF-8 with U+FFFD, and encoded back: the first byte that differs from the
 * file belongs to the first sequence that is not UTF-8, and its character's start is that
 * sequence's start.
 */
export function firstInvalidUtf8(b: Buffer): number {
  const STEP = 64 * 1024;
  const dec = new TextDecoder('utf-8', { fatal: true });
  let at = 0;
  try {
    for (; at < b.length; at += STEP) dec.decode(b.subarray(at, Math.min(b.length, at + STEP)), { stream: true });
    dec.decode(); // a sequence left unfinished at the end
    return -1;
  } catch {
    /* in the piece from `at`, or in a sequence begun just before it */
  }
  // everything before `at` was UTF-8 but for an unfinished last sequence (at most 3 bytes): start at its first byte
  let from = Math.max(0, Math.min(at, b.length) - 3);
  while (from > 0 && (b[from]! & 0xc0) === 0x80) from--;
  const piece = b.subarray(from, Math.min(b.length, at + STEP));
  const back = Buffer.from(piece.toString('utf8'), 'utf8');
  let d = 0;
  while (d < piece.length && piece[d] === back[d]) d++;
  // (back is UTF-8: step back over continuation bytes to the start of the U+FFFD that differs)
  while (d > 0 && (back[d]! & 0xc0) === 0x80) d--;
  return from + d;
}

/**
 * Why bytes that checkBytes refused are not a config file's text, in words that fit after a file's
 * name: "is not valid UTF-8 text (first bad byte 0xE9 at offset 16)".
 */
export function notTextReason(f: Extract<ReadFailure, { reason: 'utf16' | 'binary' | 'invalid-utf8' }>): string {
  switch (f.reason) {
    case 'utf16':
      return `is saved as UTF-16 (byte-order mark ${f.bom === 'utf16le' ? 'FF FE' : 'FE FF'} at offset 0), not UTF-8`;
    case 'binary':
      return `holds a NUL byte at offset ${f.offset}: it is binary, not text`;
    case 'invalid-utf8':
      return `is not valid UTF-8 text (first bad byte${f.byte !== undefined ? ` 0x${f.byte.toString(16).toUpperCase().padStart(2, '0')}` : ''} at offset ${f.offset})`;
  }
}
