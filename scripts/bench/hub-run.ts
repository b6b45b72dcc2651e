/**
 * The hub families in the browser (issue 15): each designed tiny fixture served with the hub's URL layout by the
 * fixtures' own server (scripts/hub-fixtures/hub-server.ts: CORS and byte ranges, as transformers.js needs), loaded
 * by URL through the app's worker on WASM and timed per caption with the world model's runner (page-cases.ts). The
 * bench's static server sends no Content-Security-Policy, so the page may fetch from that second origin, as the e2e
 * specs' pages do under the app's connect-src (http://127.0.0.1:*). One fresh profile per family, so each load is
 * a first visit; one family failing becomes its error, and the others still run.
 */
import { chromium, type BrowserContext } from '@playwright/test';
import type { CaptionStyle } from '../../src/core/bundle/config';
import type { HubFamilyMeasurement } from '../../src/bench/hub-types';
import { median } from '../../src/bench/stats';
import { formatMs } from '../../src/bench/format';
import { FIXTURE_ROOT } from '../hub-fixtures/design';
import { startHubServer } from '../hub-fixtures/hub-server';
import { CHROMIUM_ARGS } from '../chromium-flags';
import { newBenchContext, WORLD_QUERY } from './browser';
import type { CaseSpec } from './caption-cases';
import { hubFixtureRepos, type HubFixtureRepo } from './hub-repos';
import { interleaveCases } from './interleave';
import { browserRunner } from './page-cases';

export interface HubRunOptions {
  executablePath: string;
  /** The bench server's origin: the built app (the test build, window.__glance) and the inputs. */
  origin: string;
  /** The inputs, as URLs on the app's origin. */
  imageUrls: string[];
  runs: number;
  /** Rounds over the first inputs before timing, thrown away (the load's own warm-up caption comes first). */
  warmup: number;
  style: CaptionStyle;
  log: (line: string) => void;
}

/** Longest a family may take, load and captions together; past it the family is a failure, not a hang. */
const FAMILY_TIMEOUT_MS = 300_000;

export async function runHubBench(options: HubRunOptions): Promise<HubFamilyMeasurement[]> {
  const repos = hubFixtureRepos(FIXTURE_ROOT);
  if (repos.length === 0) throw new Error(`no hub fixture under ${FIXTURE_ROOT} (npm run hub:fixtures)`);
  const hub = await startHubServer({ root: FIXTURE_ROOT });
  const browser = await chromium.launch({ executablePath: options.executablePath, args: [...CHROMIUM_ARGS] });
  try {
    const out: HubFamilyMeasurement[] = [];
    for (const repo of repos) {
      const context = await newBenchContext(browser, options.style);
      const measured = emptyMeasurement(repo);
      const timed = timeFamily(context, `${hub.url}${repo.repoId}/resolve/main/`, measured, options);
      // Closing the context on a timeout rejects the page call still waiting; that rejection is not news.
      timed.catch(() => undefined);
      try {
        await withTimeout(timed, FAMILY_TIMEOUT_MS, `${repo.repoId} took over ${FAMILY_TIMEOUT_MS / 1000} s`);
      } catch (error) {
        measured.error = errorLine(error);
        options.log(`  ${repo.repoId}: failed: ${measured.error}`);
      } finally {
        await context.close().catch(() => undefined);
      }
      out.push(measured);
    }
    return out;
  } finally {
    await browser.close().catch(() => undefined);
    await hub.close();
  }
}

function emptyMeasurement(repo: HubFixtureRepo): HubFamilyMeasurement {
  return { ...repo, loadMs: null, warmupMs: null, threads: null, coarse: [], refined: [], error: null };
}

/** Fills `out` as it goes, so a family that fails mid-way keeps what it measured before. */
async function timeFamily(
  context: BrowserContext,
  url: string,
  out: HubFamilyMeasurement,
  options: HubRunOptions,
): Promise<void> {
  const page = await context.newPage();
  // The world model first (small, from the bench server): the page is up and ORT initialised, so the timed load
  // is the hub model's own. #/embed mounts no Live view, so nothing else captions meanwhile.
  await page.goto(`${options.origin}/${WORLD_QUERY}#/embed`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__bench?.readyState != null, null, { timeout: 180_000, polling: 100 });
  const state = await page.evaluate(() => window.__bench!.readyState);
  if (state === 'error') throw new Error('the app failed to load its world model before the hub model');
  out.loadMs = await page.evaluate(async (spec) => {
    const started = performance.now();
    await window.__glance!.client.load(spec);
    return performance.now() - started;
  }, url);
  const info = await page.evaluate(() => window.__glance!.client.info());
  if (info.bundle?.name !== out.repoId) throw new Error(`the page runs ${info.bundle?.name ?? 'no model'}, not it`);
  out.warmupMs = info.bundle.warmupMs;
  const runner = await browserRunner(page, 'wasm', options.imageUrls);
  out.threads = runner.threads;
  const cases = await interleaveCases([runner], {
    images: options.imageUrls.length,
    cases: hubCases(options.style),
    runs: options.runs,
    warmup: options.warmup,
    noCacheImages: 0,
  });
  out.coarse = cases.find((c) => !c.refine)?.samples ?? [];
  out.refined = cases.find((c) => c.refine)?.samples ?? [];
  options.log(
    `  ${out.repoId}: load ${out.loadMs.toFixed(0)} ms, ${out.refined.length} captions per mode, ` +
      `median coarse + refined ${out.refined.length ? formatMs(median(out.refined.map((s) => s.totalMs))) : '–'}`,
  );
}

/** Coarse only and coarse + refined (the second look), in one style, with the KV cache as the app runs. */
export function hubCases(style: CaptionStyle): CaseSpec[] {
  return [false, true].map((refine) => ({ style, refine, useCache: true }));
}

/** An error in one line: Playwright appends its call log to a page error, which the report does not need. */
function errorLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const line = text.split('\n')[0].trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
