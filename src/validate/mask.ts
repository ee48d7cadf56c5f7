// Values a message or page shows, made safe to show: what looks like personal data (an email, a
// phone number) is masked, since a warning's value reaches the data page, the print page, frozen
// editions and CI logs (an email typed into activities.lead_id was published); and characters
// that cannot be seen (a zero-width space in an id) are written out, so a value is never shown
// identical to a different one.
import type { Problem } from "./problem.ts";

// Bounded repetitions: an unbounded pattern took quadratic time on a long value without an @ (a
// ragged row's whole text, a huge field), and the fuzzing suite's values never finished.
// Japanese text writes numbers in full-width digits as often as not (０９０－１２３４－５６７８, an IME's
// default), with full-width brackets and dashes or a long-vowel mark between, and an email with a
// full-width ＠ now and then: each is as much a phone number or an email as its half-width twin.
const EMAIL = /[A-Za-z0-9._%+-]{1,64}[@＠][A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g;
/**
 * A phone number's shape: starts with +, ( or 0, digits with spaces, dots, dashes or brackets
 * between; not inside a word or a number (a dot after a letter may come before it: TEL.03-...).
 */
const PHONE = /(?<![\w+\-０-９＋])(?<!\d\.)(?:[+(0＋（０])[\d０-９\s().\-（）．－‐−ー]{8,24}[\d０-９](?![\w０-９])/g;
const DIGIT = /[0-9０-９]/;
/** Longest value a problem keeps: messages show 60 characters of it, the data page no more. */
const KEPT = 200;
/** Characters with no glyph: zero-width spaces and joiners, direction marks, soft hyphen, BOM, controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are among what it finds
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

function maskEmail(email: string): string {
  const at = email.search(/[@＠]/);
  const [local, domain] = [email.slice(0, at), email.slice(at + 1)];
  const tld = domain.slice(domain.lastIndexOf("."));
  return `${local[0]}***${email[at]}${domain[0]}***${tld}`;
}

/** A phone number: 10 to 13 digits (a Japanese number has 10 or 11; a date like 01-02-2026 has 8). */
function maskPhone(text: string): string {
  const digits = [...text].filter((c) => DIGIT.test(c)).length;
  if (digits < 10 || digits > 13 || /^0\.\d+$/.test(text)) return text;
  let keep = 2;
  return [...text]
    .reverse()
    .map((c) => (DIGIT.test(c) ? (keep-- > 0 ? c : "*") : c))
    .reverse()
    .join("");
}

/** `text` with what looks like an email address or a phone number masked (t***@e***.jp, ***-****-**78). */
export function maskPersonal(text: string): string {
  return text.replace(EMAIL, maskEmail).replace(PHONE, maskPhone);
}

/**
 * Markdown `text` masked as maskPersonal masks it, the masks' asterisks escaped (\*): left bare, a
 * masked email's t***@e***.jp read as emphasis when the Markdown was rendered (site/markdown.ts).
 */
export function maskPersonalMarkdown(text: string): string {
  const escaped = (masked: string) => masked.replaceAll("*", "\\*");
  return text.replace(EMAIL, (m) => escaped(maskEmail(m))).replace(PHONE, (m) => escaped(maskPhone(m)));
}

/** `text` with invisible characters written as \u{200B}. */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}}`);
}

/** A value as any message or page shows it. */
export function shownValue(value: string): string {
  return escapeInvisible(maskPersonal(value));
}

/**
 * A problem whose value, message and record ids are safe to show (an anomaly's ids are listed on the
 * data page with publishRecords, and an id can be an email). Its file keeps its name, so a person
 * can find it: see publishedProblem.
 */
export function maskedProblem(p: Problem): Problem {
  const value = p.value === undefined ? undefined : shownValue(p.value.length > KEPT ? `${p.value.slice(0, KEPT)}…` : p.value);
  const message = maskPersonal(p.message);
  const records = p.records?.map(shownValue);
  const same = value === p.value && message === p.message && (records ?? []).every((r, i) => r === p.records![i]);
  if (same) return p;
  return records === undefined ? { ...p, value, message } : { ...p, value, message, records };
}

/**
 * A copy of `value` (a report: plain JSON) with every string and key masked as maskPersonal does.
 * The free text a page shows and an edition freezes (a lost or disqualify reason, a source, a
 * campaign's name, a stage, a content title) is whatever the CRM held: an email or a phone number
 * typed into it was published as it was.
 */
export function maskedValues<T>(value: T): T {
  return maskValues(value).value;
}

/** maskedValues, and whether masking changed any string or key (an edition's report it leaves as it is need not be masked again). */
export function maskValues<T>(value: T): { value: T; changed: boolean } {
  let changed = false;
  const mask = (text: string) => {
    const masked = maskPersonal(text);
    if (masked !== text) changed = true;
    return masked;
  };
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") return mask(node);
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== "object") return node;
    // Plain objects only: a Date or a Map is kept as it is, not turned into {}.
    const proto = Object.getPrototypeOf(node);
    if (proto !== Object.prototype && proto !== null) return node;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [mask(k), walk(v)]));
  };
  return { value: walk(value) as T, changed };
}

/** Problems whose value is a row's raw text: every column of it, the personal ones never read included. */
const RAW_ROW = new Set(["ragged-row", "unterminated-quote"]);

/**
 * A problem as the data page shows it and an edition freezes it: masked like any message, its file
 * name and fix too (a file named after a person's email was listed as it was), and without the raw
 * text of a row, which masking cannot make safe (a name in a personal column is no pattern).
 */
export function publishedProblem(p: Problem): Problem {
  const { value, ...rest } = maskedProblem(p);
  const shown: Problem = { ...rest, file: maskPersonal(p.file), fix: maskPersonal(p.fix) };
  if (p.expected !== undefined) shown.expected = maskPersonal(p.expected);
  if (value !== undefined && !RAW_ROW.has(p.code)) shown.value = value;
  return shown;
}
