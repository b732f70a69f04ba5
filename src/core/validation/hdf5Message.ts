// h5py's way of naming an HDF5 failure: the outermost error's minor text, then the
// innermost description ("Unable to open file (file signature not found)").
import { H5Error } from '../h5/h5File';

export function h5pyStyleMessage(diag: string): string | null {
  const minor = diag.match(/minor: (.+)/)?.[1]?.trim();
  const innermost = [...diag.matchAll(/in \w+\(\): (.+)/g)].at(-1)?.[1]?.trim();
  return minor && innermost ? `${minor} (${innermost})` : null;
}

/** The text of an error for a problem's `error` field: one line, HDF5 stacks summarised. */
export function errorText(e: unknown): string {
  const diag = e instanceof H5Error ? e.hdf5Diag : undefined;
  const message = e instanceof Error ? e.message : String(e);
  // Some HDF5File calls pass h5wasm's raw multi-line HDF5-DIAG text through
  const stack = diag ?? (message.includes('HDF5-DIAG') ? message : undefined);
  return (stack && h5pyStyleMessage(stack)) || message.split('\n')[0];
}
