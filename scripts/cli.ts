/**
 * The command-line parsing every `npm run` script shares: node:util's parseArgs plus `--help` / `-h`, which
 * prints the script's own header comment (its usage, kept in one place), and a one-line error with exit status 2
 * for a mistyped option, instead of Node's stack trace.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Parsed<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

/** What the arguments ask for: to run (parsed), the usage, or nothing because they are wrong. */
export type CliRequest<T extends ParseArgsConfig> =
  { kind: 'run'; parsed: Parsed<T> } | { kind: 'help' } | { kind: 'error'; message: string };

/** Parses `args` (default: the process's) against `config`; never throws for what a user mistyped. */
export function readCli<const T extends ParseArgsConfig>(config: T, args?: string[]): CliRequest<T> {
  const argv = args ?? config.args ?? process.argv.slice(2);
  // Before parsing, so `--help` works beside an option the parser would reject.
  const dashDash = argv.indexOf('--');
  const own = dashDash === -1 ? argv : argv.slice(0, dashDash);
  if (own.includes('--help') || own.includes('-h')) return { kind: 'help' };
  try {
    return { kind: 'run', parsed: parseArgs({ ...config, args: argv }) as Parsed<T> };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
      return { kind: 'error', message: (error as Error).message };
    }
    throw error;
  }
}

/**
 * The first block comment of a source file, without its comment marks: the script's usage. `moduleUrl` is the
 * script's `import.meta.url`.
 */
export function usageOf(moduleUrl: string): string {
  const source = readFileSync(fileURLToPath(moduleUrl), 'utf8');
  const block = /\/\*\*([\s\S]*?)\*\//.exec(source);
  if (!block) return '';
  return block[1]
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
}

/**
 * `readCli` for a script's top level: prints the usage (the header comment of `moduleUrl`) and exits 0 on
 * `--help`; prints the mistake and exits 2 on a wrong option; otherwise returns what parseArgs returns.
 */
export function parseCli<const T extends ParseArgsConfig>(moduleUrl: string, config: T): Parsed<T> {
  const request = readCli(config);
  if (request.kind === 'run') return request.parsed;
  if (request.kind === 'help') {
    console.log(usageOf(moduleUrl));
    process.exit(0);
  }
  console.error(`${basename(fileURLToPath(moduleUrl))}: ${request.message}\nRun it with --help for its options.`);
  process.exit(2);
}
