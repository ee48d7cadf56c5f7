// Excel's built-in East Asian number formats. A workbook names a built-in format by its id alone
// (no <numFmt> element), and ids 27-36 and 50-58 are the locale's own date and time formats: in
// Japanese Excel 令和8年10月1日, 2026年10月1日, 2026年10月, 10月1日, 9時05分. exceljs 4.4 knows
// these ids only per locale and gives such a cell no format, so its date read as its serial
// number (46296). They are all dates or times in every locale that has them; here are ja-JP's
// (ECMA-376 Part 1, 18.8.30), for read/xlsx.ts to tell date cells by.
export const EAST_ASIAN_DATE_FORMATS: Readonly<Record<number, string>> = {
  27: "[$-411]ge.m.d",
  28: '[$-411]ggge"年"m"月"d"日"',
  29: '[$-411]ggge"年"m"月"d"日"',
  30: "m/d/yy",
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"時"mm"分"',
  33: 'h"時"mm"分"ss"秒"',
  34: 'yyyy"年"m"月"',
  35: 'm"月"d"日"',
  36: "[$-411]ge.m.d",
  50: "[$-411]ge.m.d",
  51: '[$-411]ggge"年"m"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: '[$-411]ggge"年"m"月"d"日"',
  55: 'yyyy"年"m"月"',
  56: 'm"月"d"日"',
  57: "[$-411]ge.m.d",
  58: '[$-411]ggge"年"m"月"d"日"',
};

/** The parts of exceljs's style manager that name a style's number format by its id. */
interface Styles {
  index?: { numFmt?: Record<string | number, string> };
}

/** Let `styles` (a parsed styles.xml) name the built-in East Asian date formats it does not define itself. */
export function withEastAsianDates(styles: Styles): void {
  const formats = styles.index?.numFmt;
  if (!formats) return;
  for (const [id, code] of Object.entries(EAST_ASIAN_DATE_FORMATS)) formats[id] ??= code;
}
