// comlink ships the Node adapter's types beside `node-adapter.mjs` as `node-adapter.d.ts`.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';
  export default function nodeEndpoint(nep: unknown): Endpoint;
}
