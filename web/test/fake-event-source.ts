import { vi } from "vitest";

/**
 * The browser's EventSource as the app sees it, driven by the test: `emit` delivers one server
 * event, `fail` drops the connection (CLOSED: the app must open a new one).
 */
export class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = FakeEventSource.OPEN;
  onerror: ((event: Event) => void) | null = null;
  constructor(readonly url: string) {
    super();
    FakeEventSource.opened.push(this);
  }
  emit(event: string, data: object = {}) {
    this.dispatchEvent(new MessageEvent(event, { data: JSON.stringify(data) }));
  }
  fail() {
    this.readyState = FakeEventSource.CLOSED;
    this.onerror?.(new Event("error"));
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}

/** Installs the fake for one test; returns the stream the app opens (once it has). */
export function fakeLiveStream() {
  FakeEventSource.opened = [];
  vi.stubGlobal("EventSource", FakeEventSource);
  return {
    latest: () => FakeEventSource.opened.at(-1),
    count: () => FakeEventSource.opened.length,
  };
}
