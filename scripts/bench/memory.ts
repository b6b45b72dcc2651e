/**
 * Memory readings during the live run: the page's and the captioner worker's JS heaps over CDP (after a
 * garbage collection, so growth means retained memory), and the resident memory of the browser's renderer
 * processes from /proc, which also holds ORT's WASM memory (CDP's heap figures do not).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from '@playwright/test';
import type { MemorySnapshot } from '../../src/bench/bench-types';

interface HeapUsage {
  usedSize: number;
  backingStorageSize?: number;
}

/**
 * A CDP channel to a worker target. Playwright's CDPSession cannot address a child session, so this uses the
 * browser session's Target.sendMessageToTarget (non-flat attach), which Chromium 156 still serves.
 */
export class WorkerCdp {
  private nextId = 1;
  private readonly replies = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();

  private constructor(
    private readonly browserSession: CDPSession,
    private readonly sessionId: string,
  ) {
    browserSession.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
      if (event.sessionId !== this.sessionId) return;
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id !== undefined) this.replies.get(message.id)?.(message);
    });
  }

  /** Attaches to the first worker whose URL contains `urlPart`; null when there is none. */
  static async attach(browser: Browser, urlPart: string): Promise<WorkerCdp | null> {
    const session = await browser.newBrowserCDPSession();
    const { targetInfos } = await session.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'worker' && t.url.includes(urlPart));
    if (!target) return null;
    const { sessionId } = await session.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    return new WorkerCdp(session, sessionId);
  }

  send<T>(method: string, params: Record<string, unknown> = {}, timeoutMs = 20_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.replies.delete(id);
        reject(new Error(`worker CDP ${method}: no reply in ${timeoutMs} ms`));
      }, timeoutMs);
      this.replies.set(id, (message) => {
        clearTimeout(timer);
        this.replies.delete(id);
        if (message.error) reject(new Error(`worker CDP ${method}: ${message.error.message}`));
        else resolve(message.result as T);
      });
      const message = JSON.stringify({ id, method, params });
      this.browserSession.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message }).catch(reject);
    });
  }
}

/**
 * Memory of the renderer processes below the browser process `browserPid`: their private pages (USS: private
 * clean + dirty from smaps_rollup), which hold the JS heaps and ORT's WASM memory. Not the resident or
 * proportional size: those count pages shared with the zygote and with every other Chromium on the machine,
 * and moved by -60 % while teammates' browsers came and went.
 */
export function rendererPrivate(browserPid: number): number | null {
  // The browser's own UI (omnibox popups) runs in a renderer too; it is not the page's.
  return childrenPrivate(
    browserPid,
    (command) => command.includes('--type=renderer') && !command.includes('--top-chrome-webui'),
  );
}

/**
 * The same for the browser's GPU process (issue 16's third process): it holds the compositor's and, with a GPU,
 * WebGPU's buffers; here it runs SwiftShader or no GPU at all, and still composites the page's video.
 */
export function gpuProcessPrivate(browserPid: number): number | null {
  return childrenPrivate(browserPid, (command) => command.includes('--type=gpu-process'));
}

/** Summed private memory of the processes below `browserPid` whose command line `wanted` accepts. */
function childrenPrivate(browserPid: number, wanted: (command: string) => boolean): number | null {
  const parents = new Map<number, number>();
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent; the command name (field 2) may hold spaces, so split after it.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      pids.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  const below = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === browserPid) return true;
    return false;
  };
  let total = 0;
  let found = false;
  for (const pid of pids) {
    if (!below(pid)) continue;
    try {
      if (!wanted(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))) continue;
      const bytes = privateBytes(pid);
      if (bytes !== null) {
        total += bytes;
        found = true;
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return found ? total : null;
}

function privateBytes(pid: number): number | null {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? NaN);
    const kb = field('Private_Clean') + field('Private_Dirty');
    return Number.isFinite(kb) ? kb * 1024 : null;
  } catch {
    return null;
  }
}

export interface MemoryProbe {
  page: Page;
  pageCdp: CDPSession;
  worker: WorkerCdp | null;
  browserPid: number | null;
  /**
   * Also call performance.measureUserAgentSpecificMemory(), which counts WASM memory too. It takes a minute here
   * (ORT's idle pthreads never reach the GC it waits for, so Chromium's 60 s deadline answers), hence optional.
   */
  userAgentSpecific: boolean;
}

async function heap(read: () => Promise<HeapUsage>): Promise<HeapUsage | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}

export async function memorySnapshot(probe: MemoryProbe, atMs: number, captions: number): Promise<MemorySnapshot> {
  const { pageCdp, worker } = probe;
  await pageCdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
  await worker?.send('HeapProfiler.collectGarbage').catch(() => undefined);
  const pageHeap = await heap(() => pageCdp.send('Runtime.getHeapUsage'));
  const workerHeap = worker ? await heap(() => worker.send<HeapUsage>('Runtime.getHeapUsage')) : null;
  let userAgentSpecificBytes: number | null = null;
  if (probe.userAgentSpecific) {
    userAgentSpecificBytes = await probe.page
      .evaluate(async () => {
        const measure = (
          performance as unknown as { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> }
        ).measureUserAgentSpecificMemory;
        return measure ? (await measure.call(performance)).bytes : null;
      })
      .catch(() => null);
  }
  return {
    atMs,
    captions,
    userAgentSpecificBytes,
    pageHeapBytes: pageHeap?.usedSize ?? null,
    pageBackingStoreBytes: pageHeap?.backingStorageSize ?? null,
    workerHeapBytes: workerHeap?.usedSize ?? null,
    workerBackingStoreBytes: workerHeap?.backingStorageSize ?? null,
    rendererPrivateBytes: probe.browserPid === null ? null : rendererPrivate(probe.browserPid),
    gpuProcessPrivateBytes: probe.browserPid === null ? null : gpuProcessPrivate(probe.browserPid),
  };
}
