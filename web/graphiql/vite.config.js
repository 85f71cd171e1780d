import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The bundle is served by the host under /graphiql/ (its page under GET /graphql); the build writes it to dist/,
// which OneWindow.Api.csproj copies into the program's folder.
export default defineConfig({
  base: '/graphiql/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // Nothing inline: the page's Content-Security-Policy allows scripts, workers and fonts from 'self' only.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 8000,
    reportCompressedSize: false,
    sourcemap: false,
    rolldownOptions: {
      // React libraries mark their modules "use client", which means nothing in a browser bundle.
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') {
          handler(level, log);
        }
      },
    },
  },
  worker: { format: 'es' },
});
