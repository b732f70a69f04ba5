// Many slow-control devices (motors, gauges, …): a real run has hundreds of control sources
// and thousands of keys. For the Train browser's scale tests and benchmarks.
import { deterministicControlSource, type ControlKeyDef } from './controlValues';
import { trainOffsets, type DeviceBuilder } from './devices';

/** `nSources` devices `${prefix}/MDL/DEVICE_000…`, each with `keysPerSource` keys `property0000…` (every third int32, the rest float32). */
export function slowControl(prefix: string, nSources: number, keysPerSource: number): DeviceBuilder {
  const keys = Array.from({ length: keysPerSource }, (_, i): ControlKeyDef => ({ key: `property${String(i).padStart(4, '0')}`, dtype: i % 3 === 0 ? 'int32' : 'float32' }));
  return (ctx) => {
    const toffs = trainOffsets(ctx);
    return Array.from({ length: nSources }, (_, s) => deterministicControlSource(slowControlSource(prefix, s), keys, toffs));
  };
}

export function slowControlSource(prefix: string, index: number): string {
  return `${prefix}/MDL/DEVICE_${String(index).padStart(3, '0')}`;
}
