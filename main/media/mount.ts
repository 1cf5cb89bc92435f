import { MEDIA_PREFIX, type MediaHandler } from './handler.ts';

/** One handler for an origin: `/media/…` to the media routes, everything else to the page's static files. */
export function withMedia(media: MediaHandler, fallback: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  return (request) => (new URL(request.url).pathname.startsWith(MEDIA_PREFIX) ? media(request) : fallback(request));
}
