#!/usr/bin/env node
/**
 * Draws the Clinic Workstation app icon and writes the files electron-builder
 * takes from `buildResources` (resources/):
 *
 *   resources/icon.png  1024×1024 RGBA PNG (Linux, macOS conversion, window icon)
 *   resources/icon.ico  16, 24, 32, 48, 64, 128 (32-bit DIB) and 256 (PNG) — Windows
 *                       exe, NSIS and MSI
 *
 * The icon is a white medical cross on a rounded teal tile, rendered from
 * signed-distance shapes with 4×4 supersampling at every size (so small ICO
 * frames are drawn, not downscaled). No dependency beyond Node itself:
 *
 *   node build/make-icons.mjs            # rewrite resources/icon.{png,ico}
 *   node build/make-icons.mjs --check    # exit 1 if the committed files differ
 *
 * Output is deterministic, so `--check` can guard the committed binaries.
 */
import { deflateSync, crc32 } from 'node:zlib';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESOURCES = join(ROOT, 'resources');

export const PNG_SIZE = 1024;
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

// Colours (sRGB 0–255): a calm clinical teal, darker towards the bottom.
const TILE_TOP = [19, 138, 148];
const TILE_BOTTOM = [10, 92, 112];
const CROSS = [255, 255, 255];

/** Signed distance from (px, py) to a rounded box centred at the origin with half-size (bx, by). */
function roundedBox(px, py, bx, by, r) {
  const qx = Math.abs(px) - bx + r;
  const qy = Math.abs(py) - by + r;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  const inside = Math.min(Math.max(qx, qy), 0);
  return outside + inside - r;
}

/** Colour of the icon at normalised point (x, y) in [-0.5, 0.5]², or null where transparent. */
function shade(x, y, size) {
  // Small icons get a slightly larger tile and bolder cross so they stay legible.
  const small = size <= 32;
  const tileHalf = small ? 0.5 : 0.46;
  const tileRadius = small ? 0.16 : 0.2;
  const armHalfLength = small ? 0.34 : 0.3;
  const armHalfWidth = small ? 0.12 : 0.1;
  const armRadius = small ? 0.02 : 0.035;

  const cross = Math.min(
    roundedBox(x, y, armHalfLength, armHalfWidth, armRadius),
    roundedBox(x, y, armHalfWidth, armHalfLength, armRadius),
  );
  if (cross <= 0) return CROSS;
  if (roundedBox(x, y, tileHalf, tileHalf, tileRadius) <= 0) {
    const t = Math.min(1, Math.max(0, (y + tileHalf) / (2 * tileHalf)));
    return [0, 1, 2].map((i) => TILE_TOP[i] + (TILE_BOTTOM[i] - TILE_TOP[i]) * t);
  }
  return null;
}

/** Renders a size×size RGBA (straight alpha) buffer. */
export function render(size, samples = 4) {
  const out = Buffer.alloc(size * size * 4);
  const n = samples * samples;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size - 0.5;
          const y = (py + (sy + 0.5) / samples) / size - 0.5;
          const c = shade(x, y, size);
          if (c === null) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        out[o] = Math.round(r / a);
        out[o + 1] = Math.round(g / a);
        out[o + 2] = Math.round(b / a);
        out[o + 3] = Math.round((a / n) * 255);
      }
    }
  }
  return out;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([len, typeAndData, crc]);
}

/** Encodes straight-alpha RGBA as an 8-bit RGBA PNG. */
export function encodePng(rgba, size) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    const rowStart = y * (stride + 1);
    raw[rowStart] = 1; // filter: Sub
    for (let i = 0; i < stride; i++) {
      const cur = rgba[y * stride + i];
      const left = i >= 4 ? rgba[y * stride + i - 4] : 0;
      raw[rowStart + 1 + i] = (cur - left) & 0xff;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 32-bit BGRA DIB with AND mask, as classic ICO frames carry. */
function encodeDib(rgba, size) {
  const header = Buffer.alloc(40);
  const maskStride = Math.ceil(size / 32) * 4;
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // XOR + AND masks
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(0, 16); // BI_RGB
  header.writeUInt32LE(size * size * 4 + maskStride * size, 20);
  const pixels = Buffer.alloc(size * size * 4);
  const mask = Buffer.alloc(maskStride * size);
  for (let y = 0; y < size; y++) {
    const src = size - 1 - y; // bottom-up
    for (let x = 0; x < size; x++) {
      const s = (src * size + x) * 4;
      const d = (y * size + x) * 4;
      pixels[d] = rgba[s + 2];
      pixels[d + 1] = rgba[s + 1];
      pixels[d + 2] = rgba[s];
      pixels[d + 3] = rgba[s + 3];
      if (rgba[s + 3] === 0) mask[y * maskStride + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([header, pixels, mask]);
}

/** Multi-size ICO: DIB frames below 256 px, a PNG frame at 256 px. */
export function encodeIco(sizes) {
  const frames = sizes.map((size) => {
    const rgba = render(size);
    return { size, data: size >= 256 ? encodePng(rgba, size) : encodeDib(rgba, size) };
  });
  const dir = Buffer.alloc(6);
  dir.writeUInt16LE(0, 0);
  dir.writeUInt16LE(1, 2); // icon
  dir.writeUInt16LE(frames.length, 4);
  const entries = [];
  let offset = 6 + 16 * frames.length;
  for (const { size, data } of frames) {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e[2] = 0; // no palette
    e[3] = 0;
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bpp
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    entries.push(e);
  }
  return Buffer.concat([dir, ...entries, ...frames.map((f) => f.data)]);
}

export function buildIcons() {
  return {
    'icon.png': encodePng(render(PNG_SIZE), PNG_SIZE),
    'icon.ico': encodeIco(ICO_SIZES),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  const files = buildIcons();
  let stale = false;
  mkdirSync(RESOURCES, { recursive: true });
  for (const [name, data] of Object.entries(files)) {
    const target = join(RESOURCES, name);
    if (check) {
      let current = null;
      try {
        current = readFileSync(target);
      } catch {
        // missing counts as stale
      }
      if (current === null || !current.equals(data)) {
        console.error(`resources/${name} is not what build/make-icons.mjs draws; run it and commit the result.`);
        stale = true;
      }
    } else {
      writeFileSync(target, data);
      console.log(`wrote resources/${name} (${data.length} bytes)`);
    }
  }
  process.exitCode = stale ? 1 : 0;
}
