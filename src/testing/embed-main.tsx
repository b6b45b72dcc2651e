/**
 * The test build's widget entry (embed.html's script in `vite build --mode e2e`; README.md): src/embed/main.tsx
 * with window.__glanceEmbed for the e2e suite. The widget keeps the app's worker: its specs need no worker hook.
 */
import { startWidget } from '../embed/start-widget';
import { installEmbedTestHook } from './embed-test-hook';

installEmbedTestHook(startWidget());
