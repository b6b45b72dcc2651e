/** The shell's places; later issues fill each one. */
export const ROUTES = [
  { id: 'live', label: 'Live', blurb: 'Live captions of your webcam, updated as the scene changes.' },
  { id: 'images', label: 'Images', blurb: 'Drop, paste or pick images for detailed captions.' },
  { id: 'video', label: 'Video', blurb: 'Caption a video file scene by scene, and save the captions as WebVTT.' },
  { id: 'embed', label: 'Embed', blurb: 'Put Glance in your own page as an iframe widget.' },
  { id: 'settings', label: 'Settings', blurb: 'The model in use and what is stored for offline use.' },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];

/** `#/images` -> 'images'; unknown or empty hashes land on the first place. */
export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '');
  return ROUTES.find((r) => r.id === id)?.id ?? ROUTES[0].id;
}
