// The `toml` package ships no types; it exposes parse(text) and throws SyntaxError with line/column.
declare module 'toml' {
  export function parse(text: string): Record<string, unknown>;
}
