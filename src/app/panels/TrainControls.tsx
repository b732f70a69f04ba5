// Train browser: slider by index, number input by train ID, play/pause (←/→: useTrainKeys).
import { useEffect, useState } from 'react';
import { goToTrain, setState, stepTrain, useViewer } from '../store/viewerStore';

const PLAY_INTERVAL_MS = 200;

export function TrainControls() {
  const trainIds = useViewer((s) => s.run?.trainIds ?? []);
  const trainId = useViewer((s) => s.trainId);
  const [playing, setPlaying] = useState(false);
  const index = Math.max(0, trainIds.indexOf(trainId ?? -1));

  useEffect(() => {
    if (!playing) return;
    const t = setInterval(() => {
      const { run, trainId: cur } = useViewer.getState();
      if (run && cur === run.trainIds.at(-1)) setPlaying(false);
      else stepTrain(1);
    }, PLAY_INTERVAL_MS);
    return () => clearInterval(t);
  }, [playing]);

  if (!trainIds.length) return null;
  return (
    <div className="row train-controls">
      <button onClick={() => stepTrain(-1)} title="Previous train (←)">◀</button>
      <input type="range" min={0} max={trainIds.length - 1} value={index} data-testid="train-slider"
        aria-label="Train index" onChange={(e) => setState({ trainId: trainIds[Number(e.target.value)] })} />
      <button onClick={() => stepTrain(1)} title="Next train (→)">▶</button>
      <button onClick={() => setPlaying(!playing)}>{playing ? 'Pause' : 'Play'}</button>
      <label>
        Train ID{' '}
        <TrainIdInput trainId={trainId} />
      </label>
      <span className="muted">index {index} of {trainIds.length}</span>
      <span className="muted">current: <span data-testid="train-id">{trainId}</span></span>
    </div>
  );
}

/** Typed train IDs apply on Enter or blur, snapping to the nearest train in the run. */
function TrainIdInput({ trainId }: { trainId: number | null }) {
  const [text, setText] = useState(String(trainId ?? ''));
  useEffect(() => setText(String(trainId ?? '')), [trainId]);
  const apply = () => {
    const v = Number(text);
    if (Number.isFinite(v)) goToTrain(v);
  };
  return (
    <input type="number" value={text} style={{ width: 130 }} data-testid="train-id-input"
      onChange={(e) => setText(e.target.value)} onBlur={apply} onKeyDown={(e) => e.key === 'Enter' && apply()} />
  );
}

/** ←/→ step through trains anywhere on the page, except while typing in a field. */
export function useTrainKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input[type=text], input[type=number], select, textarea')) return;
      if (e.key === 'ArrowRight') stepTrain(1);
      else if (e.key === 'ArrowLeft') stepTrain(-1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
