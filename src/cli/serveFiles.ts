// serve-files RUN PORT [--source GLOB] [--key GLOB] [--bind HOST]: streams a run's trains
// over ZeroMQ in the Karabo bridge protocol 2.2, as karabo-bridge-serve-files does. A REP
// socket answers each client request ('next') with the following train; after the last
// train it closes.
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Reply } from 'zeromq';
import { H5File, RunDirectory } from '../core/data/open';
import type { DataCollection } from '../core/data/dataCollection';
import { serializeTrain } from '../core/bridge/serializer';

export interface ServeOptions {
  /** Default 127.0.0.1: streaming to other hosts is a choice, not a default. */
  host?: string;
  /** Called once bound, with the endpoint (port 0 picks a free port). */
  onListening?: (endpoint: string) => void;
  /** Stops serving before the next train. */
  signal?: AbortSignal;
}

/** Serves every train of the collection once; resolves with the number of trains sent. */
export async function serveTrains(data: DataCollection, port: number, options: ServeOptions = {}): Promise<number> {
  const sock = new Reply();
  const abort = () => sock.close();
  options.signal?.addEventListener('abort', abort);
  let sent = 0;
  try {
    await sock.bind(`tcp://${options.host ?? '127.0.0.1'}:${port === 0 ? '*' : port}`);
    options.onListening?.(sock.lastEndpoint ?? '');
    for await (const [, train] of data.trains()) {
      if (!Object.keys(train).length) continue;
      await sock.receive(); // the request's content ('next') carries nothing more
      await sock.send(serializeTrain(train));
      sent++;
      if (options.signal?.aborted) break;
    }
    return sent;
  } catch (e) {
    if (options.signal?.aborted) return sent;
    throw e;
  } finally {
    options.signal?.removeEventListener('abort', abort);
    if (!sock.closed) sock.close();
  }
}

const USAGE = `usage: serve-files [-h] [--source GLOB] [--key GLOB] [--bind HOST] path port

Stream data from a EuXFEL run folder or file over ZeroMQ (Karabo bridge protocol 2.2).

options:
  --source GLOB  Stream only matching sources ('*' is a wildcard)
  --key GLOB     Stream only matching keys ('*' is a wildcard)
  --bind HOST    Interface to listen on (default 127.0.0.1)
`;

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { source: { type: 'string', default: '*' }, key: { type: 'string', default: '*' }, bind: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    process.stderr.write(`${USAGE}\n${(e as Error).message}\n`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) return process.stdout.write(USAGE), 0;
  const port = Number(positionals[1]);
  if (positionals.length !== 2 || !Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`${USAGE}\nexpected a path and a TCP port\n`);
    return 2;
  }
  const [path] = positionals;
  const run = statSync(path).isDirectory() ? await RunDirectory(path) : await H5File(path);
  const data = run.select(values.source!, values.key!);
  const sent = await serveTrains(data, port, {
    host: values.bind,
    onListening: (endpoint) => process.stdout.write(`Streamer started on: ${endpoint}\n`),
  });
  process.stdout.write(`Sent ${sent} trains\n`);
  return 0;
}

// Run when started as the CLI (npm run serve-files), not when imported by tests.
if (/serveFiles\.ts$/.test(process.argv[1] ?? '')) {
  process.exitCode = await main(process.argv.slice(2));
}
