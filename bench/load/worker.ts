import { Worker } from 'node:worker_threads';

/**
 * Starts a TypeScript module in a worker thread (workers do not inherit tsx's loader, so
 * the worker registers it before the import) and waits for its first message.
 */
export async function startWorker<Ready>(
  entry: URL,
  workerData: unknown,
): Promise<{ worker: Worker; ready: Ready }> {
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData });
  const ready = await new Promise<Ready>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: Ready) => resolve(message));
  });
  return { worker, ready };
}

/** Asks a worker to stop ('stop'), waits up to 10 s for its last message, then ends it. */
export async function stopWorker<Last>(worker: Worker): Promise<Last | null> {
  const last = new Promise<Last | null>((resolve) => {
    worker.once('message', (message: Last) => resolve(message));
    worker.once('exit', () => resolve(null));
  });
  worker.postMessage('stop');
  const message = await Promise.race([
    last,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000)),
  ]);
  await worker.terminate();
  return message;
}
