import type { EmbedMode } from '../../embed/protocol';

/** The HTML a site pastes to embed Glance from `appUrl` (this app's base URL, ending with '/'). */
export function embedSnippet(appUrl: string, mode: EmbedMode): string {
  return [
    `<script src="${appUrl}embed/glance-embed.js"></script>`,
    `<div id="glance"></div>`,
    `<script>`,
    `  const widget = Glance.mount('#glance', { src: '${appUrl}embed.html', mode: '${mode}' });`,
    `  widget.ready.then((info) => console.log('Glance runs on', info.backend));`,
    `  widget.on('caption', (caption) => console.log(caption.text));`,
    mode === 'image' ? `  // widget.caption(blob).then((caption) => ...) captions an image of yours.` : null,
    `</script>`,
  ]
    .filter((line) => line !== null)
    .join('\n');
}
