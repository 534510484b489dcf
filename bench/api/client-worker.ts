import { parentPort } from 'node:worker_threads';
import {
  createAgent,
  measureLatency,
  measureLoad,
  type LatencyJob,
  type Target,
} from './http-load.ts';

/**
 * The measuring client, on its own thread: the server keeps the main thread's event loop
 * to itself, so client-side work (building requests, reading bodies) is not billed to the
 * API, and on two cores the two sides run side by side as they would across machines.
 */
export type ClientTask =
  | {
      kind: 'latency';
      target: Target;
      jobs: LatencyJob[];
      options: { warmup: number; blocks: number; perBlock: number; seed: number };
    }
  | { kind: 'load'; target: Target; path: string; clients: number; durationMs: number };

const port = parentPort;
if (port === null) throw new Error('client-worker.ts runs as a worker thread');
const agent = createAgent();

port.on('message', (task: ClientTask) => {
  const work =
    task.kind === 'latency'
      ? measureLatency(agent, task.target, task.jobs, task.options)
      : measureLoad(agent, task.target, task.path, task.clients, task.durationMs);
  work.then(
    (value) => port.postMessage({ ok: true, value }),
    (error: unknown) =>
      port.postMessage({
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
});
