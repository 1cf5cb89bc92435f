/**
 * The renderer's Content-Security-Policy, sent as a header with every page the
 * app serves (the page's meta tag repeats it). No remote origin appears at all;
 * antd's CSS-in-JS needs inline styles, never inline or evaluated scripts. The image
 * viewer's decoders are WebAssembly compiled in same-origin module workers:
 * 'wasm-unsafe-eval' allows compiling WebAssembly only, not eval of JavaScript.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};
