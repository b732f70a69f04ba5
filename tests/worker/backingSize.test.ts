// The detector image's canvas draws no more pixels than the screen shows.
import { describe, expect, it } from 'vitest';
import { backingSize } from '../../src/app/vis/backingSize';

describe('backingSize', () => {
  it('shrinks to the pixels shown (AGIPD 1M shown 760 px high)', () => {
    expect(backingSize({ width: 1092, height: 1256 }, { width: 660.764, height: 760 })).toEqual({ width: 661, height: 760 });
  });

  it('never exceeds the image: an enlarged image is scaled up by the browser', () => {
    expect(backingSize({ width: 100, height: 16 }, { width: 600, height: 64 })).toEqual({ width: 100, height: 16 });
    expect(backingSize({ width: 100, height: 400 }, { width: 600, height: 50 })).toEqual({ width: 100, height: 50 });
  });

  it('keeps the image size while the display size is unknown, and at least one pixel', () => {
    expect(backingSize({ width: 512, height: 128 }, { width: 0, height: 0 })).toEqual({ width: 512, height: 128 });
    expect(backingSize({ width: 512, height: 128 }, { width: 0.2, height: 0.4 })).toEqual({ width: 1, height: 1 });
  });
});
