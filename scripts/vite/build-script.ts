import { build, type Rolldown } from 'vite';

/**
 * Bundles one TypeScript entry into a single classic script (an IIFE: no imports, no module type needed), for
 * files that must keep a stable URL and stand alone: the host script that other sites include, and the service
 * worker. A separate build, so the app's chunking can never split them.
 */
export async function buildClassicScript(
  root: string,
  entry: string,
  define: Record<string, string> = {},
): Promise<string> {
  const result = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    define,
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      lib: { entry, formats: ['iife'], name: 'GlanceScript', fileName: () => 'script.js' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((item) => item.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error(`building ${entry} produced no script`);
  return chunk.code;
}
