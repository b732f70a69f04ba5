// Geometry: inspect() drawn as SVG, compare() with a second geometry, export as .geom.
import { useEffect, useState } from 'react';
import { api } from '../../worker/client';
import type { DetectorType, GeometryDrawing } from '../../worker/api';
import { loadGeometryFile } from '../actions/detector';
import { downloadText } from '../actions/download';
import { reportError, setState, useViewer } from '../store/viewerStore';
import { GeometrySvg } from '../vis/GeometrySvg';
import { GeometryToolbar } from './GeometryToolbar';

export function GeometryPanel() {
  const geometry = useViewer((s) => s.geometry);
  const other = useViewer((s) => s.compareGeometry);
  const [units, setUnits] = useState<'px' | 'm'>('px');
  const [intoBeam, setIntoBeam] = useState(false);
  const [scale, setScale] = useState(1);
  const [drawing, setDrawing] = useState<GeometryDrawing | null>(null);

  useEffect(() => {
    if (!geometry) return setDrawing(null);
    let live = true;
    const ask = other
      ? api().geometry.compare(geometry.geometryId, other.geometryId, scale)
      : api().geometry.inspect(geometry.geometryId, units);
    ask.then((d) => live && setDrawing(d)).catch(reportError);
    return () => { live = false; };
  }, [geometry, other, units, scale]);

  const exportGeom = async () => {
    if (!geometry) return;
    try {
      downloadText(await api().geometry.writeCrystfelGeom(geometry.geometryId), `${geometry.type.toLowerCase()}.geom`);
    } catch (e) {
      reportError(e);
    }
  };

  return (
    <div>
      <DefaultGeometryChooser none={!geometry} />
      <GeometryToolbar />
      <div className="row">
        <label>Axes{' '}
          <select value={units} disabled={!!other} onChange={(e) => setUnits(e.target.value as 'px' | 'm')}>
            <option value="px">pixels</option>
            <option value="m">metres</option>
          </select>
        </label>
        <label>View{' '}
          <select value={intoBeam ? 'into' : 'front'} onChange={(e) => setIntoBeam(e.target.value === 'into')}>
            <option value="front">front view (along the beam)</option>
            <option value="into">looking into the beam</option>
          </select>
        </label>
        <label className="button">Compare with…
          <input className="visually-hidden" type="file" accept=".geom,.h5" data-testid="compare-input" onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void loadGeometryFile(f, true);
          }} />
        </label>
        {other && (
          <>
            <label>Arrow scale <input type="number" value={scale} min={0.1} step={0.5} style={{ width: 60 }}
              onChange={(e) => setScale(Number(e.target.value) || 1)} /></label>
            <button onClick={() => setState({ compareGeometry: null })}>Stop comparing</button>
          </>
        )}
        <button disabled={!geometry} onClick={() => void exportGeom()}>Export .geom</button>
      </div>
      <div className="geometry-view" data-testid="geometry-view" data-tiles={drawing?.tiles.length ?? 0} data-arrows={drawing?.arrows.length ?? 0}>
        {drawing && <GeometrySvg drawing={drawing} lookingIntoBeam={intoBeam} />}
      </div>
    </div>
  );
}

/** Any detector's default geometry (the docs' quad positions), with or without a run open. */
function DefaultGeometryChooser({ none }: { none: boolean }) {
  const pick = async (type: DetectorType) => {
    try {
      setState({ geometry: await api().geometry.default(type) });
    } catch (e) {
      reportError(e);
    }
  };
  return (
    <div className="row">
      <span className="muted">{none ? 'No detector open. Show a default geometry:' : 'Default geometries:'}</span>
      {(['AGIPD', 'LPD', 'DSSC'] as const).map((t) => <button key={t} data-testid={`default-${t}`} onClick={() => void pick(t)}>{t}</button>)}
    </div>
  );
}
