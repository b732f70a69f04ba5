// Choosing a detector and its geometry (the default from the docs' quad positions, or a file).
import { api } from '../../worker/client';
import type { DetectorType } from '../../worker/detectors';
import { getState, reportError, setState } from '../store/viewerStore';

export async function chooseDetector(name: string | null): Promise<void> {
  const det = getState().run?.detectors.find((d) => d.name === name);
  setState({ detector: det?.name ?? null, geometry: null, compareGeometry: null });
  if (!det) return;
  try {
    setState({ geometry: await api().geometry.default(det.type) });
  } catch (e) {
    reportError(e);
  }
}

export function currentDetectorType(): DetectorType | null {
  const { run, detector } = getState();
  return run?.detectors.find((d) => d.name === detector)?.type ?? null;
}

/** A `.geom` or geometry `.h5` file for the current detector (AGIPD when no run is open). */
export async function loadGeometryFile(file: File, asComparison = false): Promise<void> {
  try {
    const type = currentDetectorType() ?? guessType(file.name);
    const info = await api().geometry.load(file, type);
    if (asComparison) setState({ compareGeometry: info });
    else setState({ geometry: info });
  } catch (e) {
    reportError(e);
  }
}

function guessType(name: string): DetectorType {
  const upper = name.toUpperCase();
  return upper.includes('LPD') ? 'LPD' : upper.includes('DSSC') ? 'DSSC' : 'AGIPD';
}
