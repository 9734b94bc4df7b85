/** A one-line progress display on stderr: rewritten in place on a TTY, plain lines otherwise. */
export interface Progress {
  /** the current step, e.g. "floor: lookup graphql 2/3" */
  step(text: string): void;
  /** a line that stays (scenario done, warnings) */
  log(text: string): void;
  done(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, totalScenarios = 1): Progress {
  const tty = Boolean(stream.isTTY);
  const started = Date.now();
  let finished = 0;
  let current = '';
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
  const clear = () => {
    if (tty && current) stream.write('\r\x1b[2K');
  };
  return {
    step(text) {
      current = `[${finished}/${totalScenarios} scenarios, ${elapsed()}] ${text}`;
      if (tty) stream.write(`\r\x1b[2K${current.slice(0, (stream.columns ?? 120) - 1)}`);
      else stream.write(`${current}\n`);
    },
    log(text) {
      if (text.startsWith('done ') || text.startsWith('FAILED ')) finished++;
      clear();
      stream.write(`${text}\n`);
      if (tty && current) stream.write(current.slice(0, (stream.columns ?? 120) - 1));
    },
    done() {
      clear();
      current = '';
    },
  };
}
