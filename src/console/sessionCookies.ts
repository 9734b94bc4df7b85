import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_COOKIE, SESSION_COOKIE } from '../auth/createSessionAuthenticator.js';
import { parseCookies, serializeCookie } from '../lib/cookies.js';

/** Browsers keep Secure cookies only over HTTPS, except on this machine: the demo runs on http://127.0.0.1. */
const isLocalHost = (hostname: string): boolean => /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i.test(hostname) || hostname.endsWith('.localhost');

/** The session token the browser sent, if any. */
export const sessionTokenOf = (request: FastifyRequest): string | undefined => parseCookies(request.headers.cookie).get(SESSION_COOKIE);

/**
 * Sets (or with maxAgeS 0, clears) the console's cookies: the HttpOnly session cookie and, once
 * signed in, the readable CSRF cookie the console echoes in X-CSRF-Token. Both SameSite=Strict,
 * Secure unless the console is served to this machine.
 */
export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, session: { token: string; csrfToken?: string; maxAgeS: number }): void {
  const secure = !isLocalHost(request.hostname);
  const cookies = [serializeCookie(SESSION_COOKIE, session.token, { httpOnly: true, secure, maxAgeS: session.maxAgeS })];
  if (session.csrfToken !== undefined) cookies.push(serializeCookie(CSRF_COOKIE, session.csrfToken, { httpOnly: false, secure, maxAgeS: session.maxAgeS }));
  void reply.header('set-cookie', cookies);
}
