import { describe, expect, it } from 'vitest';
import { readCli, usageOf } from './cli';

const config = {
  allowPositionals: true,
  options: { model: { type: 'string', default: 'real' }, json: { type: 'boolean', default: false } },
} as const;

describe('readCli', () => {
  it('parses known options and positionals as parseArgs does', () => {
    const request = readCli(config, ['--model', 'world', '--json', 'a.png']);
    expect(request.kind).toBe('run');
    if (request.kind !== 'run') return;
    expect(request.parsed.values).toEqual({ model: 'world', json: true });
    expect(request.parsed.positionals).toEqual(['a.png']);
  });

  it('asks for the usage on --help or -h, even beside a mistyped option', () => {
    expect(readCli(config, ['--help']).kind).toBe('help');
    expect(readCli(config, ['-h', 'a.png']).kind).toBe('help');
    expect(readCli(config, ['--modle', 'x', '--help']).kind).toBe('help');
  });

  it('does not take a --help after -- for its own', () => {
    const request = readCli(config, ['--', '--help']);
    expect(request.kind).toBe('run');
    if (request.kind === 'run') expect(request.parsed.positionals).toEqual(['--help']);
  });

  it('turns a mistyped option or a missing value into a message instead of a throw', () => {
    const unknown = readCli(config, ['--modle', 'world']);
    expect(unknown).toMatchObject({ kind: 'error' });
    if (unknown.kind === 'error') expect(unknown.message).toContain('--modle');
    expect(readCli(config, ['--model'])).toMatchObject({ kind: 'error' });
    expect(readCli({ options: {} }, ['stray'])).toMatchObject({ kind: 'error' });
  });
});

describe('usageOf', () => {
  it("reads a script's header comment without its comment marks", () => {
    const usage = usageOf(new URL('./caption.ts', import.meta.url).href);
    expect(usage).toContain('npm run caption -- [--model');
    expect(usage).not.toMatch(/^\s*\*/m);
    expect(usage).not.toContain('*/');
  });
});
