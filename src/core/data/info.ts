// The text of info() (as EXtra-data 1.24 prints it) and detector module summaries.
import type { DataCollection } from './dataCollection';
import { entryInfo } from './readKey';
import type { SourceEntry } from './sourceEntry';
import type { DetectorInfo } from './types';

const DETECTOR_SOURCE = /^(.+)\/DET\/(\d+)CH/;

export function isDetectorSource(source: string): boolean {
  return DETECTOR_SOURCE.test(source) && source.includes(':');
}

export function detectorInfo(dc: DataCollection, entry: SourceEntry): DetectorInfo {
  const { entryShape } = entryInfo(entry, 'image.data');
  const counts = dc.getDataCounts(entry.name, 'image.data').values as BigUint64Array;
  // The most common number of frames per train (the smallest on a tie)
  const freq = new Map<number, number>();
  for (const c of counts) freq.set(Number(c), (freq.get(Number(c)) ?? 0) + 1);
  let framesPerTrain = 0;
  let best = -1;
  for (const [n, f] of [...freq].sort(([a], [b]) => a - b)) if (f > best) [framesPerTrain, best] = [n, f];
  return { dims: entryShape.slice(-2), framesPerTrain, totalFrames: framesPerTrain * dc.trainIds.length };
}

/** "0:00:26.0": trains are 0.1 s apart, so the run spans (last - first + 1) tenths of a second. */
export function formatDuration(firstTrain: number, lastTrain: number): string {
  const tenths = lastTrain - firstTrain + 1;
  const seconds = Math.floor(tenths / 10);
  const days = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const hms = `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return `${days ? `${days} day${days > 1 ? 's' : ''}, ` : ''}${hms}.${tenths % 10}`;
}

export function formatInfo(dc: DataCollection): string {
  const tids = dc.trainIds;
  const lines: string[] = [];
  lines.push(`# of trains:    ${tids.length}`);
  if (tids.length) {
    lines.push(`Duration:       ${formatDuration(tids[0], tids[tids.length - 1])}`);
    lines.push(`First train ID: ${tids[0]}`);
    lines.push(`Last train ID:  ${tids[tids.length - 1]}`);
  }
  lines.push('');
  const detectors = groupDetectors([...dc.detectorSources]);
  for (const [name, modules] of detectors) {
    const [modno, source] = modules[0];
    const info = dc.detectorInfo(source);
    lines.push(`${modules.length} XTDF detector modules of ${name}/*`);
    lines.push(`  e.g. module ${modno} : ${info.dims[0]} x ${info.dims[1]} pixels`);
    lines.push(`  ${source}`);
    lines.push(`  ${info.framesPerTrain} frames per train, up to ${info.totalFrames} frames total`);
    lines.push('');
  }
  const detectorSet = dc.detectorSources;
  const others = [...dc.instrumentSources].filter((s) => !detectorSet.has(s)).sort();
  lines.push(`${others.length} instrument sources (excluding XTDF detectors):`);
  for (const s of others) lines.push(`  - ${s}`);
  lines.push('');
  const control = [...dc.controlSources].sort();
  lines.push(`${control.length} control sources:`);
  for (const s of control) lines.push(`  - ${s}`);
  lines.push('');
  return lines.join('\n') + '\n';
}

/** Detector sources grouped by device prefix ('…/DET'), modules sorted by number. */
function groupDetectors(sources: string[]): Array<[string, Array<[number, string]>]> {
  const groups = new Map<string, Array<[number, string]>>();
  for (const s of sources) {
    const m = DETECTOR_SOURCE.exec(s)!;
    const name = `${m[1]}/DET`;
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name)!.push([Number(m[2]), s]);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, mods]) => [n, mods.sort((a, b) => a[0] - b[0])]);
}
