// "Copy as Python": the view as EXtra-data / EXtra-geom code that parses as Python.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { byId, byIndex } from '../../src/core/index';
import { copyAsPython, type PythonView } from '../../src/core/analysis/copyAsPython';

const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'pass']).status === 0);

function parsesAsPython(code: string): void {
  if (!python) return void console.warn('skipped: no python3 to parse the generated code');
  const res = spawnSync(python, ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: code, encoding: 'utf8' });
  expect(res.stderr).toBe('');
}

describe('copyAsPython', () => {
  it('writes the run, selection and trains', () => {
    const code = copyAsPython({
      runPath: "/gpfs/exfel/exp/SA1/201830/p900025/raw/r0150",
      selection: [['SA1_XTD2_XGM/DOOCS/MAIN', 'beamPosition.*'], ["it's:output", '*']],
      trains: byId.slice(10000, 10100, 2),
      series: [['SA1_XTD2_XGM/DOOCS/MAIN', 'beamPosition.ixPos.value']],
    });
    expect(code).toBe(`from extra_data import RunDirectory, by_id, by_index

run = RunDirectory('/gpfs/exfel/exp/SA1/201830/p900025/raw/r0150')
sel = run.select([('SA1_XTD2_XGM/DOOCS/MAIN', 'beamPosition.*'), ('it\\'s:output', '*')])
sel = sel.select_trains(by_id[10000:10100:2])
beamPosition_ixPos = sel.get_series('SA1_XTD2_XGM/DOOCS/MAIN', 'beamPosition.ixPos.value')
`);
    parsesAsPython(code);
  });

  it('writes the detector, pulses, geometry, frame and ROI', () => {
    const view: PythonView = {
      runPath: '/gpfs/exfel/exp/SPB/201830/p900022/raw/r0034',
      trains: byIndex.list([0, 5, 9]),
      detector: { kind: 'AGIPD1M', modules: [0, 1, 2], pulses: byIndex.slice(0, 10) },
      geometry: { from: 'quadPositions', quadPositions: [[-525, 625], [-550, -10], [520, -160], [542.5, 475]] },
      frame: { trainId: 10005, pulseId: 4 },
      roi: { x0: 100, x1: 200, y0: 300, y1: 350, how: 'mean' },
    };
    const code = copyAsPython(view);
    expect(code).toContain('from extra_data.components import AGIPD1M\nfrom extra_geom import AGIPD_1MGeometry\nimport numpy as np');
    expect(code).toContain('sel = sel.select_trains(by_index[[0, 5, 9]])');
    expect(code).toContain("det = AGIPD1M(sel, modules=[0, 1, 2])\narr = det.get_array('image.data', pulses=by_index[0:10])");
    expect(code).toContain('geom = AGIPD_1MGeometry.from_quad_positions(quad_pos=[(-525, 625), (-550, -10), (520, -160), (542.5, 475)])');
    expect(code).toContain('image, centre = geom.position_modules(arr.sel(train=10005, pulse=4).values)');
    expect(code).toContain('roi_per_pulse = np.nanmean(images[..., 300:350, 100:200], axis=(-2, -1))');
    parsesAsPython(code);
    const mean = copyAsPython({ ...view, frame: undefined, roi: undefined, trainMean: { pulse: 3 } });
    expect(mean).toContain("mean_per_pulse = arr.mean(dim='train')  # (module, pulse, ...)\nimage, centre = geom.position_modules(mean_per_pulse.isel(pulse=3).values)");
    expect(copyAsPython({ ...view, trainMean: { pulse: null } })).toContain("geom.position_modules(mean_per_pulse.mean(dim='pulse').values)");
    parsesAsPython(mean);
    const lpd = copyAsPython({ ...view, detector: { kind: 'LPD1M' }, geometry: { from: 'quadPositions', quadPositions: [[11.4, 299]], h5File: 'lpd_mar_18.h5' } });
    expect(lpd).toContain("geom = LPD_1MGeometry.from_h5_file_and_quad_positions('lpd_mar_18.h5', [(11.4, 299)])");
    parsesAsPython(lpd);
  });

  it('writes digitizer channels summed over trains, aligned on the trains both have', () => {
    const src = 'SA3_XTD10_PES/ADC/1:network';
    const channels = [[src, 'digitizers.channel_1_A.raw.samples'], [src, 'digitizers.channel_1_B.raw.samples']] as const;
    const code = copyAsPython({ runPath: '/r', selection: channels, trains: byId.slice(10000, 10010), waveform: { channels, how: 'mean' } });
    expect(code).toContain('import xarray as xr');
    expect(code).toContain("channel_1_A = sel.get_array('SA3_XTD10_PES/ADC/1:network', 'digitizers.channel_1_A.raw.samples')  # (trainId, sample)");
    expect(code).toContain("channel_1_A, channel_1_B = xr.align(channel_1_A, channel_1_B, join='inner')");
    expect(code).toContain("channel_1_B_mean = channel_1_B.mean(dim='trainId')");
    parsesAsPython(code);
  });
});
