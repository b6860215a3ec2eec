// Times as the person at the terminal reads them: in the machine's time zone. Tables show local time without an
// offset; `history`'s CSV and JSON carry ISO 8601 with the local offset.

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `2025-03-01 09:05` in the machine's time zone. */
export function localMinute(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** `2025-03-01 09:05:00` in the machine's time zone. */
export function localTime(at: number): string {
  return `${localMinute(at)}:${pad2(new Date(at).getSeconds())}`;
}

/** ISO 8601 in local time with its offset (`2025-03-01T09:05:00+01:00`), so a spreadsheet and a person agree. */
export function localIso(at: number): string {
  const offset = -new Date(at).getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${localTime(at).replace(' ', 'T')}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}
