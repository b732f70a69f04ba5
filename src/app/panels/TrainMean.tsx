// "Mean over trains" in the Detector panel (docs 3.19): the per-pulse mean over a train
// range, computed on the worker pool (progress, cancel), then shown one pulse at a time or
// over all pulses, like a frame; minus the dark when one is subtracted.
import { useEffect, useRef, useState } from 'react';
import { api } from '../../worker/client';
import type { FrameResult, GeometryInfo, TrainMeanInfo } from '../../worker/api';
import { reportError, setState } from '../store/viewerStore';
import { withProgress } from '../actions/withProgress';

export interface TrainMean {
  info: (TrainMeanInfo & { step: number }) | null;
  /** Position in info.pulses, or null: all pulses. */
  pulse: number | null;
  image: (FrameResult & { key: string }) | null;
  /** What the view should show now: the image is current once its key equals this. */
  wantedKey: string;
  compute(trainIds: number[], step: number): Promise<void>;
  showPulse(pulse: number | null): void;
  close(): void;
}

export function useTrainMean(runId: number | undefined, detector: string | undefined, geometry: GeometryInfo | null, plane: 'data' | 'gain', applyMask: boolean): TrainMean {
  const [info, setInfo] = useState<(TrainMeanInfo & { step: number }) | null>(null);
  const [pulse, setPulse] = useState<number | null>(null);
  const [image, setImage] = useState<(FrameResult & { key: string }) | null>(null);
  const wantedKey = `mean/${geometry?.geometryId}/${pulse ?? 'all'}/${plane}/${info?.trainIds.length}`;
  // The run and detector shown now: a mean that ends after they changed is not theirs.
  const shownNow = useRef('');
  shownNow.current = `${runId}/${detector}`;

  useEffect(() => {
    setInfo(null);
    setImage(null);
  }, [runId, detector]);
  // Mirrored in the store for Copy as Python
  useEffect(() => {
    setState({ trainMean: info ? { first: info.trainIds[0], last: info.trainIds.at(-1)!, step: info.step, pulse } : null });
  }, [info, pulse]);
  useEffect(() => {
    if (!info || runId === undefined || !detector || !geometry) return;
    let live = true;
    api().detector.meanImage(runId, { detector, geometryId: geometry.geometryId, pulse, plane })
      .then((f) => live && setImage({ ...f, key: wantedKey }))
      .catch((e) => live && reportError(e));
    return () => { live = false; };
    // `geometry` is replaced (a new object) when the dark changes: the image is fetched again.
  }, [info, pulse, plane, geometry]);

  const compute = async (trainIds: number[], step: number) => {
    if (runId === undefined || !detector) return;
    const computed = await withProgress(`Mean per pulse of ${detector} over ${trainIds.length} trains`,
      (onProgress) => api().detector.trainMean(runId, { detector, trainIds, pulses: step > 1 ? { step } : undefined, applyMask }, onProgress),
      () => void api().detector.cancel());
    if (computed && shownNow.current === `${runId}/${detector}`) {
      setPulse(null);
      setInfo({ ...computed, step });
    }
  };
  return {
    info, pulse, image: info ? image : null, wantedKey, compute,
    showPulse: setPulse,
    close: () => {
      setInfo(null);
      setImage(null);
    },
  };
}

/** The train range and pulse step to average, or, once computed, which pulse of the mean to show. */
export function TrainMeanControls({ trainIds, mean }: { trainIds: number[]; mean: TrainMean }) {
  const [from, setFrom] = useState(trainIds[0]);
  const [to, setTo] = useState(trainIds.at(-1)!);
  const [step, setStep] = useState(1);
  const { info } = mean;
  if (info) {
    const total = info.frames.reduce((a, b) => a + b, 0);
    return (
      <div data-testid="mean-view">
        <div><b data-testid="mean-status">Mean of {info.trainIds.length} trains ({info.trainIds[0]}–{info.trainIds.at(-1)}), {info.pulses.length} pulses{info.masked ? ', masked pixels left out' : ''}</b></div>
        <label>Show
          <select value={mean.pulse ?? ''} data-testid="mean-pulse" onChange={(e) => mean.showPulse(e.target.value === '' ? null : Number(e.target.value))}>
            <option value="">all pulses ({total} frames)</option>
            {info.pulses.map((id, i) => <option key={id} value={i}>pulse ID {id} ({info.frames[i]} frames)</option>)}
          </select>
        </label>
        <input type="range" min={-1} max={info.pulses.length - 1} value={mean.pulse ?? -1} aria-label="Mean pulse"
          onChange={(e) => mean.showPulse(Number(e.target.value) < 0 ? null : Number(e.target.value))} />
        <button data-testid="mean-back" onClick={mean.close}>Back to single frames</button>
      </div>
    );
  }
  const picked = trainIds.filter((t) => t >= from && t <= to);
  return (
    <label>Mean per pulse over trains
      <span className="row">
        <input type="number" value={from} style={{ width: 125 }} data-testid="mean-from" aria-label="Mean from train ID" onChange={(e) => setFrom(Number(e.target.value))} />–
        <input type="number" value={to} style={{ width: 125 }} data-testid="mean-to" aria-label="Mean to train ID" onChange={(e) => setTo(Number(e.target.value))} />
      </span>
      <span className="row">every
        <input type="number" min={1} value={step} style={{ width: 60 }} data-testid="mean-step" aria-label="Pulse step" onChange={(e) => setStep(Math.max(1, Math.floor(Number(e.target.value)) || 1))} />
        pulse ({picked.length} trains)
        <button data-testid="mean-compute" disabled={!picked.length} onClick={() => void mean.compute(picked, step)}>Compute</button>
      </span>
    </label>
  );
}
