import { useEffect, useRef } from "react";

/** Whether a key press belongs to a field being typed in (or a select being browsed). */
export function inField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target.closest("input, textarea, select, [contenteditable]") !== null)
  );
}

/**
 * Single-key shortcuts (`j`, `?`, …) on the whole document, never while typing in a field nor
 * with Ctrl, Alt or Meta (the browser's and the system's own). The handlers may change on every
 * render; the listener stays.
 */
export function useShortcuts(
  keys: Record<string, (event: KeyboardEvent) => void>,
): void {
  const current = useRef(keys);
  useEffect(() => {
    current.current = keys;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (
        event.defaultPrevented ||
        event.ctrlKey ||
        event.altKey ||
        event.metaKey
      )
        return;
      if (inField(event.target)) return;
      const handler = current.current[event.key];
      if (!handler) return;
      event.preventDefault();
      handler(event);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}
