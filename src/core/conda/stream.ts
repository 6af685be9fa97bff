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
    let text = chunk;
    if (this.afterCr && text.startsWith('\n')) text = text.slice(1);
    this.afterCr = text.endsWith('\r');
    // Only the new chunk is split: the unfinished line before it is never scanned again.
    const pieces = text.split(/\r\n|\n|\r/);
    const last = pieces.pop() ?? '';
    for (const p of pieces) {
      if (!this.kept && !this.dropped && p.length <= this.maxLine) this.emit(p);
      else {
        this.add(p);
        this.end();
      }
    }
    this.add(last);
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

/** The last `max` characters of a stream (whole chunks are dropped from the front; at most `max` plus one chunk held). */
export class TextTail {
  private chunks: string[] = [];
  /** Index of the first chunk still held (dropping from the front without shifting the array). */
  private head = 0;
  private length = 0;
  private cut = false;
  constructor(private readonly max = 256 * 1024) {}

  push(chunk: string): void {
    const c = chunk.length > this.max ? chunk.slice(-this.max) : chunk;
    if (c !== chunk) this.cut = true;
    this.chunks.push(c);
    this.length += c.length;
    while (this.chunks.length - this.head > 1 && this.length - this.chunks[this.head].length >= this.max) {
      this.length -= this.chunks[this.head++].length;
      this.cut = true;
    }
    if (this.head > 1024 && this.head * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }

  /** At most `max` characters, starting at a line start when the tail was cut. */
  value(): string {
    const text = this.chunks.slice(this.head).join('');
    if (text.length <= this.max && !this.cut) return text;
    const cut = text.slice(-this.max);
    const nl = cut.search(/[\r\n]/);
    return nl >= 0 ? cut.slice(nl + 1) : cut;
  }

  /** Characters held now. */
  get size(): number {
    return this.length;
  }
}
