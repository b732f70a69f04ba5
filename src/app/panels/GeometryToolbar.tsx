// The current geometry and the way to load another (.geom, or LPD/DSSC .h5).
import { loadGeometryFile } from '../actions/detector';
import { useViewer } from '../store/viewerStore';

export function GeometryToolbar() {
  const geometry = useViewer((s) => s.geometry);
  return (
    <div className="geometry-toolbar">
      <span>Geometry: <b data-testid="geometry-label">{geometry?.label ?? 'none'}</b></span>
      <label className="button">
        Load .geom / .h5…
        <input className="visually-hidden" type="file" accept=".geom,.h5" data-testid="geometry-input" onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void loadGeometryFile(f);
        }} />
      </label>
    </div>
  );
}
