/// <reference lib="webworker" />
/**
 * The tag browser's worker: lists a file's elements (nested sequences included) with names from dcmjs's
 * data dictionary and text decoded by Specific Character Set. Runs apart from decoding, only when asked.
 */
import { convertBytes } from 'dicom-character-set';
import dicomParser, { type DataSet, type Element } from 'dicom-parser';
import dcmjs from 'dcmjs';
import type { TagRow } from './tagRows.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
type DictionaryEntry = { tag: string; name: string; vr: string };
const nameMap = (dcmjs as unknown as { data: { DicomMetaDictionary: { nameMap: Record<string, DictionaryEntry> } } }).data.DicomMetaDictionary.nameMap;
/** Keyed "(GGGG,EEEE)", upper case, as dcmjs spells tags. */
const dictionary = new Map(Object.values(nameMap).map((entry) => [entry.tag.toUpperCase(), entry]));
const TEXT_VRS = new Set(['PN', 'LO', 'SH', 'ST', 'LT', 'UT', 'UC']);
const MAX_VALUE = 256;

const tagText = (tag: string) => `(${tag.slice(1, 5)},${tag.slice(5, 9)})`.toUpperCase();

function value(dataSet: DataSet, element: Element, vr: string, charset: string): string {
  if (element.length === 0) return '';
  const tag = element.tag;
  if (TEXT_VRS.has(vr) && charset) {
    try {
      return convertBytes(charset, dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length), { vr }).replace(/\0/g, '').trim();
    } catch {
      // An unknown character set: show the bytes as ASCII below.
    }
  }
  if (dicomParser.isStringVr(vr)) return (dataSet.string(tag) ?? '').slice(0, MAX_VALUE);
  const count = (size: number, read: (i: number) => number | undefined) =>
    Array.from({ length: Math.min(16, Math.floor(element.length / size)) }, (_, i) => read(i)).join('\\') + (element.length / size > 16 ? '…' : '');
  switch (vr) {
    case 'US':
      return count(2, (i) => dataSet.uint16(tag, i));
    case 'SS':
      return count(2, (i) => dataSet.int16(tag, i));
    case 'UL':
      return count(4, (i) => dataSet.uint32(tag, i));
    case 'SL':
      return count(4, (i) => dataSet.int32(tag, i));
    case 'FL':
      return count(4, (i) => dataSet.float(tag, i));
    case 'FD':
      return count(8, (i) => dataSet.double(tag, i));
    case 'AT':
      return dataSet.attributeTag(tag) ?? '';
    default:
      return '';
  }
}

function rows(dataSet: DataSet, depth: number, charset: string, out: TagRow[]): void {
  const ownCharset = dataSet.string('x00080005') ?? charset;
  for (const element of Object.values(dataSet.elements)) {
    const key = tagText(element.tag);
    const entry = dictionary.get(key);
    const vr = element.vr ?? entry?.vr ?? 'UN';
    const isPrivate = parseInt(element.tag.slice(1, 5), 16) % 2 === 1;
    out.push({
      tag: key,
      name: isPrivate ? 'Private' : (entry?.name ?? ''),
      vr,
      length: element.length,
      value: element.items ? '' : element.tag === 'x7fe00010' ? '' : value(dataSet, element, vr, ownCharset),
      depth,
    });
    element.items?.forEach((item, i) => {
      out.push({ tag: `item ${i + 1}`, name: '', vr: '', length: item.length, value: '', depth: depth + 1 });
      if (item.dataSet) rows(item.dataSet, depth + 2, ownCharset, out);
    });
  }
}

scope.onmessage = (event: MessageEvent<ArrayBuffer>) => {
  try {
    const bytes = new Uint8Array(event.data);
    const dataSet = dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' });
    const out: TagRow[] = [];
    rows(dataSet, 0, '', out);
    scope.postMessage({ ok: true, rows: out });
  } catch (error) {
    scope.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
