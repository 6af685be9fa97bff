// The little of markdown-it the escaper's tests use (it is the renderer they judge escaping with;
// no @types package is installed).
declare module 'markdown-it' {
  export default class MarkdownIt {
    constructor(options?: { html?: boolean; linkify?: boolean });
    render(src: string): string;
  }
}
