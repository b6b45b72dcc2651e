// Makes sure the e2e suite has Debian's Chromium (Playwright's own download cannot work offline, PLATFORM.md).
// Installs it with apt when running as root; otherwise names the command and fails.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const INSTALL = 'apt-get update && apt-get install -y chromium';

if (existsSync(CHROMIUM)) process.exit(0);

if (process.getuid?.() !== 0) {
  console.error(`Chromium is missing at ${CHROMIUM}: run \`sudo sh -c '${INSTALL}'\` and try again.`);
  process.exit(1);
}

console.log(`Chromium is missing at ${CHROMIUM}; installing it: ${INSTALL}`);
execSync(INSTALL, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
if (!existsSync(CHROMIUM)) {
  console.error(`apt installed chromium but ${CHROMIUM} still does not exist; set CHROMIUM_PATH.`);
  process.exit(1);
}
