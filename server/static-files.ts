import fs from 'node:fs';
import path from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { embedConfig } from './embedded-config.ts';
import type { FirstPaint } from './first-paint.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** Paths the SPA fallback must never swallow: an API typo should be a 404, not HTML. */
const API_PREFIXES = ['/providers/', '/parley/'];

/**
 * Serves the built app from `distDir`. Vite's hashed files under /assets/ never change, so
 * they are cached for a year. index.html carries `config` (the `/parley/config` body) as a
 * JSON data block, and that may hold the embedded API's demo token, so it is never stored
 * by a browser or an intermediary (`no-store`); a deploy is picked up at once too. Any
 * other GET that is not a file gets index.html (client-side routes), except paths that
 * look like a missing file (they have an extension) and API paths. With `firstPaint`
 * (embedded mode), a GET of the inbox also carries its first rows in #root.
 */
export function staticFiles(
  distDir: string,
  config: unknown,
  firstPaint?: FirstPaint,
): MiddlewareHandler {
  const root = path.resolve(distDir);
  const indexPath = path.join(root, 'index.html');
  const serveIndex = async (method: string, url: URL) => {
    if (method === 'HEAD') return htmlResponse(null);
    const [html, picture] = await Promise.all([
      fs.promises.readFile(indexPath, 'utf8'),
      firstPaint?.(url) ?? null,
    ]);
    return htmlResponse(withFirstPaint(embedConfig(html, config), picture));
  };
  const htmlResponse = (body: string | null) =>
    new Response(body, {
      status: 200,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const pathname = c.req.path;
    if (API_PREFIXES.some((prefix) => pathname.startsWith(prefix) || `${pathname}/` === prefix)) {
      return next();
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return next();
    }
    const candidate = path.resolve(root, `.${decoded}`);
    const inside = candidate === root || candidate.startsWith(`${root}${path.sep}`);
    if (inside && !decoded.includes('\0')) {
      const file = await statFile(candidate);
      if (file !== null && candidate === indexPath)
        return serveIndex(c.req.method, new URL(c.req.url));
      if (file !== null) {
        const immutable = decoded.startsWith('/assets/');
        return respond(
          c.req.method,
          candidate,
          immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      }
    }
    if (path.extname(decoded) !== '' && !decoded.endsWith('.html')) return next();
    if ((await statFile(indexPath)) === null) return next();
    return serveIndex(c.req.method, new URL(c.req.url));
  };
}

/** The page with `picture` inside its empty #root (as Vite writes it), if there is one. */
export function withFirstPaint(html: string, picture: string | null): string {
  if (picture === null) return html;
  // A function, so `$` in the markup is never read as a replacement pattern.
  return html.replace('<div id="root"></div>', () => `<div id="root">${picture}</div>`);
}

async function statFile(file: string): Promise<fs.Stats | null> {
  try {
    const stats = await fs.promises.stat(file);
    return stats.isFile() ? stats : null;
  } catch {
    return null;
  }
}

async function respond(method: string, file: string, cacheControl: string): Promise<Response> {
  const body = method === 'HEAD' ? null : await fs.promises.readFile(file);
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': cacheControl,
    },
  });
}
