// Scrubbing trains: one request in flight, the next for the newest train only.
import { describe, expect, it } from 'vitest';
import { newestOnly } from '../../src/app/actions/newestOnly';

/** Requests answered when the test says so. */
function controlledAsk() {
  const asked: number[] = [];
  const pending: Array<{ value: number; resolve: (r: string) => void; reject: (e: unknown) => void }> = [];
  const ask = (value: number) => new Promise<string>((resolve, reject) => {
    asked.push(value);
    pending.push({ value, resolve, reject });
  });
  const settle = async (ok = true) => {
    const p = pending.shift()!;
    if (ok) p.resolve(`view ${p.value}`);
    else p.reject(new Error(`no train ${p.value}`));
    for (let i = 0; i < 5; i++) await Promise.resolve(); // let then/finally run
  };
  return { asked, pending, ask, settle };
}

describe('newestOnly', () => {
  it('asks at once when idle, and only for the newest value wanted meanwhile', async () => {
    const c = controlledAsk();
    const shown: string[] = [];
    const f = newestOnly(c.ask, (r) => shown.push(r), () => {});
    f.want(1);
    f.want(2);
    f.want(3);
    f.want(4);
    expect(c.asked).toEqual([1]);
    await c.settle();
    expect(shown).toEqual(['view 1']);
    expect(c.asked).toEqual([1, 4]);
    await c.settle();
    expect(shown).toEqual(['view 1', 'view 4']);
    expect(c.pending).toHaveLength(0);
    f.want(5);
    expect(c.asked).toEqual([1, 4, 5]);
  });

  it('reports errors and goes on with the newest value', async () => {
    const c = controlledAsk();
    const shown: string[] = [];
    const errors: string[] = [];
    const f = newestOnly(c.ask, (r) => shown.push(r), (e) => errors.push((e as Error).message));
    f.want(7);
    f.want(8);
    await c.settle(false);
    expect(errors).toEqual(['no train 7']);
    expect(c.asked).toEqual([7, 8]);
    await c.settle();
    expect(shown).toEqual(['view 8']);
  });

  it('delivers nothing and asks nothing more once stopped', async () => {
    const c = controlledAsk();
    const shown: string[] = [];
    const f = newestOnly(c.ask, (r) => shown.push(r), () => {});
    f.want(1);
    f.want(2);
    f.stop();
    await c.settle();
    f.want(3);
    expect(shown).toEqual([]);
    expect(c.asked).toEqual([1]);
  });
});
