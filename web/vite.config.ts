import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The same Content-Security-Policy the Go server applies, so `vite preview`
// shows CSP violations before they reach production.
const csp =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'";

const backend = process.env.KEHU_BACKEND ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    // The API docs page bundles all of Swagger UI (~1.5 MB); the SPA chunks stay small.
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      input: { index: 'index.html', 'api-docs': 'api-docs.html' },
    },
  },
  server: {
    // changeOrigin stays false so the Go CrossOriginProtection sees a same-origin request.
    proxy: { '/api/': { target: backend, changeOrigin: false } },
  },
  preview: { headers: { 'Content-Security-Policy': csp } },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    css: false,
    testTimeout: 20000,
  },
});
