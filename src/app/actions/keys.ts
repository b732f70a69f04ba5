// Choosing a key shows it in the panel that fits it: a series for one value per train,
// an array plot for a vector per train, an image for 2-D data.
import { setState, getState } from '../store/viewerStore';

export function chooseKey(source: string, key: string): void {
  const { seriesKeys, tab } = getState();
  const already = seriesKeys.some((k) => k.source === source && k.key === key);
  setState({
    source,
    key,
    seriesKeys: already ? seriesKeys : [{ source, key }],
    tab: tab === 'overview' || tab === 'geometry' ? 'series' : tab,
  });
}

/** Adds a key to the Series panel's overlay without replacing what is shown. */
export function overlayKey(source: string, key: string): void {
  const { seriesKeys } = getState();
  if (!seriesKeys.some((k) => k.source === source && k.key === key)) setState({ seriesKeys: [...seriesKeys, { source, key }] });
}
