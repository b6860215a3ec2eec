// Two names compared as the table's collator compares them (`new Intl.Collator(lang, { numeric: true,
// sensitivity: 'base' })` for English or Chinese, whose collations order Latin letters and digits as CLDR's root
// does), without ICU, in the cases where the answer is certain; 0 where it is not (the caller then asks the
// collator). ICU costs about a microsecond a comparison; ranking 5,000 names takes one per pair of neighbours.

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isPlainAscii = (text: string): boolean => {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 32 || code > 126) return false;
  }
  return true;
};

/**
 * Certain when both names are printable ASCII and differ first at a character that is
 *  - a letter in both, other letters ignoring case: up to there they are the same, and the collator orders base
 *    letters alphabetically (case is below its `base` sensitivity);
 *  - a digit in both: the runs of digits around it (starting at the same place, since what comes before is the
 *    same) are compared as numbers, which different numbers decide ("Pool-9" before "Pool-10"); the same number
 *    written differently ("01", "1") does not.
 * Anything else (punctuation, spaces, a letter against a digit, a case-only difference, one name the start of the
 * other, other scripts) is not decided here.
 */
export function plainAsciiOrder(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  let at = 0;
  while (at < shorter && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  if (at === shorter || !isPlainAscii(a) || !isPlainAscii(b)) return 0;
  const x = a.charCodeAt(at);
  const y = b.charCodeAt(at);
  if (isLetter(x) && isLetter(y)) return (x | 32) - (y | 32);
  if (!isDigit(x) || !isDigit(y)) return 0;
  let start = at;
  while (start > 0 && isDigit(a.charCodeAt(start - 1))) start--;
  return compareNumerals(digitRun(a, start), digitRun(b, start));
}

/** The digits from `start` on, without leading zeros. */
function digitRun(text: string, start: number): string {
  let end = start;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  while (start < end - 1 && text.charCodeAt(start) === 48) start++;
  return text.slice(start, end);
}

/** Two numerals without leading zeros compared as numbers (any length). */
function compareNumerals(x: string, y: string): number {
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}
