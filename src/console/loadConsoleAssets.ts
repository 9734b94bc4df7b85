import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

export interface ConsoleAsset {
  readonly type: string;
  readonly body: Buffer;
  /** gzip of body, made on first use off the event loop (zlib's thread pool) */
  gzipped(): Promise<Buffer>;
  /** content-hashed (Vite's assets/): cached for a year */
  readonly immutable: boolean;
}

/** The built console (dist/console): every file by its URL path under /admin/, or null when it was never built. */
export interface ConsoleAssets {
  get(path: string): ConsoleAsset | undefined;
  readonly built: boolean;
}

const TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
});

/**
 * Lists dist/console once: only files that exist at start-up are ever served (no path from a
 * request reaches the file system), each read on first use and kept in memory with its gzip.
 */
export function loadConsoleAssets(root: string): ConsoleAssets {
  const files = new Map<string, ConsoleAsset>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!name.endsWith('.map')) files.set(relative(root, full).split(sep).join('/'), lazyAsset(full));
    }
  };
  if (existsSync(root)) walk(root);
  return { get: (path) => files.get(path), built: files.has('index.html') };
}

function lazyAsset(file: string): ConsoleAsset {
  let body: Buffer | undefined;
  let gz: Promise<Buffer> | undefined;
  const read = () => (body ??= readFileSync(file));
  return {
    type: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    get body() {
      return read();
    },
    gzipped: () => (gz ??= gzipAsync(read())),
    immutable: file.includes(`${sep}assets${sep}`),
  };
}
