// Text a server wrote goes into one-line messages, logs and terminals: flattened, stripped of control
// characters (no escape sequences reach a terminal) and bounded.

/** One printable line of at most `max` characters. */
export function oneLine(text: string, max: number): string {
  // Bounded first: a body may be megabytes, and only its start is ever shown.
  const flat = text.slice(0, max * 8).replace(/[\p{Cc}\s]+/gu, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

// A gateway page is small; scanning only its start keeps a huge or hostile body from costing anything.
const HTML_SCAN_CHARS = 16 * 1024;

/** The `<title>` of an HTML page (a gateway's error page, typically), or null when it has none. */
export function htmlTitle(text: string): string | null {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text.slice(0, HTML_SCAN_CHARS))?.[1];
  if (title === undefined) return null;
  const decoded = oneLine(decodeEntities(title), 120);
  return decoded === '' ? null : decoded;
}

export function looksLikeHtml(text: string): boolean {
  return /^\s*<(!doctype\s+html|html|head|body|title)\b/i.test(text.slice(0, HTML_SCAN_CHARS));
}

/** The visible text of an HTML page, roughly: enough to summarise a gateway page without a title. */
export function htmlText(text: string): string {
  return decodeEntities(text.slice(0, HTML_SCAN_CHARS).replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' '));
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
}
