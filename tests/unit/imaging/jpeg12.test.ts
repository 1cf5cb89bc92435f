import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJpeg12, jpegPrecision } from '../../../renderer/imaging/viewer/loader/decode/jpeg12.ts';
import { generateTransferSyntaxFixtures, SIZE, type TransferSyntaxFixture } from '../../fixtures/dicom/transfer-syntaxes.ts';

/** The first frame's JPEG stream of an encapsulated file. */
function jpegStream(file: Uint8Array): Uint8Array {
  const dataSet = dicomParser.parseDicom(file);
  return dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, dataSet.elements.x7fe00010!, 0);
}

/** The same file decoded by DCMTK's libjpeg (dcmdjpeg): the stored 16-bit samples. */
async function referenceSamples(path: string, dir: string): Promise<Uint16Array> {
  const out = join(dir, 'reference.dcm');
  const run = spawnSync('dcmdjpeg', [path, out], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`dcmdjpeg failed: ${run.stderr}`);
  const file = await readFile(out);
  const element = dicomParser.parseDicom(file).elements.x7fe00010!;
  return new Uint16Array(file.buffer.slice(file.byteOffset + element.dataOffset, file.byteOffset + element.dataOffset + element.length));
}

describe('12-bit lossy JPEG (JPEG Extended, process 4)', () => {
  let dir: string;
  let fixtures: TransferSyntaxFixture[];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cw-jpeg12-'));
    fixtures = await generateTransferSyntaxFixtures(dir, ['jpeg-extended', 'jpeg-extended-12bit']);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const fixture = (name: string) => fixtures.find((f) => f.name === name)!;

  it('tells 12-bit streams from 8-bit ones by their frame header', async () => {
    expect(jpegPrecision(jpegStream(await readFile(fixture('jpeg-extended-12bit').path)))).toBe(12);
    expect(jpegPrecision(jpegStream(await readFile(fixture('jpeg-extended').path)))).toBe(8);
    expect(jpegPrecision(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).toBeNull();
  });

  it('decodes every sample as libjpeg does, to within the rounding of the inverse DCT', async () => {
    const { path } = fixture('jpeg-extended-12bit');
    const decoded = decodeJpeg12(jpegStream(await readFile(path)), SIZE, SIZE);
    const samples = new Uint16Array(decoded.buffer, decoded.byteOffset, decoded.byteLength / 2);
    const reference = await referenceSamples(path, dir);
    expect(samples).toHaveLength(SIZE * SIZE);
    expect(reference).toHaveLength(SIZE * SIZE);
    let worst = 0;
    for (let i = 0; i < samples.length; i++) worst = Math.max(worst, Math.abs(samples[i]! - reference[i]!));
    expect(worst).toBeLessThanOrEqual(1);
    // Twelve bits are used, not eight.
    expect(Math.max(...samples)).toBeGreaterThan(2048);
  });

  it('names damaged data as such, with an Error rather than the decoder’s thrown string', async () => {
    const stream = jpegStream(await readFile(fixture('jpeg-extended-12bit').path));
    expect(() => decodeJpeg12(stream.subarray(0, 200), SIZE, SIZE)).toThrow(/damaged|size/);
    expect(() => decodeJpeg12(stream, SIZE * 2, SIZE)).toThrow('does not have the size');
  });
});
