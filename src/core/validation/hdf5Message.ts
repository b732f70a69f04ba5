// h5py's way of naming an HDF5 failure: the outermost error's minor text, then the
// innermost description ("Unable to open file (file signature not found)").
import { H5Error } from '../h5/h5File';

export function h5pyStyleMessage(diag: string): string | null {
  const minor = diag.match(/minor: (.+)/)?.[1]?.trim();
  const innermost = [...diag.matchAll(/in \w+\(\): (.+)/g)].at(-1)?.[1]?.trim();
  return minor && innermost ? `${minor} (${innermost})` : null;
}

/** The text of an error as EXtra-data puts it in a problem's `error` field. */
export function errorText(e: unknown): string {
  if (e instanceof H5Error && e.hdf5Diag) return h5pyStyleMessage(e.hdf5Diag) ?? e.message;
  return e instanceof Error ? e.message : String(e);
}
