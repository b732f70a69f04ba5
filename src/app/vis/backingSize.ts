// How many canvas pixels an image needs on screen: drawing more than are seen only costs.

export interface Size {
  width: number;
  height: number;
}

/**
 * Canvas pixels for an image of `image` pixels shown on `display` device pixels: no more
 * than are seen on either axis, nor more than the image has (enlarged images are scaled up
 * by the browser). An unknown display size (0) keeps the image's.
 */
export function backingSize(image: Size, display: Size): Size {
  const fit = (img: number, shown: number) => (shown > 0 ? Math.max(1, Math.min(img, Math.ceil(shown))) : img);
  return { width: fit(image.width, display.width), height: fit(image.height, display.height) };
}
