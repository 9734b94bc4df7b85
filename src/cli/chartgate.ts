import { runCli } from './runCli.js';

// The `chartgate` process: serve resolves only once a signal has stopped it; every other command when it is done.
process.exit(await runCli(process.argv));
