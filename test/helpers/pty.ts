// Drive the built CLI in a real pseudo-terminal (Python's standard `pty` module): wait for each
// prompt, type the answer, return everything drawn on the terminal. Used by the interactive setup and
// report tests.
import { spawn, spawnSync } from 'node:child_process';
import { BIN, ROOT, cleanEnv } from './cli.js';

export const DRIVER = String.raw`
import json, os, pty, select, sys, time, fcntl, termios, struct, signal
cfg = json.loads(sys.stdin.read())
pid, fd = pty.fork()
if pid == 0:
    os.chdir(cfg['cwd'])
    os.execve(cfg['argv'][0], cfg['argv'], cfg['env'])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 200, 0, 0))
buf = b''
alive = True
def pump(timeout):
    global buf, alive
    if not alive: return False
    r, _, _ = select.select([fd], [], [], timeout)
    if not r: return True
    try:
        d = os.read(fd, 65536)
    except OSError:
        d = b''
    if not d:
        alive = False
        return False
    buf += d
    return True
pos = 0
error = None
for step in cfg['steps']:
    want = step['expect'].encode()
    deadline = time.time() + 15
    while buf.find(want, pos) < 0 and time.time() < deadline and pump(0.1):
        pass
    at = buf.find(want, pos)
    if at < 0:
        error = 'never saw %r' % step['expect']
        break
    pos = at + len(want)
    time.sleep(0.1)
    os.write(fd, step['send'].encode())
deadline = time.time() + 15
while time.time() < deadline and pump(0.2):
    pass
done, status = os.waitpid(pid, os.WNOHANG)
if done == 0:
    time.sleep(1)
    done, status = os.waitpid(pid, os.WNOHANG)
    if done == 0:
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        error = error or 'had to be killed'
sys.stdout.write(json.dumps({'screen': buf.decode('utf-8', 'replace'), 'code': os.waitstatus_to_exitcode(status), 'error': error}))
`;

/** Why a pty cannot be driven here, or null when it can. */
export function ptyUnavailable(): string | null {
  if (process.platform === 'win32') return 'no POSIX pseudo-terminals on Windows';
  const r = spawnSync('python3', ['-c', 'import pty, termios, fcntl'], { encoding: 'utf8' });
  if (r.error) return 'python3 is not on the PATH';
  if (r.status !== 0) return "python3's pty module is not available";
  return null;
}

export interface Step {
  expect: string;
  send: string;
}

export interface Screen {
  screen: string;
  /** the screen without terminal control sequences */
  text: string;
  code: number;
  error: string | null;
}

export function typeInto(args: string[], steps: Step[], o: { env?: Record<string, string>; cwd?: string } = {}): Promise<Screen> {
  const cfg = { argv: [process.execPath, BIN, ...args], env: cleanEnv({ TERM: 'xterm-256color', ...o.env }), cwd: o.cwd ?? ROOT, steps };
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', DRIVER], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', () => {
      try {
        const r = JSON.parse(out) as Omit<Screen, 'text'>;
        // eslint-disable-next-line no-control-regex
        resolve({ ...r, text: r.screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '') });
      } catch {
        reject(new Error(`pty driver failed: ${err || out}`));
      }
    });
    child.stdin.end(JSON.stringify(cfg));
  });
}
