// The demo run's photo-electron spectrometer (docs 3.15.2), as plain constants: the writer
// (demoRun.ts) and the browser tests share them, and they import nothing.

export const PES_ADC = 'SA3_XTD10_PES/ADC/1:network';
/** Samples per train and channel (the real PES records 40000; a few thousand keep the demo small). */
export const PES_SAMPLES = 2000;
/** ns per sample: the docs' time axis, 0.0005 µs per sample. */
export const PES_SAMPLE_NS = 0.5;
export const PES_SEED = 67;

/**
 * Peaks by channel (centre and width in samples, depth in ADC counts): every channel sees the
 * prompt (scattered light) and an Auger peak; the photo-line's flight time and strength depend
 * on the spectrometer's angle to the polarisation, so channel 1_A (as the docs' "N") has none.
 */
export const PES_CHANNELS: Record<string, Array<{ sample: number; width: number; height: number }>> = {
  '1_A': [{ sample: 200, width: 4, height: 60 }, { sample: 1300, width: 25, height: 70 }],
  '1_B': [{ sample: 200, width: 4, height: 60 }, { sample: 760, width: 10, height: 220 }, { sample: 1300, width: 25, height: 70 }],
  '1_C': [{ sample: 202, width: 4, height: 55 }, { sample: 810, width: 12, height: 120 }, { sample: 1320, width: 25, height: 65 }],
  '1_D': [{ sample: 198, width: 4, height: 65 }, { sample: 720, width: 8, height: 260 }, { sample: 1280, width: 25, height: 75 }],
};
