// The public API of the core: pure TypeScript, no DOM, runs in Node and in a Web Worker.
// Names follow karabo_data 0.7 in camelCase. Each section is owned by one concern's folder.

// --- HDF5 access ---
export { H5File, H5Error, type H5Source, type DatasetInfo } from './h5/h5File';
export type { ArrayValue, NumpyDtype, NumericArray } from './h5/dtypes';

// --- Data collections (runs, files, selections) ---

// --- Detector components ---

// --- Geometry ---

// --- Validation ---

// --- Synthetic runs (writer) ---
