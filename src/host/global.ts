/**
 * Entry of the classic script `<base>embed/glance-embed.js` (one file, no imports, no module needed): puts
 * the host API on `window.Glance`. See glance-embed.ts and docs/embed.md.
 */
import { mount, type GlanceWidget, type MountOptions } from './glance-embed';

export interface GlanceGlobal {
  /** The protocol version this script speaks. */
  version: 1;
  mount(target: Element | string, options: MountOptions): GlanceWidget;
}

declare global {
  interface Window {
    Glance?: GlanceGlobal;
  }
}

window.Glance = { version: 1, mount };
