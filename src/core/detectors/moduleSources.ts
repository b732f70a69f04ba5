// Which sources are a detector's modules, and their module numbers, from source names alone.
import type { DataCollection } from '../data/dataCollection';
import { SourceNameError } from '../data/errors';
import type { DetectorSpec } from './detectorSpecs';

/** The one detector of this kind in the data; several need a `detectorName`. */
export function findDetectorName(spec: DetectorSpec, dc: DataCollection): string {
  const names = new Set<string>();
  for (const source of dc.instrumentSources) {
    const m = spec.sourcePattern.exec(source);
    if (m) names.add(m[1]);
  }
  if (names.size === 0) throw new SourceNameError(spec.sourcePattern.source, dc.instrumentSources);
  if (names.size > 1) {
    const list = [...names].sort().map((n) => `'${n}'`).join(', ');
    throw new RangeError(`Multiple detectors found in the data: ${list}. Pass detectorName to pick one.`);
  }
  return [...names][0];
}

/**
 * Module number → source, sorted by module. Corrected (CORR) sources are preferred when
 * the data has them, as EXtra-data does; raw (DET) ones otherwise.
 */
export function moduleSources(dc: DataCollection, detectorName: string, modules?: readonly number[]): Map<number, string> {
  const pattern = new RegExp(`^${escapeRegExp(detectorName)}/(DET|CORR)/(\\d+)CH`);
  const byKind: Record<string, Map<number, string>> = { DET: new Map(), CORR: new Map() };
  for (const source of [...dc.instrumentSources].sort()) {
    const m = pattern.exec(source);
    if (m) byKind[m[1]].set(Number(m[2]), source);
  }
  const found = byKind.CORR.size ? byKind.CORR : byKind.DET;
  const wanted = modules ? new Set(modules) : null;
  const out = new Map([...found].filter(([m]) => !wanted || wanted.has(m)).sort(([a], [b]) => a - b));
  if (!out.size) throw new SourceNameError(`${detectorName}/(DET|CORR)/...`, dc.instrumentSources);
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
