/**
 * Serves e2e/fixtures/hub as a stand-in Hugging Face hub, for Playwright's webServer:
 *   GLANCE_HUB_PORT=4180 tsx scripts/hub-fixtures/serve.ts   →   http://127.0.0.1:4180/glance-test/vit-gpt2-tiny/resolve/main/config.json
 * GLANCE_HUB_HOST overrides the bind address (default 127.0.0.1).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_ROOT, REPO_ID } from './design';
import { startHubServer } from './hub-server';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const port = Number(process.env.GLANCE_HUB_PORT ?? 4180);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`GLANCE_HUB_PORT must be a port number, got ${process.env.GLANCE_HUB_PORT}`);
  process.exit(2);
}

const server = await startHubServer({
  root: join(repoRoot, FIXTURE_ROOT),
  port,
  host: process.env.GLANCE_HUB_HOST ?? '127.0.0.1',
});
// Playwright waits for this URL (or the port) to answer; print it so logs show where the hub is.
console.log(
  `fixture hub serving ${FIXTURE_ROOT} at ${server.url} (try ${server.url}${REPO_ID}/resolve/main/config.json)`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
