import { createRequire } from 'node:module';
import type * as PinyinPro from 'pinyin-pro';

export interface NamePinyin {
  /** Tone-less syllables separated by spaces, ü as v (as typed on a keyboard): "lv bu". */
  pinyin: string;
  /** First letters of the syllables: "lb". */
  initials: string;
}

const HAN = /\p{Script=Han}/u;

// Required on first use rather than imported: loading its dictionaries takes
// about 0.3 s, which would otherwise lengthen every sign-in (the store worker
// starts then), while most sign-ins never write a name.
let library: typeof PinyinPro | null = null;
const pinyinPro = () => (library ??= createRequire(import.meta.url)('pinyin-pro') as typeof PinyinPro);

/**
 * Pinyin of the Han characters of a name, reading the leading character(s)
 * as a surname (单 shan, 曾 zeng, 区 ou, 欧阳 ouyang); null without Han characters.
 */
export function namePinyin(fullName: string): NamePinyin | null {
  if (!HAN.test(fullName)) return null;
  const syllables = pinyinPro().pinyin(fullName, { toneType: 'none', type: 'array', mode: 'surname', surname: 'head', nonZh: 'removed', v: true });
  if (syllables.length === 0) return null;
  return { pinyin: syllables.join(' '), initials: syllables.map((syllable) => syllable[0]).join('') };
}
