import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** The budget (docs/performance.md) for the JavaScript the browser needs before the first list paint. */
export const INITIAL_JS_BUDGET_BYTES = 150_000;

export interface InitialJs {
  /** Files under dist/, entry first, each with its gzip size. */
  files: { file: string; gzipBytes: number }[];
  gzipBytes: number;
}

/**
 * Initial JS of a Vite build: the entry script of index.html, every modulepreload, and
 * everything they import statically, transitively. Dynamic `import()` targets (lazy
 * routes) are excluded: the browser fetches them only when asked. Each file is gzipped on
 * its own at zlib's default level, as a server would typically send it.
 */
export function measureInitialJs(distDir: string): InitialJs {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const roots = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1] ?? '');
  const seen = new Set<string>();
  // Absolute paths throughout: a file reached from index.html and again from an import is
  // one file, counted once.
  const queue = roots.map((src) => path.resolve(distDir, src.replace(/^\//, '')));
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = fs.readFileSync(file, 'utf8');
    // Static imports only: `import{a}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`.
    for (const m of code.matchAll(
      /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+\.js)["']/g,
    )) {
      queue.push(path.resolve(path.dirname(file), m[1] ?? ''));
    }
  }
  const files = [...seen].map((file) => ({
    file: path.relative(distDir, file),
    gzipBytes: zlib.gzipSync(fs.readFileSync(file)).length,
  }));
  return { files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}
