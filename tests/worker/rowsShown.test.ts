// The Train table grows a chunk of rows per frame; rows already shown stay at once.
import { describe, expect, it } from 'vitest';
import { nextRowsShown, rowsToShow } from '../../src/app/actions/rowsShown';

describe('rowsShown', () => {
  it('starts with a chunk and grows a chunk per frame up to all rows', () => {
    let n = rowsToShow(0, 106, 50);
    const seen = [n];
    while (n < 106) {
      n = rowsToShow(nextRowsShown(n, 106, 50), 106, 50);
      seen.push(n);
    }
    expect(seen).toEqual([50, 100, 106]);
  });

  it('keeps as many rows as were shown when the table grows (106 → 410 rows)', () => {
    expect(rowsToShow(106, 410, 50)).toBe(106);
    expect(nextRowsShown(106, 410, 50)).toBe(156);
  });

  it('shows every row at once when there are no more than were shown (new values, fewer rows)', () => {
    expect(rowsToShow(410, 410, 50)).toBe(410);
    expect(rowsToShow(410, 106, 50)).toBe(106);
    expect(rowsToShow(0, 30, 50)).toBe(30);
    expect(rowsToShow(0, 0, 50)).toBe(0);
  });
});
