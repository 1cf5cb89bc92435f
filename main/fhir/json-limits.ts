/** Limits on an untrusted FHIR file, checked before and while it is parsed. */
export const MAX_BUNDLE_BYTES = 50 * 1024 * 1024;
/** FHIR resources nest a dozen levels deep at most; a file far deeper is an attack on the parser, not a chart. */
export const MAX_JSON_DEPTH = 64;

/**
 * The deepest nesting of arrays and objects in JSON text, stopping as soon as
 * it passes `limit`: one pass over the characters, strings skipped, so a
 * hostile file never reaches the recursive parser.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
