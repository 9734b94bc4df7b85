import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';

/** resolvers/__generated__ is committed: regenerate in memory and compare, so stale types fail CI. */
describe('codegen', () => {
  it('resolvers/__generated__/types.ts matches schema/*.graphql (run `npm run codegen` when this fails)', async () => {
    const outputs = (await generate({ ...config, silent: true }, false)) as { filename: string; content: string }[];
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const committed = readFileSync(output.filename, 'utf8');
      expect(committed === output.content, `${output.filename} is stale`).toBe(true);
    }
  }, 60_000);
});
