// Output written in pieces instead of one string: a report of a large file can exceed V8's largest
// string ("Invalid string length"). jsonChunks yields exactly the text JSON.stringify(value, null, 2)
// would build; LineSink hands whole lines to the writer in blocks of about 64 KiB.

/** Buffers pieces and writes them in blocks that end at a line break. */
export class LineSink {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly write: (text: string) => void) {}

  push(piece: string): void {
    this.parts.push(piece);
    this.size += piece.length;
    if (this.size >= 65536 && piece.endsWith('\n')) this.flush();
  }

  /** Write what is left (the writer adds a final line break when it is missing). */
  end(): void {
    if (this.parts.length) this.flush();
  }

  private flush(): void {
    this.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

function skipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** JSON.stringify(value, null, 2) in pieces: containers down to `depth` levels are split per element. */
export function* jsonChunks(value: unknown, indent = '', depth = 4): Generator<string> {
  if (depth === 0 || value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    yield (JSON.stringify(value, null, 2) ?? 'null').replace(/\n/g, '\n' + indent);
    return;
  }
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return yield '[]';
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      yield inner;
      yield* jsonChunks(skipped(value[i]) ? null : value[i], inner, depth - 1);
      yield i < value.length - 1 ? ',\n' : '\n';
    }
    yield indent + ']';
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => !skipped(v));
  if (entries.length === 0) return yield '{}';
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    yield inner + JSON.stringify(entries[i][0]) + ': ';
    yield* jsonChunks(entries[i][1], inner, depth - 1);
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield indent + '}';
}

/** Write `value` as pretty JSON through `out`, in blocks. */
export function writeJson(value: unknown, out: (text: string) => void): void {
  const sink = new LineSink(out);
  for (const piece of jsonChunks(value)) sink.push(piece);
  sink.end();
}
