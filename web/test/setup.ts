import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";

// NOTE: Testing Library advances fake timers inside its async helpers only when it sees Jest;
// without this, user-event hangs under Vitest's fake timers.
// https://github.com/testing-library/react-testing-library/issues/1197
Object.assign(globalThis, {
  jest: { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) },
});

// The first render of a file loads the whole app: a loaded machine needs more than the default 1 s.
configure({ asyncUtilTimeout: 3000 });

// The router restores scroll positions; jsdom has no layout to scroll.
window.scrollTo = () => {};

// A console.error fails the test unless the test expects it (by replacing console.error itself).
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args) => {
    errors.push(args);
  });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  window.history.replaceState(null, "", "/");
  const logged = errors;
  vi.restoreAllMocks();
  if (logged.length)
    throw new Error(
      `console.error was called:\n${logged.map((a) => a.join(" ")).join("\n")}`,
    );
});
