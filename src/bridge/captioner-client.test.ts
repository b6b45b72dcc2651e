import { afterEach, describe, expect, it } from 'vitest';
import type { RuntimeInfo } from '../../workers/runtime/wire';
import { CaptionerClient, type ClientStatus } from './captioner-client';

/** A comlink call as the stub worker received it. */
interface Call {
  id: string;
  method: string;
  args: unknown[];
}

/**
 * A Worker stand-in speaking comlink's wire format: it records calls and answers only when the test says so,
 * and can fire the 'error' event a crashed worker fires.
 */
class StubWorker extends EventTarget {
  readonly calls: Call[] = [];
  terminated = false;

  postMessage(message: { id: string; type: string; path: string[]; argumentList?: { value: unknown }[] }): void {
    if (message.type !== 'APPLY') return;
    const args = (message.argumentList ?? []).map((a) => a.value);
    this.calls.push({ id: message.id, method: message.path.join('.'), args });
  }

  terminate(): void {
    this.terminated = true;
  }

  start(): void {}

  callsTo(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  reply(call: Call, value: unknown): void {
    this.dispatchEvent(Object.assign(new Event('message'), { data: { id: call.id, type: 'RAW', value } }));
  }

  fail(call: Call, name: string, message: string): void {
    const value = { isError: true, value: { name, message } };
    const data = { id: call.id, type: 'HANDLER', name: 'throw', value };
    this.dispatchEvent(Object.assign(new Event('message'), { data }));
  }

  crash(message = 'out of memory'): void {
    this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
  }
}

const INFO = { backend: 'wasm', bundle: { name: 'm' } } as unknown as RuntimeInfo;
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

let clients: CaptionerClient[] = [];
afterEach(() => {
  for (const c of clients) c.terminate();
  clients = [];
});

function setup(options: { maxCrashes?: number } = {}) {
  const workers: StubWorker[] = [];
  const client = new CaptionerClient('wasm', {
    spawn: () => {
      const worker = new StubWorker();
      workers.push(worker);
      return worker as unknown as Worker;
    },
    ...options,
  });
  clients.push(client);
  const states: ClientStatus['state'][] = [];
  client.onStatus((s) => states.push(s.state));
  return { client, workers, states, latest: () => workers[workers.length - 1] };
}

async function loaded(s: ReturnType<typeof setup>, url = 'models/m/') {
  const load = s.client.load(url);
  await tick();
  s.latest().reply(s.latest().callsTo('load')[0], INFO);
  await load;
}

describe('CaptionerClient', () => {
  it('gives each caption job its own increasing id and resolves with the worker answer', async () => {
    const s = setup();
    await loaded(s);
    const blob = new Blob(['x']);
    const a = s.client.caption(blob, { style: 'short' });
    const b = s.client.caption(blob);
    await tick();
    const [ca, cb] = s.latest().callsTo('caption');
    expect([ca.args[0], cb.args[0]]).toEqual([1, 2]);
    expect(ca.args[2]).toEqual({ style: 'short' });
    s.latest().reply(cb, { backend: 'wasm', which: 'b' });
    s.latest().reply(ca, { backend: 'wasm', which: 'a' });
    expect(await a).toMatchObject({ which: 'a' });
    expect(await b).toMatchObject({ which: 'b' });
  });

  it('sends an event listener only when the caller has one, with the kinds of event it needs', async () => {
    const s = setup();
    await loaded(s);
    void s.client.caption(new Blob(['x']), { style: 'short' });
    void s.client.caption(new Blob(['x']), { style: 'short' }, { onEvent: () => undefined, events: ['caption'] });
    await tick();
    const [silent, listened] = s.latest().callsTo('caption');
    // No listener: no proxy, so the worker makes and posts no events.
    expect(silent.args[3]).toBeUndefined();
    expect(listened.args[2]).toEqual({ style: 'short', events: ['caption'] });
    expect(listened.args[3]).toBeDefined();
  });

  it('keeps the worker error name (what the UI branches on)', async () => {
    const s = setup();
    await loaded(s);
    const job = s.client.caption(new Blob(['x']));
    await tick();
    s.latest().fail(s.latest().callsTo('caption')[0], 'ImageDecodeError', 'not a readable image');
    await expect(job).rejects.toMatchObject({ name: 'ImageDecodeError', message: 'not a readable image' });
  });

  it('an abort rejects at once with AbortError and asks the worker to cancel that job', async () => {
    const s = setup();
    await loaded(s);
    const controller = new AbortController();
    const job = s.client.caption(new Blob(['x']), {}, { signal: controller.signal });
    await tick();
    controller.abort();
    await expect(job).rejects.toMatchObject({ name: 'AbortError' });
    await tick();
    expect(
      s
        .latest()
        .callsTo('cancel')
        .map((c) => c.args[0]),
    ).toEqual([1]);
    // The worker's late answer changes nothing.
    s.latest().fail(s.latest().callsTo('caption')[0], 'CancelledError', 'cancelled before pass1');
  });

  it('an already aborted signal rejects without sending anything', async () => {
    const s = setup();
    await loaded(s);
    const controller = new AbortController();
    controller.abort();
    await expect(s.client.caption(new Blob(['x']), {}, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    await tick();
    expect(s.latest().callsTo('caption')).toHaveLength(0);
  });

  it('reports loading then ready, and error with the worker error name when nothing has loaded', async () => {
    const s = setup();
    const load = s.client.load('models/broken/');
    expect(s.client.status).toEqual({ state: 'loading', url: 'models/broken/', progress: null, inUse: null });
    await tick();
    s.latest().fail(s.latest().callsTo('load')[0], 'ModelFetchError', 'onnx/connector.onnx not found (HTTP 404)');
    await expect(load).rejects.toMatchObject({ name: 'ModelFetchError' });
    expect(s.client.status).toMatchObject({
      state: 'error',
      url: 'models/broken/',
      error: { name: 'ModelFetchError' },
    });
    const retry = s.client.load('models/m/');
    await tick();
    s.latest().reply(s.latest().callsTo('load')[1], INFO);
    await retry;
    expect(s.states).toEqual(['loading', 'error', 'loading', 'ready']);
    expect(s.client.status).toEqual({ state: 'ready', url: 'models/m/', info: INFO });
  });

  it('keeps the model in use while another loads, and stays ready with it when that load fails', async () => {
    const s = setup();
    await loaded(s, 'models/glance/');
    const load = s.client.load('models/broken/');
    const inUse = { url: 'models/glance/', info: INFO };
    expect(s.client.status).toEqual({ state: 'loading', url: 'models/broken/', progress: null, inUse });
    await tick();
    s.latest().fail(s.latest().callsTo('load')[1], 'ModelFetchError', 'onnx/connector.onnx not found (HTTP 404)');
    await expect(load).rejects.toMatchObject({ name: 'ModelFetchError' });
    expect(s.client.status).toEqual({ state: 'ready', url: 'models/glance/', info: INFO });
  });

  it('an older load that finishes under a newer one captions until the newer one is ready', async () => {
    const s = setup();
    const first = s.client.load('models/first/');
    const second = s.client.load('models/second/');
    await tick();
    const [a, b] = s.latest().callsTo('load');
    s.latest().reply(a, INFO);
    await first;
    expect(s.client.status).toMatchObject({ state: 'loading', url: 'models/second/', inUse: { url: 'models/first/' } });
    const other = { ...INFO, backend: 'webgpu' } as RuntimeInfo;
    s.latest().reply(b, other);
    await second;
    expect(s.client.status).toEqual({ state: 'ready', url: 'models/second/', info: other });
  });

  it('after a crash: in-flight jobs reject with WorkerCrashedError, a fresh worker reloads the last model', async () => {
    const s = setup();
    await loaded(s, 'models/glance/');
    const inFlight = s.client.caption(new Blob(['x']));
    const info = s.client.info();
    await tick();
    const first = s.latest();
    first.crash('out of memory');
    await expect(inFlight).rejects.toMatchObject({ name: 'WorkerCrashedError', message: /out of memory/ });
    await expect(info).rejects.toMatchObject({ name: 'WorkerCrashedError' });
    expect(first.terminated).toBe(true);
    expect(s.workers).toHaveLength(2);
    expect(s.client.status).toMatchObject({ state: 'restarting', url: 'models/glance/', crashes: 1 });

    await tick();
    const reload = s.latest().callsTo('load');
    expect(reload.map((c) => c.args[0])).toEqual(['models/glance/']);
    s.latest().reply(reload[0], INFO);
    await tick();
    expect(s.states).toEqual(['loading', 'ready', 'crashed', 'restarting', 'ready']);

    // The new worker serves new jobs.
    const next = s.client.caption(new Blob(['y']));
    await tick();
    s.latest().reply(s.latest().callsTo('caption')[0], { backend: 'wasm' });
    await expect(next).resolves.toMatchObject({ backend: 'wasm' });
  });

  it('a crash while another model loads reloads the model in use, not the one that was loading', async () => {
    const s = setup();
    await loaded(s, 'models/glance/');
    const loading = s.client.load('models/heavy/');
    await tick();
    s.latest().crash('out of memory');
    await expect(loading).rejects.toMatchObject({ name: 'WorkerCrashedError' });
    expect(s.client.status).toMatchObject({ state: 'restarting', url: 'models/glance/', crashes: 1 });
    await tick();
    expect(
      s
        .latest()
        .callsTo('load')
        .map((c) => c.args[0]),
    ).toEqual(['models/glance/']);
  });

  it('a crash after a failed load reloads the model in use, not the one that failed', async () => {
    const s = setup();
    await loaded(s, 'models/glance/');
    const broken = s.client.load('models/broken/');
    await tick();
    s.latest().fail(s.latest().callsTo('load')[1], 'ModelFormatError', 'not a bundle');
    await expect(broken).rejects.toMatchObject({ name: 'ModelFormatError' });
    s.latest().crash();
    await tick();
    expect(
      s
        .latest()
        .callsTo('load')
        .map((c) => c.args[0]),
    ).toEqual(['models/glance/']);
  });

  it('a crash before any model loaded reloads the last one asked for', async () => {
    const s = setup();
    const first = s.client.load('models/first/');
    await tick();
    s.latest().crash();
    await expect(first).rejects.toMatchObject({ name: 'WorkerCrashedError' });
    await tick();
    expect(
      s
        .latest()
        .callsTo('load')
        .map((c) => c.args[0]),
    ).toEqual(['models/first/']);
  });

  it('stops restarting after too many crashes in a row; calls then fail at once until restart()', async () => {
    const s = setup({ maxCrashes: 1 });
    await loaded(s);
    s.latest().crash();
    await tick();
    s.latest().crash();
    expect(s.workers).toHaveLength(2);
    expect(s.client.status).toMatchObject({ state: 'error', error: { name: 'WorkerCrashedError' } });
    await expect(s.client.caption(new Blob(['x']))).rejects.toMatchObject({ name: 'WorkerCrashedError' });

    const restarted = s.client.restart();
    expect(s.workers).toHaveLength(3);
    await tick();
    s.latest().reply(s.latest().callsTo('load')[0], INFO);
    await expect(restarted).resolves.toEqual(INFO);
  });

  it('a crash before any load restarts the worker without loading anything', async () => {
    const s = setup();
    s.latest().crash();
    expect(s.workers).toHaveLength(2);
    expect(s.client.status.state).toBe('idle');
    await tick();
    expect(s.latest().calls).toHaveLength(0);
  });
});
