import { render, screen } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { expect, it, vi } from "vitest";
import { ErrorBoundary } from "./error-boundary.js";

let broken = true;
function Flaky() {
  if (broken) throw new Error("boom");
  return <p>Working</p>;
}

it("keeps a failing region's error inside it and lets the person try again", async () => {
  // The failure is expected: React reports it to console.error and to window's error event.
  const logged = vi.spyOn(console, "error").mockImplementation(() => {});
  const quiet = (event: ErrorEvent) => event.preventDefault();
  window.addEventListener("error", quiet);
  render(
    <>
      <ErrorBoundary region="the list">
        <Flaky />
      </ErrorBoundary>
      <p>Neighbour</p>
    </>,
  );
  expect(screen.getByRole("alert")).toHaveTextContent(
    "Something went wrong in the list. The rest of the page still works.",
  );
  expect(screen.getByText("Neighbour")).toBeVisible();
  expect(screen.queryByText(/boom/)).toBeNull();
  expect(logged).toHaveBeenCalled();

  broken = false;
  await userEvent.click(screen.getByRole("button", { name: "Try again" }));
  expect(screen.getByText("Working")).toBeVisible();
  window.removeEventListener("error", quiet);
});
