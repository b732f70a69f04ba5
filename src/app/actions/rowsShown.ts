// A long table that grows (a train with detector modules after one without: 106 → 410 rows in
// the demo run) is rendered a chunk of rows per frame: hundreds of new rows' DOM, style and
// layout at once made main-thread tasks of 100–300 ms. Rows already shown stay shown at once.

/** New rows rendered per frame. */
export const ROW_CHUNK = 50;

/** How many of `count` rows to render now, `shown` having been rendered before. */
export function rowsToShow(shown: number, count: number, chunk = ROW_CHUNK): number {
  return Math.min(count, Math.max(shown, Math.min(count, chunk)));
}

/** The next frame's number of rows: one more chunk, until all are shown. */
export function nextRowsShown(shown: number, count: number, chunk = ROW_CHUNK): number {
  return Math.min(count, shown + chunk);
}
