// The Karabo bridge protocol 2.2 (karabo-bridge-py's serializer): per source, a msgpack
// header {source, content: 'msgpack', metadata} and its non-array values, then for each
// array a header {source, content: 'array', path, dtype, shape} and the raw C-order bytes.
// No sockets here: the core stays free of Node APIs; the CLI owns the ZeroMQ socket.
import { Decoder, Encoder } from '@msgpack/msgpack';
import { typedArrayFor, type ArrayValue, type NumericArray, type NumpyDtype } from '../h5/dtypes';
import type { Scalar, SourceTrainData, TrainData } from '../data/types';

export const PROTOCOL_VERSION = '2.2';

/** Metadata as the bridge sends it: source name and train ID. */
export interface BridgeMetadata {
  source: string;
  'timestamp.tid': number;
}

/** A decoded message: per source, its values (arrays typed, others as msgpack gives them). */
export interface BridgeTrain {
  data: Record<string, Record<string, unknown>>;
  metadata: Record<string, BridgeMetadata>;
}

// Headers keep integers as integers; values encode every JS number as a float and every
// bigint as a 64-bit integer, so a float32 1000.0 stays a float and an int stays an int.
const headerEncoder = new Encoder({ useBigInt64: true });
const valueEncoder = new Encoder({ useBigInt64: true, forceIntegerToFloat: true });
const decoder = new Decoder({ useBigInt64: true });

const isArrayValue = (v: unknown): v is ArrayValue => typeof v === 'object' && v !== null && 'shape' in v;

/** One train as the multipart message a bridge REP socket sends, sources in name order. */
export function serializeTrain(train: TrainData): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (const source of Object.keys(train).sort()) {
    const { metadata, ...values } = train[source] as SourceTrainData;
    const main: Record<string, unknown> = {};
    const arrays: Array<[string, ArrayValue<NumericArray>]> = [];
    for (const [key, v] of Object.entries(values)) {
      if (isArrayValue(v) && v.dtype !== 'str') arrays.push([key, v as ArrayValue<NumericArray>]);
      else if (isArrayValue(v)) main[key] = v.data;
      else main[key] = scalarValue(v as Scalar);
    }
    const meta = { source: metadata.source, 'timestamp.tid': BigInt(metadata['timestamp.tid']) };
    parts.push(headerEncoder.encode({ source, content: 'msgpack', metadata: meta }), valueEncoder.encode(main));
    for (const [path, a] of arrays) {
      parts.push(headerEncoder.encode({ source, content: 'array', path, dtype: a.dtype, shape: a.shape }));
      parts.push(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength));
    }
  }
  return parts;
}

/** Python's value for a numpy scalar: bool, int (as bigint here), float or str. */
function scalarValue({ value, dtype }: Scalar): unknown {
  if (dtype === 'bool') return Boolean(value);
  if (typeof value === 'number' && /int/.test(dtype)) return BigInt(value);
  return value;
}

/** Decodes a multipart message (as karabo-bridge-py's deserialize); arrays become typed arrays. */
export function deserializeTrain(parts: readonly Uint8Array[]): BridgeTrain {
  const out: BridgeTrain = { data: {}, metadata: {} };
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const header = decoder.decode(parts[i]) as { source: string; content: string; metadata?: Record<string, unknown>; path?: string; dtype?: NumpyDtype; shape?: number[] };
    if (header.content === 'msgpack') {
      out.data[header.source] = decoder.decode(parts[i + 1]) as Record<string, unknown>;
      const m = header.metadata ?? {};
      out.metadata[header.source] = { source: String(m.source), 'timestamp.tid': Number(m['timestamp.tid']) };
    } else if (header.content === 'array') {
      out.data[header.source][header.path!] = arrayFromBytes(parts[i + 1], header.dtype!, header.shape!);
    } else {
      throw new Error(`Unknown bridge message content: ${header.content}`);
    }
  }
  return out;
}

function arrayFromBytes(bytes: Uint8Array, dtype: NumpyDtype, shape: number[]): ArrayValue<NumericArray> {
  const ctor = typedArrayFor(dtype);
  // Copied: a received frame's offset need not be aligned for the element size
  const copy = bytes.slice().buffer;
  return { data: new ctor(copy), shape: shape.map(Number), dtype };
}
