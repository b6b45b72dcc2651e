/**
 * Fetches the hand-labelled real photos (docs/real-photos.md) and the pedestrian video from Debian packages, so no
 * photo of unclear licence is committed: `apt-get download` of the manifest's packages (darknet, opencv-doc,
 * python3-skimage, python-matplotlib-data), `dpkg -x`, then copies the photos
 * named in manifest.json to .cache/real-photos/photos/<id>.<ext> and vtest.avi to .cache/real-photos/vtest.avi,
 * checking every file's sha256 against the manifest. Idempotent: files already in place with the right hash are
 * kept, and nothing is downloaded when all are there.
 * Usage: npm run photos:real
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One file the manifest pins: where it lies inside which package, and its hash. */
export interface ManifestFile {
  /** Photo id (labels.json), or 'vtest' for the video. */
  id: string;
  package: string;
  /** Path inside the package's data, e.g. usr/share/darknet/data/dog.jpg. */
  path: string;
  sha256: string;
  /** Destination relative to .cache/real-photos/. */
  out: string;
}

export interface Manifest {
  about: string;
  /** The Debian package versions the hashes were taken from (informative: a newer version may still match). */
  packages: Record<string, string>;
  files: ManifestFile[];
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE_DIR = join(ROOT, '.cache', 'real-photos');
const MANIFEST = join(dirname(fileURLToPath(import.meta.url)), 'manifest.json');
const FIX = 'sudo apt-get update && npm run photos:real';

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const isRoot = (): boolean => process.getuid?.() === 0;

function fail(message: string): never {
  console.error(`photos:real: ${message}`);
  process.exit(1);
}

function run(cmd: string, args: string[], cwd: string): { ok: boolean; output: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.error) fail(`could not run ${cmd}: ${r.error.message} (this needs Debian's apt-get and dpkg)`);
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** Downloads the packages' .deb files into debDir, running `apt-get update` first only when apt lacks the lists. */
function download(packages: string[], debDir: string): void {
  let r = run('apt-get', ['download', ...packages], debDir);
  if (r.ok) return;
  const noLists = /Unable to locate package|has no installation candidate|No packages found/i.test(r.output);
  if (noLists) {
    if (!isRoot()) fail(`apt has no package lists for ${packages.join(', ')}; run \`${FIX}\` (as root).`);
    console.log('apt has no package lists; running apt-get update');
    const u = run('apt-get', ['update'], debDir);
    if (!u.ok)
      fail(`apt-get update failed (offline?):\n${u.output}\nRun \`${FIX}\` where Debian's mirror is reachable.`);
    r = run('apt-get', ['download', ...packages], debDir);
    if (r.ok) return;
  }
  fail(`apt-get download ${packages.join(' ')} failed (offline?):\n${r.output}\nRun \`${FIX}\` once online.`);
}

function main(): void {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
  const pending = manifest.files.filter((f) => {
    const out = join(CACHE_DIR, f.out);
    return !existsSync(out) || sha256(out) !== f.sha256;
  });
  if (pending.length === 0) {
    console.log(`photos:real: all ${manifest.files.length} files in place in ${CACHE_DIR}`);
    return;
  }
  const debDir = join(CACHE_DIR, 'debs');
  const pkgDir = join(CACHE_DIR, 'pkg');
  mkdirSync(debDir, { recursive: true });
  const packages = [...new Set(pending.map((f) => f.package))];
  const debOf = (p: string): string | undefined => readdirSync(debDir).find((n) => n.startsWith(`${p}_`));
  const missing = packages.filter((p) => !debOf(p));
  if (missing.length > 0) download(missing, debDir);
  for (const p of packages) {
    const deb = debOf(p);
    if (!deb) fail(`apt-get download left no ${p}_*.deb in ${debDir}`);
    const x = run('dpkg', ['-x', join(debDir, deb), pkgDir], ROOT);
    if (!x.ok) fail(`dpkg -x ${deb} failed:\n${x.output}\nDelete ${debDir} and run \`${FIX}\` again.`);
  }
  const wrong: string[] = [];
  for (const f of pending) {
    const src = join(pkgDir, f.path);
    if (!existsSync(src)) {
      wrong.push(`${f.path} is missing from ${f.package} (${manifest.packages[f.package]} expected)`);
      continue;
    }
    const hash = sha256(src);
    if (hash !== f.sha256) {
      wrong.push(`${f.path}: sha256 ${hash}, manifest says ${f.sha256} (${f.package} ${manifest.packages[f.package]})`);
      continue;
    }
    const out = join(CACHE_DIR, f.out);
    mkdirSync(dirname(out), { recursive: true });
    copyFileSync(src, out);
  }
  if (wrong.length > 0) {
    fail(`${wrong.length} file(s) differ from scripts/real-photos/manifest.json:\n  ${wrong.join('\n  ')}`);
  }
  console.log(`photos:real: ${pending.length} file(s) written to ${CACHE_DIR}`);
}

main();
