// Writes a planned synthetic run into a new folder (Node). The folder must not exist or be
// empty: the writer never mixes its files into a folder that holds anything else.
import { writeEuxfelFile } from './euxfelFile';
import { planSyntheticRun, type SyntheticRunSpec } from './runPlan';

type NodeFs = typeof import('node:fs/promises');

/** Writes the run's files into `dir` and returns their names, in writing order. */
export async function writeSyntheticRun(dir: string, run: SyntheticRunSpec): Promise<string[]> {
  // Opaque specifier: the browser bundle of src/core never pulls in node:fs.
  const fsSpecifier = 'node:fs/promises';
  const fs: NodeFs = await import(/* @vite-ignore */ fsSpecifier);
  await fs.mkdir(dir, { recursive: true });
  const existing = await fs.readdir(dir);
  if (existing.length) throw new Error(`writeSyntheticRun: ${dir} is not empty (${existing.length} entries); give it a new folder`);
  const files = planSyntheticRun(run);
  for (const f of files) await writeEuxfelFile(`${dir}/${f.name}`, f.build());
  return files.map((f) => f.name);
}
