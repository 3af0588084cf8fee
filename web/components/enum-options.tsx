/** One <option> per value of an enum, in the order of its labels, showing the label. */
export function EnumOptions<T extends string>({
  labels,
}: {
  labels: Record<T, string>;
}) {
  return (
    <>
      {(Object.entries(labels) as [T, string][]).map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </>
  );
}
