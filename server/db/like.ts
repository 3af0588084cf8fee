/** `%`, `_` and `\` in a search term match themselves (backslash is LIKE's default escape). */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
