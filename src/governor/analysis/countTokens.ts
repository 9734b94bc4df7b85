import { Lexer, Source, TokenKind } from 'graphql';

/** The number of lexical tokens in a document, stopping at `limit + 1` (linear, never builds an AST). */
export function countTokens(text: string, limit: number): number {
  const lexer = new Lexer(new Source(text));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) {
    if (++n > limit) break;
  }
  return n;
}
