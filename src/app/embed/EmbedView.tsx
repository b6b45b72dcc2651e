import { useEffect, useRef, useState } from 'react';
import { mount, type GlanceWidget } from '../../host/glance-embed';
import type { EmbedMode } from '../../embed-protocol/protocol';
import { CopyButton } from '../common/CopyButton';
import { embedSnippet } from './embed-snippet';
import '../common/common.css';
import './embed-view.css';

/** Events shown under the preview, newest first. */
const MAX_PREVIEW_EVENTS = 6;

/**
 * How to put Glance on another page, with a live preview that uses the same host script a site would.
 * `modelUrl`: the model in use when it is not the default (the snippet and the preview use it), else null.
 */
export function EmbedView({ modelUrl }: { modelUrl: string | null }) {
  const appUrl = new URL(import.meta.env.BASE_URL, window.location.origin).href;
  const [mode, setMode] = useState<EmbedMode>('demo');
  const [running, setRunning] = useState(false);
  const snippet = embedSnippet(appUrl, mode, modelUrl);

  return (
    <section aria-labelledby="view-title" className="view embed-view">
      <h2 id="view-title">Embed</h2>
      <p>
        Put Glance in any page as an iframe widget: it captions in the visitor’s browser, like this app, and tells your
        page each caption through a small message protocol (docs/embed.md). Nothing is uploaded.
      </p>
      <div className="panel">
        <div className="panel-head">
          <h3>Code</h3>
          <label>
            Mode{' '}
            <select value={mode} onChange={(e) => setMode(e.target.value as EmbedMode)} disabled={running}>
              <option value="demo">demo camera</option>
              <option value="camera">webcam</option>
              <option value="image">images</option>
            </select>
          </label>
          <CopyButton text={snippet} label="Copy code" />
        </div>
        <pre className="embed-snippet" data-testid="embed-snippet">
          <code>{snippet}</code>
        </pre>
        <p className="muted">
          The widget loads its own copy of the model, answers only the page that embedded it, and runs with one WASM
          thread unless that page is cross-origin isolated and the iframe has <code>allow="cross-origin-isolated"</code>{' '}
          (the script sets it).
        </p>
      </div>
      <div className="panel">
        <div className="panel-head">
          <h3>Preview</h3>
          <button type="button" onClick={() => setRunning((r) => !r)}>
            {running ? 'Stop preview' : 'Start preview'}
          </button>
        </div>
        {running ? (
          <Preview appUrl={appUrl} mode={mode} modelUrl={modelUrl} />
        ) : (
          <p className="muted">The preview loads a second copy of the model.</p>
        )}
      </div>
    </section>
  );
}

function Preview({ appUrl, mode, modelUrl }: { appUrl: string; mode: EmbedMode; modelUrl: string | null }) {
  const slot = useRef<HTMLDivElement>(null);
  const [events, setEvents] = useState<string[]>([]);
  // Kept apart from the event list, which the live captions would push it out of within seconds.
  const [ready, setReady] = useState<string | null>(null);

  useEffect(() => {
    if (!slot.current) return;
    const widget: GlanceWidget = mount(slot.current, {
      src: `${appUrl}embed.html`,
      mode,
      model: modelUrl ?? undefined,
      height: '340px',
    });
    const add = (line: string) => setEvents((list) => [line, ...list].slice(0, MAX_PREVIEW_EVENTS));
    widget.on('ready', (info) => {
      const line = `ready: ${info.backend}, ${info.wasmThreads} thread(s)`;
      setReady(line);
      add(line);
    });
    widget.on('caption', (c) => add(`caption${c.id ? ` ${c.id}` : ''}: ${c.text}`));
    widget.on('error', (e) => add(`error: ${e.name}: ${e.message}`));
    return () => widget.destroy();
  }, [appUrl, mode, modelUrl]);

  return (
    <div className="embed-preview">
      <div ref={slot} data-testid="embed-preview" />
      <p className="muted" data-testid="embed-preview-ready">
        {ready ? `Widget ${ready}` : 'Waiting for the widget…'}
      </p>
      <ol className="embed-events" aria-label="Messages from the widget" data-testid="embed-preview-events">
        {events.map((line, i) => (
          <li key={`${events.length - i}`}>{line}</li>
        ))}
      </ol>
    </div>
  );
}
