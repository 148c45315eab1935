// Quotation marks and the quotations they leave open, as the repairs that judge lost bytes count
// them (see gbk-misalignment.ts and _lost-bytes.ts).

/**
 * Quotation marks as Simplified text writes them and as Traditional text does (「」, 『』 inside),
 * each kind closing only its own. Open ones are counted by kind, up to 3 each, in two bits each of
 * one number (`quotes`).
 */
interface Quote {
  readonly kind: number;
  readonly opening: boolean;
}
const QUOTES: ReadonlyMap<string, Quote> = new Map(
  ['“”', '「」', '『』'].flatMap((pair, kind): [string, Quote][] => [
    [pair[0] as string, { kind, opening: true }],
    [pair[1] as string, { kind, opening: false }],
  ]),
);
export const QUOTE_KINDS = 3;
const MOST_OPEN = 3;

/** The kind of quotation `char` opens or closes, if it is a quotation mark (asked of every character a search weighs). */
export function quoteOf(char: string): Quote | undefined {
  const code = char.charCodeAt(0);
  return code === 0x201c || code === 0x201d || (code >= 0x300c && code <= 0x300f) ? QUOTES.get(char) : undefined;
}

/** How many quotations of `kind` `quotes` holds open. */
export const openOf = (quotes: number, kind: number): number => (quotes >> (2 * kind)) & MOST_OPEN;

/** `quotes` with `open` quotations of `kind` (0 to 3). */
export const withOpen = (quotes: number, kind: number, open: number): number =>
  (quotes & ~(MOST_OPEN << (2 * kind))) | (Math.min(MOST_OPEN, Math.max(0, open)) << (2 * kind));

/** The open quotations after `char`, with `quotes` open before it. */
export function quotesAfter(char: string, quotes: number): number {
  const quote = quoteOf(char);
  if (quote === undefined) return quotes;
  const open = openOf(quotes, quote.kind);
  return withOpen(quotes, quote.kind, quote.opening ? open + 1 : open - 1);
}

/** Whether `char` closes a quotation of `quotes`. */
export function closesOne(char: string, quotes: number): boolean {
  const quote = quoteOf(char);
  return quote !== undefined && !quote.opening && openOf(quotes, quote.kind) > 0;
}

/** How many quotations `quotes` holds open. */
export function openCount(quotes: number): number {
  let count = 0;
  for (let kind = 0; kind < QUOTE_KINDS; kind += 1) count += openOf(quotes, kind);
  return count;
}
