/**
 * How names are normalised, split and compared. Pure functions shared by
 * writes and searches, so both sides normalise the same way.
 */

/** Compatibility forms folded (full-width Ｚｈａｎｇ), lower case, single spaces: what name search compares. */
export function nameKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Two-character surnames, longest match first; every other Chinese name starts with a one-character surname. */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '长孙', '慕容', '司徒', '夏侯', '令狐', '公孙', '宇文', '澹台', '万俟',
  '轩辕', '端木', '独孤', '南宫', '西门', '申屠', '呼延', '司空', '闻人', '钟离', '赫连', '拓跋', '百里', '东郭', '太史', '濮阳',
  '公冶', '单于', '淳于', '仲孙', '左丘', '公羊', '谷梁', '第五', '梁丘', '鲜于', '闾丘', '亓官', '司寇', '巫马', '公西', '漆雕',
]);

const CHINESE_NAME = /^\p{Script=Han}{2,6}$/u;

/**
 * Family and given name of a name written the Chinese way (family name first,
 * no spaces); null for any other name, whose parts the registrar enters.
 */
export function splitChineseName(fullName: string): { familyName: string; givenName: string } | null {
  if (!CHINESE_NAME.test(fullName)) return null;
  const chars = [...fullName];
  const surnameLength = chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  return { familyName: chars.slice(0, surnameLength).join(''), givenName: chars.slice(surnameLength).join('') };
}

/** Whether two strings differ by at most one inserted, removed or replaced character. */
export function withinOneEdit(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  // Past the first difference the rest must match, after skipping one character of the longer (or both, for a replacement).
  const rest = (s: number, l: number) => short.slice(s).join('') === long.slice(l).join('');
  return short.length === long.length ? rest(i + 1, i + 1) : rest(i, i + 1);
}
