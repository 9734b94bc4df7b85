import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const app = resolve(import.meta.dirname, 'src/console/app');

/**
 * The admin console and the offline GraphiQL, built into dist/console (served at /admin and at
 * GET /graphql by src/console/). Everything is bundled: no CDN, no external font.
 */
export default defineConfig({
  root: app,
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/console'),
    emptyOutDir: true,
    // GraphiQL's editor (Monaco) is large by nature; it loads only on the IDE page
    chunkSizeWarningLimit: 8000,
    rollupOptions: {
      input: { index: resolve(app, 'index.html'), graphiql: resolve(app, 'graphiql.html') },
      // GraphiQL's modules carry React Compiler directives ("use no memo") that bundling drops harmlessly
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  worker: { format: 'es' },
});
