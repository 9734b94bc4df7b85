import type { FastifyInstance } from 'fastify';
import { ErrorCode } from '../lib/ErrorCode.js';
import { routeErrorBody, sendErrorBody } from './renderError.js';

/** Graceful shutdown's first half: stop taking requests, wait for the running ones. */
export interface Drain {
  /** requests being served now */
  readonly inFlight: number;
  /**
   * From now on every new request answers 503 SHUTTING_DOWN (in the GraphQL error shape, with
   * `Connection: close`); resolves once no request is in flight, or when `graceMs` has passed,
   * with how many were still running.
   */
  begin(graceMs: number): Promise<number>;
  /** ends the wait at once (a second signal) */
  cut(): void;
}

/** Counts the requests in flight (until their response is sent or their connection closes) and answers new ones 503 while draining. */
export function registerDrain(app: FastifyInstance): Drain {
  let draining = false;
  let inFlight = 0;
  let finish: (() => void) | null = null;

  app.addHook('onRequest', (_request, reply, done) => {
    if (draining) {
      void reply.header('connection', 'close');
      // callback-style hook: replying without done() ends the request here
      void sendErrorBody(reply, 503, routeErrorBody(ErrorCode.SHUTTING_DOWN, 'This instance is shutting down and did not run the request; retry it'));
      return;
    }
    inFlight++;
    // after the response's own onResponse hooks (the integration log queues its row there)
    reply.raw.once('close', () =>
      setImmediate(() => {
        inFlight--;
        if (inFlight === 0) finish?.();
      }),
    );
    done();
  });

  return {
    get inFlight() {
      return inFlight;
    },
    begin(graceMs) {
      draining = true;
      if (inFlight === 0) return Promise.resolve(0);
      return new Promise<number>((resolve) => {
        const timer = setTimeout(() => finish?.(), graceMs);
        finish = () => {
          clearTimeout(timer);
          finish = null;
          resolve(inFlight);
        };
      });
    },
    cut() {
      finish?.();
    },
  };
}
