/** Facts about the machine a report was measured on, for its header (Node only). */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import type { MachineFacts } from '../../src/bench/bench-types';

/** "Debian 12" from /etc/os-release, or the platform name. */
function osName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    const name = /^NAME="?([^"\n]+)"?/m.exec(release)?.[1]?.replace(' GNU/Linux', '');
    const version = /^VERSION_ID="?([^"\n]+)"?/m.exec(release)?.[1];
    if (name) return version ? `${name} ${version}` : name;
  } catch {
    // not Linux
  }
  return process.platform;
}

/** A GPU visible to this machine: a DRM render node or the NVIDIA tool. Browsers may still not use it. */
function hasGpu(): boolean {
  return existsSync('/dev/dri') || existsSync('/dev/nvidia0');
}

export function chromiumVersion(executable: string): string | null {
  try {
    // Debian's wrapper script complains on stderr about its own memory check; the version is on stdout.
    const stdio: ['ignore', 'pipe', 'ignore'] = ['ignore', 'pipe', 'ignore'];
    return execFileSync(executable, ['--version'], { encoding: 'utf8', timeout: 20_000, stdio }).trim();
  } catch {
    return null;
  }
}

export const loadAverage = (): number[] => loadavg().map((l) => Math.round(l * 100) / 100);

export function machineFacts(chromium: string | null = null): MachineFacts {
  const cores = cpus();
  const os = osName();
  return {
    description: `${cores.length} cores, ${hasGpu() ? 'a GPU device' : 'no GPU'}, ${os}`,
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os,
    node: process.version,
    chromium,
    loadAverageStart: loadAverage(),
    loadAverageEnd: loadAverage(),
  };
}

/** Local calendar date, YYYY-MM-DD: the reports folder's name. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
