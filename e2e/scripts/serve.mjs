// Starts the built binary (../bin/kehu serve) for the end-to-end run: a fresh temporary
// data directory every time, fast password hashing, quiet logs. Playwright's webServer
// runs this script and stops it with SIGTERM when the run ends; the data directory is
// removed then.
//
// Environment:
//   E2E_ADDR          host:port to listen on (default 127.0.0.1:18931)
//   E2E_DATABASE_URL  postgres://… of an EMPTY database: run on PostgreSQL instead of SQLite
//   KEHU_BIN          the binary, absolute or relative to e2e/ (default ../bin/kehu)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = resolve(here, '..', process.env.KEHU_BIN ?? '../bin/kehu');
if (!existsSync(bin)) {
  console.error(`e2e: ${bin} does not exist. Build it first (make build, or: npm --prefix web run build && go build -o bin/kehu ./cmd/kehu).`);
  process.exit(2);
}

const dataDir = mkdtempSync(join(tmpdir(), 'kehu-e2e-'));
const env = {
  ...process.env,
  KEHU_ADDR: process.env.E2E_ADDR ?? '127.0.0.1:18931',
  KEHU_DATA_DIR: dataDir,
  KEHU_ARGON2_MEMORY_KIB: '8192',
  KEHU_ARGON2_TIME: '1',
  KEHU_LOG_LEVEL: 'warn',
};
delete env.DATABASE_URL;
if (process.env.E2E_DATABASE_URL) env.DATABASE_URL = process.env.E2E_DATABASE_URL;

console.log(`e2e: starting ${bin} serve on ${env.KEHU_ADDR} (${env.DATABASE_URL ? 'PostgreSQL' : `SQLite in ${dataDir}`})`);
const child = spawn(bin, ['serve'], { env, stdio: 'inherit' });

let stopping = false;
const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  child.kill(signal);
  // The server shuts down gracefully within KEHU_SHUTDOWN_TIMEOUT; do not wait forever.
  setTimeout(() => child.kill('SIGKILL'), 12_000).unref();
};
for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(s, () => stop(s));
child.on('exit', (code, signal) => {
  cleanup();
  if (!stopping) console.error(`e2e: kehu exited unexpectedly (code ${code}, signal ${signal})`);
  process.exit(stopping ? 0 : code || 1);
});
