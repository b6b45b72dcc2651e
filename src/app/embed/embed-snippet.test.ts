import { describe, expect, it } from 'vitest';
import { embedSnippet } from './embed-snippet';

describe('embedSnippet', () => {
  it('points the script and the widget at this app', () => {
    const html = embedSnippet('https://glance.example/app/', 'demo');
    expect(html).toContain('<script src="https://glance.example/app/embed/glance-embed.js"></script>');
    expect(html).toContain("src: 'https://glance.example/app/embed.html', mode: 'demo'");
    expect(html).not.toContain('widget.caption(blob)');
  });

  it('names a model other than the default, safely quoted', () => {
    const html = embedSnippet('https://g/', 'demo', 'https://m.example/a"b</script>/');
    expect(html).toContain(`mode: 'demo', model: "https://m.example/a\\"b\\u003c/script>/" });`);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });

  it('shows image mode how to send an image', () => {
    expect(embedSnippet('https://g/', 'image')).toContain('widget.caption(blob)');
  });
});
