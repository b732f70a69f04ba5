// The opening watchdog: fed progress keeps it quiet; silence, or a deadline after Cancel,
// restarts (onStall) and rejects with the message naming the file.
import { describe, expect, it } from 'vitest';
import { stallWatch } from '../../src/app/actions/stallWatch';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('stallWatch', () => {
  it('stays quiet while fed, and gives up after a silence', async () => {
    let stalls = 0;
    const w = stallWatch(80, () => 'a.h5 gave no answer', () => stalls++);
    for (let i = 0; i < 5; i++) {
      await sleep(40);
      w.feed();
    }
    expect(stalls).toBe(0);
    await expect(w.stalled).rejects.toThrow('a.h5 gave no answer');
    expect(stalls).toBe(1);
  });

  it('gives up at a deadline however it is fed, and never after stop()', async () => {
    let stalls = 0;
    const w = stallWatch(1000, () => 'silent', () => stalls++);
    w.giveUpIn(60, () => Object.assign(new Error('stopped inside b.h5'), { name: 'AbortError' }));
    const feeding = setInterval(() => w.feed(), 10);
    await expect(w.stalled).rejects.toMatchObject({ name: 'AbortError', message: 'stopped inside b.h5' });
    clearInterval(feeding);
    expect(stalls).toBe(1);

    const quiet = stallWatch(30, () => 'never', () => stalls++);
    quiet.stop();
    await sleep(60);
    expect(stalls).toBe(1);
  });
});
