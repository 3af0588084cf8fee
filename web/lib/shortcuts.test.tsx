import { fireEvent, render } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { useShortcuts } from "./shortcuts.js";

function Page({ onJ }: { onJ: () => void }) {
  useShortcuts({ j: onJ });
  return (
    <>
      <button type="button">Somewhere</button>
      <input aria-label="Search" />
      <textarea aria-label="Reply" />
      <select aria-label="Status">
        <option>Open</option>
      </select>
      <div contentEditable aria-label="Editor" />
    </>
  );
}

describe("keyboard shortcuts", () => {
  it("run from anywhere but a field, and never with Ctrl, Alt or Meta", () => {
    const onJ = vi.fn();
    const { getByRole, getByLabelText } = render(<Page onJ={onJ} />);
    fireEvent.keyDown(getByRole("button"), { key: "j" });
    fireEvent.keyDown(document.body, { key: "j" });
    expect(onJ).toHaveBeenCalledTimes(2);
    for (const field of ["Search", "Reply", "Status", "Editor"])
      fireEvent.keyDown(getByLabelText(field), { key: "j" });
    for (const modifier of ["ctrlKey", "altKey", "metaKey"])
      fireEvent.keyDown(document.body, { key: "j", [modifier]: true });
    fireEvent.keyDown(document.body, { key: "k" });
    expect(onJ).toHaveBeenCalledTimes(2);
  });
});
