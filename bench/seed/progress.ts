/** A one-line progress bar on stderr (a line every 10 % when stderr is not a terminal). */
export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;
  private lastDecile = -1;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, note = ''): void {
    const now = Date.now();
    const ratio = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const elapsed = (now - this.started) / 1000;
    const eta = ratio > 0 ? elapsed / ratio - elapsed : 0;
    const line = `${this.label} ${(ratio * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')} · ${elapsed.toFixed(1)} s · ETA ${eta.toFixed(0)} s${note ? ` · ${note}` : ''}`;
    if (this.stream.isTTY) {
      if (now - this.lastDraw < 100 && done < this.total) return;
      this.lastDraw = now;
      const width = 28;
      const filled = Math.round(ratio * width);
      this.stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${line}\x1b[K`);
    } else {
      const decile = Math.floor(ratio * 10);
      if (decile === this.lastDecile) return;
      this.lastDecile = decile;
      this.stream.write(`${line}\n`);
    }
  }

  done(note = ''): void {
    this.update(this.total, note);
    if (this.stream.isTTY) this.stream.write('\n');
  }
}
