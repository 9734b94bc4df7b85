import { spawn, type ChildProcess } from 'node:child_process';
import { packageRoot } from '../../../src/lib/packageRoot.js';
import { TEST_AUDIT_KEY } from '../../harness/harness.js';

/** A chartgate server in its own process, as an operator runs it; the test ends it by PID. */
export interface ChildChartgate {
  readonly pid: number;
  /** http://127.0.0.1:<port> */
  readonly base: string;
  readonly url: string;
  /** resolves with the exit code (null when a signal ended it) and that signal */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** everything it printed so far */
  output(): string;
  kill(signal: NodeJS.Signals): void;
}

const SERVING = /serving GraphQL at (http:\/\/\S+)\/graphql/;

/** The settings every fault test's child shares: production mode (so Apollo would install its own signal handler), quiet logs, a fixed token secret, the tests' audit key, a free metrics port. */
const childEnv = (env: Record<string, string>): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  PORT: '0',
  HOST: '127.0.0.1',
  AUTH_TOKEN_SECRET: 'fault-test-secret-'.padEnd(40, 'x'),
  DEMO_CLIENTS: 'false',
  AUDIT_KEY: TEST_AUDIT_KEY,
  METRICS_PORT: '0',
  ...env,
});

/** Starts `command` (default `node --import tsx src/cli/chartgate.ts serve`) and resolves once it prints its URL; rejects if it exits first. */
export function spawnChartgate(
  env: Record<string, string>,
  command: readonly string[] = ['node', '--import', 'tsx', 'src/cli/chartgate.ts', 'serve'],
): Promise<ChildChartgate> {
  const child: ChildProcess = spawn(command[0]!, command.slice(1), { cwd: packageRoot(), env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = SERVING.exec(output);
      if (!m) return;
      child.stdout!.off('data', onData);
      child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
      resolve({
        pid: child.pid!,
        base: m[1]!,
        url: `${m[1]}/graphql`,
        exited,
        output: () => output,
        kill: (signal) => child.kill(signal),
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    void exited.then(({ code, signal }) => reject(new Error(`chartgate exited (${code ?? signal}) before serving:\n${output}`)));
  });
}

/** True while a process with this PID exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
