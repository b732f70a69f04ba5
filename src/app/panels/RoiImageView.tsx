// The Detector panel's assembled image (fast layout) with the detector ROI of the store: drawn
// over the image, and drawn anew by dragging on it.
import { useEffect } from 'react';
import { setState, useViewer } from '../store/viewerStore';
import { ImageView, type ImageViewProps } from '../vis/ImageView';

export function RoiImageView(p: Omit<ImageViewProps, 'roi' | 'onRoiDrawn'>) {
  const roi = useViewer((s) => s.roi);
  // The ROI panel types pixels of this image: it shows its size and offers it whole.
  useEffect(() => {
    setState({ detectorImageSize: p.width && p.height ? { width: p.width, height: p.height } : null });
  }, [p.width, p.height]);
  return <ImageView {...p} roi={roi} onRoiDrawn={(r) => setState({ roi: r })} />;
}
