// EuXFEL's HDF5 geometry files (LPD, DSSC): Qq/Mm/Position and
// Qq/Mm/Tnn/Position offsets, in the file's unit (mm by default).
import { HDF5File, type H5Source } from '../h5/h5File';
import { checkQuadPositions, type QuadPositions } from './tile';

/**
 * [module][tile] → (x, y) = quadrant + module offset + tile offset, in the
 * file's unit; and the file's name (for titles).
 */
export async function readTileOffsets(
  src: H5Source,
  quadPos: QuadPositions,
  tilesPerModule: number,
): Promise<{ offsets: Array<Array<[number, number]>>; name: string }> {
  checkQuadPositions(quadPos);
  const f = await HDF5File.open(src);
  try {
    const xy = (path: string): [number, number] => {
      const v = f.read(path).data as ArrayLike<number>;
      if (v.length < 2) throw new Error(`${f.name}: ${path} should hold at least (x, y)`);
      return [Number(v[0]), Number(v[1])];
    };
    const out: Array<Array<[number, number]>> = [];
    for (let q = 1; q <= 4; q++) {
      for (let m = 1; m <= 4; m++) {
        const mod = xy(`Q${q}/M${m}/Position`);
        const [qx, qy] = quadPos[q - 1];
        out.push(
          Array.from({ length: tilesPerModule }, (_, t) => {
            const tile = xy(`Q${q}/M${m}/T${String(t + 1).padStart(2, '0')}/Position`);
            return [qx + mod[0] + tile[0], qy + mod[1] + tile[1]];
          }),
        );
      }
    }
    return { offsets: out, name: f.name };
  } finally {
    f.close();
  }
}
