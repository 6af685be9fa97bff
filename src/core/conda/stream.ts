// Streaming conda/pip output: lines as they arrive and a bounded tail for the error lines. Each chunk is
// scanned once (never the text before it again), and neither keeps more than its limit, so a tool that
// prints 100 MB without a newline costs linear time and a fixed amount of memory.

/** Longest line kept; the rest of an overlong line is dropped and counted. */
export const MAX_LINE_CHARS = 64 * 1024;

/** Splits a stream of chunks into lines ("\r" redraws count as line ends); flush() emits the rest. */
export class LineSplitter {
  private parts: string[] = [];
  private kept = 0;
  private dropped = 0;
  /** The previous chunk ended in "\r": a "\n" starting the next one belongs to it. */
  private afterCr = false;

  constructor(private readonly emit: (line: string) => void, private readonly maxLine = MAX_LINE_CHARS) {}

  /** Characters of the unfinished line held now (bounded by maxLine). */
  get pending(): number {
    return this.kept;
  }

  push(chunk: string): void {
    let from = 0;
    if (this.afterCr && chunk.startsWith('\n')) from = 1;
    this.afterCr = false;
    const re = /\r\n|\n|\r/g; // one per call: emit() may push into another splitter
    re.lastIndex = from;
    for (let m = re.exec(chunk); m; m = re.exec(chunk)) {
      this.add(chunk.slice(from, m.index));
      this.end();
      from = m.index + m[0].length;
      if (m[0] === '\r' && from === chunk.length) this.afterCr = true;
    }
    this.add(chunk.slice(from));
  }

  flush(): void {
    if (this.kept || this.dropped) this.end();
    this.afterCr = false;
  }

  private add(text: string): void {
    if (!text) return;
    const room = this.maxLine - this.kept;
    if (text.length > room) {
      if (room > 0) this.parts.push(text.slice(0, room));
      this.dropped += text.length - Math.max(room, 0);
      this.kept = this.maxLine;
    } else {
      this.parts.push(text);
      this.kept += text.length;
    }
  }

  private end(): void {
    const line = this.parts.join('');
    this.emit(this.dropped ? `${line}… (${this.dropped} more characters)` : line);
    this.parts = [];
    this.kept = 0;
    this.dropped = 0;
  }
}

/** The last `max` characters of a stream (at most twice that held at any time). */
export class TextTail {
  private text = '';
  private cut = false;
  constructor(private readonly max = 256 * 1024) {}

  push(chunk: string): void {
    if (chunk.length > this.max) {
      this.text = chunk.slice(-this.max);
      this.cut = true;
    } else {
      this.text += chunk;
    }
    if (this.text.length > 2 * this.max) {
      this.text = this.text.slice(-this.max);
      this.cut = true;
    }
  }

  /** At most `max` characters, starting at a line start when the tail was cut. */
  value(): string {
    if (this.text.length <= this.max && !this.cut) return this.text;
    const cut = this.text.slice(-this.max);
    const nl = cut.search(/[\r\n]/);
    return nl >= 0 ? cut.slice(nl + 1) : cut;
  }

  /** Characters held now. */
  get size(): number {
    return this.text.length;
  }
}
