import Papa from 'papaparse';

/** One record of the file: its cells, its row as a spreadsheet numbers it (header = 1) and the text line it starts on. */
export interface CsvRecord {
  row: number;
  line: number;
  cells: string[];
  /** Papa Parse's complaint about this record (an unclosed quote), if any. */
  problem: 'quotes' | null;
}

export interface ParsedCsv {
  headers: string[];
  records: CsvRecord[];
}

const DELIMITERS = [',', '\t', ';', '|'] as const;

/**
 * The delimiter the header line uses most. Papa Parse's own guess needs blank
 * lines skipped, which would lose the row numbers.
 */
function headerDelimiter(text: string): string {
  const end = text.search(/[\r\n]/);
  const header = end === -1 ? text : text.slice(0, end);
  const count = (delimiter: string) => header.split(delimiter).length;
  return DELIMITERS.reduce((best, delimiter) => (count(delimiter) > count(best) ? delimiter : best), DELIMITERS[0]);
}

/**
 * Splits CSV text into records with Papa Parse, which handles quotes, doubled
 * quotes and line breaks inside quoted cells. Comma, tab, semicolon or bar
 * separated. Blank lines keep their row numbers but yield no record, so the
 * numbers match what the user sees in a spreadsheet.
 */
export function parseCsv(text: string): ParsedCsv {
  const records: CsvRecord[] = [];
  let headers: string[] | null = null;
  let row = 0;
  let line = 1;
  let consumed = 0;
  Papa.parse<string[]>(text, {
    header: false,
    delimiter: headerDelimiter(text),
    skipEmptyLines: false,
    step: (result) => {
      row++;
      const startLine = line;
      const cursor = result.meta.cursor;
      line += countLineBreaks(text, consumed, cursor);
      consumed = cursor;
      const cells = result.data.map((cell) => cell ?? '');
      if (headers === null) {
        headers = cells.map((cell) => cell.trim());
        return;
      }
      if (cells.every((cell) => cell.trim() === '')) return;
      records.push({ row, line: startLine, cells, problem: result.errors.some((error) => error.type === 'Quotes') ? 'quotes' : null });
    },
  });
  return { headers: headers ?? [], records };
}

/** Line breaks (CRLF, LF or CR) in text[from, to). */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const char = text.charCodeAt(i);
    if (char === 10) count++;
    else if (char === 13 && text.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}
