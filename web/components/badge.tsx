import type { ReactNode } from "react";

/** A small coloured label; `kind` and `value` pick the colour (see .badge-* in styles.css). */
export function Badge({
  kind,
  value,
  children,
}: {
  kind: "category" | "priority" | "status";
  value: string;
  children: ReactNode;
}) {
  return (
    <span className={`badge badge-${kind} badge-${value}`}>{children}</span>
  );
}
