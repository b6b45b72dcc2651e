import type { EmbedMode } from '../../embed-protocol/protocol';

/**
 * The HTML a site pastes to embed Glance from `appUrl` (this app's base URL, ending with '/'); `model` is a
 * bundle URL other than the widget's default, or null.
 */
export function embedSnippet(appUrl: string, mode: EmbedMode, model: string | null = null): string {
  // A JSON string is a JS string literal; '<' escaped so a URL cannot close the <script> element.
  const modelOption = model ? `, model: ${JSON.stringify(model).replace(/</g, '\\u003c')}` : '';
  return [
    `<script src="${appUrl}embed/glance-embed.js"></script>`,
    `<div id="glance"></div>`,
    `<script>`,
    `  const widget = Glance.mount('#glance', { src: '${appUrl}embed.html', mode: '${mode}'${modelOption} });`,
    `  widget.ready.then((info) => console.log('Glance runs on', info.backend));`,
    `  widget.on('caption', (caption) => console.log(caption.text));`,
    mode === 'image' ? `  // widget.caption(blob).then((caption) => ...) captions an image of yours.` : null,
    `</script>`,
  ]
    .filter((line) => line !== null)
    .join('\n');
}
