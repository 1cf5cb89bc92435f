import { randomBytes } from 'node:crypto';

/** One body part of a multipart message: its headers (lower-case names) and bytes. */
export interface Part {
  headers: Record<string, string>;
  body: Uint8Array;
}

/** The `boundary` parameter of a multipart Content-Type, unquoted; null if absent. */
export function boundaryOf(contentType: string | null): string | null {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/**
 * Splits a multipart/related body (RFC 2046 / DICOM PS3.18) into its parts. Written by hand:
 * the parts are binary DICOM, and no maintained Node library handles multipart/related.
 */
export function parseMultipart(body: Uint8Array, boundary: string): Part[] {
  const data = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const parts: Part[] = [];
  let at = data.indexOf(delimiter);
  if (at === -1) throw new Error('multipart: no boundary');
  for (;;) {
    let start = at + delimiter.byteLength;
    // The closing delimiter is "--boundary--".
    if (data[start] === 0x2d && data[start + 1] === 0x2d) break;
    start = skipLineEnd(data, start);
    const next = data.indexOf(delimiter, start);
    if (next === -1) throw new Error('multipart: unterminated part');
    // The CRLF before a delimiter belongs to the delimiter.
    let end = next;
    if (data[end - 1] === 0x0a) end--;
    if (data[end - 1] === 0x0d) end--;
    const headerEnd = findHeaderEnd(data, start, end);
    const headers: Record<string, string> = {};
    for (const line of data.subarray(start, headerEnd.headers).toString('latin1').split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: new Uint8Array(data.subarray(headerEnd.body, end)) });
    at = next;
  }
  return parts;
}

function skipLineEnd(data: Buffer, at: number): number {
  let position = at;
  while (data[position] === 0x20 || data[position] === 0x09) position++;
  if (data[position] === 0x0d) position++;
  if (data[position] === 0x0a) position++;
  return position;
}

function findHeaderEnd(data: Buffer, start: number, end: number): { headers: number; body: number } {
  const crlf = data.indexOf('\r\n\r\n', start, 'latin1');
  if (crlf !== -1 && crlf < end) return { headers: crlf, body: crlf + 4 };
  const lf = data.indexOf('\n\n', start, 'latin1');
  if (lf !== -1 && lf < end) return { headers: lf, body: lf + 2 };
  // A part without headers starts with its blank line.
  return { headers: start, body: start };
}

/** A multipart/related body of `type` parts, and its Content-Type header value. */
export function buildMultipart(bodies: readonly Uint8Array[], type: string): { body: Buffer<ArrayBuffer>; contentType: string } {
  const boundary = `cw-${randomBytes(16).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const body of bodies) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Type: ${type}\r\nContent-Length: ${body.byteLength}\r\n\r\n`, 'latin1'));
    chunks.push(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    chunks.push(Buffer.from('\r\n', 'latin1'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  return { body: Buffer.concat(chunks), contentType: `multipart/related; type="${type}"; boundary=${boundary}` };
}
