const whole = new Intl.NumberFormat(undefined, {
  style: "percent",
  maximumFractionDigits: 0,
});

/** 0.864 → "86%". */
export const percent = (ratio: number): string => whole.format(ratio);

/** A category or priority as people write it: "in_progress" → "In progress". */
export function valueLabel(value: string): string {
  const text = value.replaceAll("_", " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
