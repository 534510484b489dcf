import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** A real embedded server (`tsx server/main.ts`) started by the bench. */
export interface BenchServer {
  url: string;
  stop: () => Promise<void>;
}

const running = new Set<ChildProcess>();
const TSX = path.resolve('node_modules', '.bin', 'tsx');
const MAIN = path.resolve('server', 'main.ts');

/**
 * Starts the embedded server on 127.0.0.1 and a port the OS picks (PORT=0; the banner
 * names it). `cwd` decides which `dist/` it serves: the app's, or the variants'.
 * The child leads its own process group, so stopping it also ends the node process tsx
 * spawns, and nothing else.
 */
export async function startServer(options: {
  dataFile: string;
  seedSize: number;
  cwd?: string;
}): Promise<BenchServer> {
  const child = spawn(TSX, [MAIN], {
    cwd: options.cwd ?? process.cwd(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      PARLEY_DATA: options.dataFile,
      PARLEY_SEED_SIZE: String(options.seedSize),
      // The bench times the app, not HighLevel's per-location request budget.
      PARLEY_RATE_LIMIT: '0',
      // Latency injection for S1's slow-API case (POST /parley/test/faults).
      PARLEY_FAULTS: '1',
      NODE_ENV: 'production',
    },
  });
  running.add(child);
  const stop = () => stopChild(child);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
    setTimeout(() => reject(new Error(`server did not start in 120 s:\n${output}`)), 120_000);
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url, stop };
}

function stopChild(child: ChildProcess): Promise<void> {
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return Promise.resolve();
  }
  const pid = child.pid;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
      resolve();
    }, 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

/** Stops every server still running: for `finally` blocks and signal handlers. */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map(stopChild));
}
