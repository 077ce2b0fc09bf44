// loopTimer counts this process's own running time: a child that answered while the event loop was
// blocked (a 100 MB config being parsed) is not called slow.
import { describe, it, expect } from 'vitest';
import { loopTimer } from '../../src/lib/which.js';

const block = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    /* busy: the event loop cannot run */
  }
};
const turn = () => new Promise<void>((r) => setImmediate(r));

describe('loopTimer', () => {
  it('time the event loop spent blocked does not count towards the bound', async () => {
    let fired = false;
    const t = loopTimer(300, () => (fired = true));
    block(1000);
    await new Promise<void>((r) => setTimeout(r, 0));
    await turn();
    // one late tick counts at most 200 ms of the 300
    expect(fired).toBe(false);
    t.clear();
  });

  it('fires once the bound has passed on a free loop, and clear() stops it', async () => {
    let n = 0;
    await new Promise<void>((resolve) => loopTimer(150, () => (n++, resolve())));
    expect(n).toBe(1);
    let late = false;
    const t = loopTimer(50, () => (late = true));
    t.clear();
    await new Promise<void>((r) => setTimeout(r, 200));
    expect(late).toBe(false);
  });
});
