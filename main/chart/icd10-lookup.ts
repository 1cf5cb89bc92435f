import { createRequire } from 'node:module';
import type * as PinyinPro from 'pinyin-pro';
import type { Icd10Entry } from '../../preload/contract/chart.ts';
import list from '../../resources/icd10/common-codes.json' with { type: 'json' };

interface Indexed {
  entry: Icd10Entry;
  /** Code without its dot, upper case: "J069". */
  code: string;
  zh: string;
  en: string;
  /** Pinyin initials of the Chinese title: "gxy" for 高血压. */
  initials: string;
}

let index: Indexed[] | null = null;

// pinyin-pro's dictionaries load on first lookup, not at start-up (see main/patients/pinyin.ts).
function indexed(): Indexed[] {
  if (index) return index;
  const pinyinPro = createRequire(import.meta.url)('pinyin-pro') as typeof PinyinPro;
  index = list.codes.map((entry) => ({
    entry,
    code: entry.code.replace('.', ''),
    zh: entry.zh,
    en: entry.en.toLowerCase(),
    initials: pinyinPro.pinyin(entry.zh, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).join('').toLowerCase(),
  }));
  return index;
}

/** Lower is better; null: no match. */
function rank(item: Indexed, query: string, codeQuery: string): number | null {
  if (codeQuery && item.code === codeQuery) return 0;
  if (codeQuery && item.code.startsWith(codeQuery)) return 1;
  if (item.zh.startsWith(query) || item.en.startsWith(query) || item.initials.startsWith(query)) return 2;
  if (item.zh.includes(query) || item.en.includes(query) || (query.length >= 2 && item.initials.includes(query))) return 3;
  return null;
}

/**
 * Looks up the shipped common-codes list (resources/icd10/common-codes.json, a curated subset of ICD-10 with
 * Chinese and English titles) by code prefix, title substring or pinyin initials; best matches first, then by code.
 */
export function searchIcd10(query: string, limit: number): Icd10Entry[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  const codeQuery = /^[a-z][0-9a-z.]*$/i.test(needle) ? needle.toUpperCase().replace('.', '') : '';
  return indexed()
    .flatMap((item) => {
      const score = rank(item, needle, codeQuery);
      return score === null ? [] : [{ item, score }];
    })
    .sort((a, b) => a.score - b.score || a.item.code.localeCompare(b.item.code))
    .slice(0, limit)
    .map(({ item }) => item.entry);
}
