// Detector geometries beside the viewer's API: the docs' defaults or loaded files, kept by
// ID for the Geometry panel, the exact layout and the hover readout (and for assembling
// frames: detectorApi.ts looks them up with geom()).
import { proxyMarker } from 'comlink';
import {
  assembledPixelIndex, AGIPD_1MGeometry, LPD_1MGeometry, DSSC_1MGeometry,
  type DetectorGeometry, type GeometryDrawing,
} from '../core/index';
import { DEFAULT_QUAD_POS, type DetectorType } from './detectors';
import type { GeometryInfo, PixelInfo, TileInfo } from './types';

export class GeometryApi {
  /** Reached as `api().geometry.method()` through comlink, typed as a remote object. */
  readonly [proxyMarker] = true as const;
  private geometries = new Map<number, { type: DetectorType; geom: DetectorGeometry; label: string }>();
  private nextId = 1;

  /** A default geometry for a detector type, from the docs' quadrant positions. */
  default(type: DetectorType): GeometryInfo {
    const quadPos = DEFAULT_QUAD_POS[type];
    const geom = type === 'AGIPD' ? AGIPD_1MGeometry.fromQuadPositions(quadPos)
      : type === 'LPD' ? LPD_1MGeometry.fromQuadPositions(quadPos)
      : DSSC_1MGeometry.fromQuadPositions(quadPos);
    return this.keep(type, geom, `${type} default (docs' quad positions)`);
  }

  /** A CrystFEL `.geom` (AGIPD, LPD) or an LPD/DSSC `.h5` geometry with the default quad positions. */
  async load(file: File, type: DetectorType): Promise<GeometryInfo> {
    let geom: DetectorGeometry;
    if (/\.geom$/i.test(file.name)) {
      const text = await file.text();
      if (type === 'DSSC') throw new Error(`${file.name}: DSSC geometry comes as an .h5 file, not CrystFEL .geom`);
      geom = (type === 'AGIPD' ? AGIPD_1MGeometry : LPD_1MGeometry).fromCrystfelGeom(text, file.name);
    } else if (/\.h5$/i.test(file.name) && type !== 'AGIPD') {
      geom = await (type === 'LPD' ? LPD_1MGeometry : DSSC_1MGeometry).fromH5FileAndQuadPositions(file, DEFAULT_QUAD_POS[type]);
    } else {
      throw new Error(`${file.name}: expected a CrystFEL .geom${type === 'AGIPD' ? '' : ' or an .h5'} geometry for ${type}`);
    }
    return this.keep(type, geom, file.name);
  }

  inspect(geometryId: number, units: 'px' | 'm' = 'px'): GeometryDrawing {
    return this.geom(geometryId).inspect(units);
  }

  compare(geometryId: number, otherId: number, scale = 1): GeometryDrawing {
    return this.geom(geometryId).compare(this.geom(otherId), scale);
  }

  writeCrystfelGeom(geometryId: number): string {
    return this.geom(geometryId).writeCrystfelGeom({});
  }

  /** Every tile's place in its module's data and its true position (metres; x, y only). */
  tiles(geometryId: number): TileInfo[] {
    const geom = this.geom(geometryId);
    const xy = (v: number[]): [number, number] => [v[0], v[1]];
    return geom.modules.flatMap((tiles, module) => tiles.map((t, i) => ({
      module,
      origin: geom.type.tileOrigins[i],
      ssPixels: t.ssPixels,
      fsPixels: t.fsPixels,
      cornerPos: xy(t.cornerPos),
      ssVec: xy(t.ssVec),
      fsVec: xy(t.fsVec),
    })));
  }

  /**
   * The assembled image of each pixel's flat index (module·ss·fs), so the main thread can
   * turn a hovered image pixel into module/ss/fs without asking the worker.
   */
  pixelIndexImage(geometryId: number): { index: Float32Array; shape: [number, number]; moduleShape: [number, number] } {
    const geom = this.geom(geometryId);
    const [, ss, fs] = geom.expectedDataShape;
    // A fresh array (transferred to the page)
    return { ...assembledPixelIndex(geom), moduleShape: [ss, fs] };
  }

  /** Physical position (metres) of a module pixel. */
  pixelPosition(geometryId: number, module: number, ss: number, fs: number): PixelInfo {
    const pos = this.geom(geometryId).dataCoordsToPositions([module], [ss], [fs]);
    return { x: pos.data[0], y: pos.data[1] };
  }

  /** The kept geometry itself, for the worker's own use (a class instance: not for the page). */
  geom(geometryId: number): DetectorGeometry {
    const g = this.geometries.get(geometryId);
    if (!g) throw new Error(`No geometry ${geometryId} (known: ${[...this.geometries.keys()].join(', ') || 'none'})`);
    return g.geom;
  }

  private keep(type: DetectorType, geom: DetectorGeometry, label: string): GeometryInfo {
    const id = this.nextId++;
    this.geometries.set(id, { type, geom, label });
    return { geometryId: id, type, label };
  }
}
