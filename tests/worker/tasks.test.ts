// The status bar's tasks: overlapping long work keeps one row each, so one piece of work
// ending (or a late progress report) never clears or relabels another's row or Cancel.
import { beforeEach, describe, expect, it } from 'vitest';
import { startTask } from '../../src/app/actions/tasks';
import { withProgress } from '../../src/app/actions/withProgress';
import { freshView, getState, initialState, setState } from '../../src/app/store/viewerStore';

const rows = () => getState().tasks.map(({ label, done, total, cancelling }) => ({ label, done, total, cancelling }));

describe('status bar tasks', () => {
  beforeEach(() => setState(initialState, true));

  it('an ending task removes only its own row; its late reports change nothing', () => {
    const open = startTask('Opening r0042', () => {});
    const mean = startTask('Mean per pulse', () => {});
    open.update(3, 10);
    mean.update(1, 40);
    open.end();
    open.update(10, 10); // arrives late, on its own channel
    expect(rows()).toEqual([{ label: 'Mean per pulse', done: 1, total: 40, cancelling: undefined }]);
    mean.end();
    expect(getState().tasks).toEqual([]);
  });

  it('Cancel stops that task once, drops its row and its later reports, and leaves the others', () => {
    const stops: string[] = [];
    const a = startTask('A', () => stops.push('A'));
    const b = startTask('B', () => stops.push('B'));
    const cancelA = getState().tasks[0].cancel;
    cancelA();
    cancelA();
    a.update(5, 5);
    expect(stops).toEqual(['A']);
    expect([a.cancelled, b.cancelled]).toEqual([true, false]);
    expect(rows().map((r) => r.label)).toEqual(['B']);
  });

  it('a task that must confirm it stopped stays, marked cancelling, until it ends', () => {
    let stopped = 0;
    const open = startTask('Opening', () => stopped++, { untilEnd: true });
    getState().tasks[0].cancel();
    getState().tasks[0].cancel();
    expect(stopped).toBe(1);
    expect(rows()).toEqual([{ label: 'Opening', done: undefined, total: undefined, cancelling: true }]);
    open.update(2, 3, 'relabelled');
    expect(rows()[0].label).toBe('Opening');
    open.end();
    expect(getState().tasks).toEqual([]);
  });

  it('a newly opened run resets the view but keeps the running tasks and the colormap', () => {
    setState({ colormap: 'magma', roi: { x0: 1, y0: 1, x1: 2, y1: 2 } as never });
    startTask('Validating', () => {});
    freshView({ errors: ['x'] });
    expect(getState()).toMatchObject({ colormap: 'magma', roi: null, errors: ['x'] });
    expect(rows().map((r) => r.label)).toEqual(['Validating']);
  });

  it('withProgress drops a result that arrives after Cancel, and reports no error for it', async () => {
    let finish: (v: string) => void = () => {};
    const pending = withProgress('Mean per pulse', () => new Promise<string>((r) => { finish = r; }), () => {});
    expect(rows().map((r) => r.label)).toEqual(['Mean per pulse']);
    getState().tasks[0].cancel();
    finish('a mean');
    expect(await pending).toBeNull();
    expect(getState()).toMatchObject({ tasks: [], errors: [] });
  });

  it('withProgress gives the result and ends only its own row when another task runs', async () => {
    const other = startTask('Opening', () => {});
    expect(await withProgress('Dark', async () => 42, () => {})).toBe(42);
    expect(rows().map((r) => r.label)).toEqual(['Opening']);
    other.end();
  });
});
