import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from './audit.ts';

export const TOKEN_TTL_MS = 10 * 60_000;
export const SESSION_TTL_MS = 12 * 60 * 60_000;

export type DashboardSession = { mentor: Actor; csrf: string; expiresAt: number };

/**
 * Sign-in links for the mentor dashboard. A link's token is single-use and
 * short-lived; redeeming it opens a session. Only hashes are kept, in memory:
 * a restart signs every mentor out, and nothing secret reaches the database.
 * Whether the holder is still a mentor is not decided here: the dashboard
 * checks the role on every request.
 */
export type MentorSignIn = {
  /** Where links point (PUBLIC_URL, or the address the dashboard listens on). */
  baseUrl: string;
  issue(mentor: Actor): { url: string; expiresAt: number };
  /** The new session's id, or undefined for an unknown, used or expired token. */
  redeem(token: string): { sessionId: string; session: DashboardSession } | undefined;
  session(sessionId: string): DashboardSession | undefined;
  end(sessionId: string): void;
};

const hash = (secret: string) => createHash('sha256').update(secret).digest('base64url');
const secret = () => randomBytes(32).toString('base64url');

export function createMentorSignIn(baseUrl: string, now: () => number): MentorSignIn {
  const tokens = new Map<string, { mentor: Actor; expiresAt: number }>();
  const sessions = new Map<string, DashboardSession>();
  const sweep = (at: number) => {
    for (const [key, t] of tokens) if (t.expiresAt <= at) tokens.delete(key);
    for (const [key, s] of sessions) if (s.expiresAt <= at) sessions.delete(key);
  };
  return {
    baseUrl,
    issue(mentor) {
      const at = now();
      sweep(at);
      const token = secret();
      const expiresAt = at + TOKEN_TTL_MS;
      tokens.set(hash(token), { mentor, expiresAt });
      return { url: `${this.baseUrl.replace(/\/+$/, '')}/signin/${token}`, expiresAt };
    },
    redeem(token) {
      const key = hash(token);
      const found = tokens.get(key);
      // Used or not, a token is gone once presented.
      tokens.delete(key);
      const at = now();
      if (!found || found.expiresAt <= at) return undefined;
      const sessionId = secret();
      const session = { mentor: found.mentor, csrf: secret(), expiresAt: at + SESSION_TTL_MS };
      sessions.set(hash(sessionId), session);
      return { sessionId, session };
    },
    session(sessionId) {
      const key = hash(sessionId);
      const found = sessions.get(key);
      if (found && found.expiresAt <= now()) sessions.delete(key);
      return found && found.expiresAt > now() ? found : undefined;
    },
    end(sessionId) {
      sessions.delete(hash(sessionId));
    },
  };
}
