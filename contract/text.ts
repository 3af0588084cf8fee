import { z } from "zod";

// One definition of "blank", mirrored by has_visible_text() in server/db/migrations/0004_text_rules.sql
// (server/db/text-rules.test.ts proves the two agree on every code point).
// Spaces and controls: Unicode White_Space and Cc, plus the byte-order mark. Trimmed from both ends.
const SPACE = String.raw`\0-\x20\x7F-\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF`;
// Invisible format characters (Unicode Default_Ignorable_Code_Point): never trimmed, because some are
// part of what is shown (U+FE0F makes ❤ an emoji, U+200D joins emoji), but a text of only these is blank.
const INVISIBLE = String.raw`\xAD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFFA0\uFFF0-\uFFF8\u{1BCA0}-\u{1BCA3}\u{1D173}-\u{1D17A}\u{E0000}-\u{E0FFF}`;

const SPACE_CHAR = new RegExp(`[${SPACE}]`);
// eslint-disable-next-line no-misleading-character-class -- a class of single code points, combining ones included on purpose
const VISIBLE_CHAR = new RegExp(`[^${SPACE}${INVISIBLE}]`, "u");
const LONE_SURROGATE = /\p{Surrogate}/u;

/** True when the text has at least one character that is neither space, control nor invisible. */
export function hasVisibleText(value: string): boolean {
  return VISIBLE_CHAR.test(value);
}

/** Removes spaces and controls from both ends (a loop: a regex anchored at the end would be quadratic). */
export function trimText(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && SPACE_CHAR.test(value[start]!)) start++;
  while (end > start && SPACE_CHAR.test(value[end - 1]!)) end--;
  return value.slice(start, end);
}

/**
 * Any text stored or searched: well-formed UTF-16 (PostgreSQL would refuse a lone surrogate, or turn it
 * into U+FFFD), no NUL (PostgreSQL text cannot hold it), trimmed.
 */
export const text = () =>
  z
    .string()
    .refine(
      (value) => !LONE_SURROGATE.test(value),
      "Must be valid Unicode text (it contains a lone surrogate)",
    )
    .refine((value) => !value.includes("\0"), "Must not contain NUL characters")
    .overwrite(trimText);

/** Text that must show something: `label` names it in the message. */
export const visibleText = (label: string, max: number) =>
  text()
    .refine(hasVisibleText, `${label} must not be blank`)
    .max(max, `${label} must be at most ${max} characters`);
