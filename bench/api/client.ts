import { Worker } from 'node:worker_threads';
import type { ClientTask } from './client-worker.ts';
import type { LatencyJob, LatencyResult, LoadResult, Target } from './http-load.ts';

export interface BenchClient {
  latency(
    target: Target,
    jobs: LatencyJob[],
    options: { warmup: number; blocks: number; perBlock: number; seed: number },
  ): Promise<LatencyResult[]>;
  load(target: Target, path: string, clients: number, durationMs: number): Promise<LoadResult>;
  close(): Promise<void>;
}

type Reply = { ok: true; value: unknown } | { ok: false; error: string };

/** Starts the client thread; one task at a time, answered in order. */
export function startClient(): BenchClient {
  // Node 20 does not carry tsx's module hooks into worker threads, so the worker first
  // registers them itself, then loads the TypeScript entry.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./client-worker.ts', import.meta.url).href;
  const worker = new Worker(
    `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true },
  );
  const run = (task: ClientTask): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const onError = (error: Error) => {
        worker.off('message', onMessage);
        reject(error);
      };
      const onMessage = (reply: Reply) => {
        worker.off('error', onError);
        if (reply.ok) resolve(reply.value);
        else reject(new Error(reply.error));
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.postMessage(task);
    });
  return {
    latency: (target, jobs, options) =>
      run({ kind: 'latency', target, jobs, options }) as Promise<LatencyResult[]>,
    load: (target, path, clients, durationMs) =>
      run({ kind: 'load', target, path, clients, durationMs }) as Promise<LoadResult>,
    close: async () => {
      await worker.terminate();
    },
  };
}
