const WIDTH = 30;

/** Progress on stderr: one line redrawn in place on a terminal, a line per tenth otherwise (logs, CI). */
export function progressBar(total: number, unit: string) {
  const started = performance.now();
  const tty = process.stderr.isTTY;
  let lastDraw = 0;
  let lastTenth = 0;
  const elapsedSeconds = () => (performance.now() - started) / 1000;

  return {
    update(done: number) {
      const now = performance.now();
      const tenth = Math.floor((done / total) * 10);
      if (tty ? now - lastDraw < 100 && done < total : tenth === lastTenth)
        return;
      lastDraw = now;
      lastTenth = tenth;
      const rate = done / elapsedSeconds();
      const filled = Math.round((done / total) * WIDTH);
      const line = [
        `[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}]`,
        `${Math.floor((done / total) * 100)}%`.padStart(4),
        `${number(done)}/${number(total)} ${unit}`,
        `${number(rate)} ${unit}/s`,
        `ETA ${duration((total - done) / rate)}`,
      ].join("  ");
      process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
    },
    /** Ends the bar's line; returns the seconds since the bar started. */
    finish(): number {
      if (tty) process.stderr.write("\n");
      return elapsedSeconds();
    },
  };
}

const number = (value: number) => Math.round(value).toLocaleString("en-US");

export function duration(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}
