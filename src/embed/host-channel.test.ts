import { describe, expect, it } from 'vitest';
import { HostChannel, type ChannelWindow } from './host-channel';
import type { HostMessage } from '../embed-protocol/protocol';

const HOST = 'https://host.example';

function setup(hostOrigin: string | null = HOST) {
  const listeners = new Set<(event: MessageEvent) => void>();
  const win: ChannelWindow = {
    addEventListener: (_type, listener) => listeners.add(listener),
    removeEventListener: (_type, listener) => listeners.delete(listener),
  };
  const posted: { message: unknown; targetOrigin: string }[] = [];
  const parent = { postMessage: (message: unknown, targetOrigin: string) => posted.push({ message, targetOrigin }) };
  const received: HostMessage[] = [];
  const logs: string[] = [];
  const channel = new HostChannel({
    window: win,
    parent,
    hostOrigin,
    onMessage: (m) => received.push(m),
    log: (line) => logs.push(line),
  });
  const deliver = (data: unknown, origin: string, source: unknown = parent) => {
    const event = { data, origin, source } as unknown as MessageEvent;
    for (const listener of [...listeners]) listener(event);
  };
  return { channel, deliver, posted, received, logs, listeners, parent };
}

describe('HostChannel', () => {
  it('accepts a valid message from the host origin and the parent window', () => {
    const { deliver, received, channel } = setup();
    deliver({ v: 1, type: 'pause' }, HOST);
    expect(received).toEqual([{ v: 1, type: 'pause' }]);
    expect(channel.ignored.total).toBe(0);
  });

  it('ignores other origins, including look-alikes, and counts them', () => {
    const { deliver, received, channel, logs } = setup();
    for (const origin of ['https://evil.example', 'https://host.example.evil', 'http://host.example', 'null', '']) {
      deliver({ v: 1, type: 'pause' }, origin);
    }
    expect(received).toEqual([]);
    expect(channel.ignored).toMatchObject({ total: 5, wrongOrigin: 5, wrongSource: 0, badShape: 0 });
    expect(logs[0]).toMatch(/ignored message from https:\/\/evil\.example/);
  });

  it('ignores the host origin from another window (a sibling frame of the same origin)', () => {
    const { deliver, received, channel } = setup();
    deliver({ v: 1, type: 'pause' }, HOST, { postMessage() {} });
    expect(received).toEqual([]);
    expect(channel.ignored.wrongSource).toBe(1);
  });

  it('ignores malformed messages from the host', () => {
    const { deliver, received, channel } = setup();
    deliver({ v: 1, type: 'pause', x: 1 }, HOST);
    deliver('pause', HOST);
    expect(received).toEqual([]);
    expect(channel.ignored.badShape).toBe(2);
    expect(channel.ignored.recent.at(-1)).toBe('malformed message from https://host.example: not a plain object');
  });

  it('posts only to the host origin, never to "*"', () => {
    const { channel, posted } = setup();
    expect(channel.post({ v: 1, type: 'error', name: 'E', message: 'm' })).toBe(true);
    expect(posted).toEqual([{ message: { v: 1, type: 'error', name: 'E', message: 'm' }, targetOrigin: HOST }]);
  });

  it('standalone (no origin) posts nothing and accepts nothing', () => {
    const { channel, posted, deliver, received } = setup(null);
    expect(channel.post({ v: 1, type: 'error', name: 'E', message: 'm' })).toBe(false);
    deliver({ v: 1, type: 'pause' }, 'https://anyone.example');
    expect(posted).toEqual([]);
    expect(received).toEqual([]);
  });

  it('rate-limits the log under a flood but counts everything', () => {
    const { deliver, channel, logs } = setup();
    for (let i = 0; i < 1000; i++) deliver({ v: 1, type: 'pause' }, 'https://flood.example');
    expect(channel.ignored.total).toBe(1000);
    expect(logs.length).toBe(5 + 10);
    expect(channel.ignored.recent).toHaveLength(10);
  });

  it('stops listening and posting once closed', () => {
    const { channel, listeners, posted } = setup();
    channel.close();
    expect(listeners.size).toBe(0);
    expect(channel.post({ v: 1, type: 'error', name: 'E', message: 'm' })).toBe(false);
    expect(posted).toEqual([]);
  });
});
