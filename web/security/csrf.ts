import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * CSRF protection for the employer forms, in two independent layers:
 *
 * 1. Fetch metadata: a browser that sends `Sec-Fetch-Site` (all current ones) must say
 *    `same-origin`; otherwise an `Origin` header, when present, must be our own origin. A form
 *    on another site posting here is refused before anything is read.
 * 2. A signed double-submit token: a random id in an HttpOnly, SameSite=Strict cookie, and in
 *    each form a hidden field carrying HMAC(secret, id). Another site can neither read the
 *    cookie nor compute the token, and a cookie planted by a sibling subdomain does not carry a
 *    valid signature for the field it would need.
 *
 * The forms carry no session: the employer's API key is typed into each form that needs it (see
 * docs/decisions/072-employer-forms-and-the-api-key.md), so there is no ambient credential for a
 * forged request to ride on; the token still stops a forged registration or a login-CSRF style
 * post with the attacker's key.
 */
export const CSRF_COOKIE = 'pb_csrf';
export const CSRF_FIELD = 'csrf';

export class CsrfGuard {
  private readonly secret: Buffer;

  constructor(secret: Buffer = randomBytes(32)) {
    this.secret = secret;
  }

  private sign(id: string): string {
    return createHmac('sha256', this.secret).update(id).digest('base64url');
  }

  /** The token for this browser's forms, setting the cookie when it has none (or a malformed one). */
  tokenFor(req: Request, res: Response): string {
    let id = readCookie(req, CSRF_COOKIE);
    if (!id || !/^[A-Za-z0-9_-]{22}$/.test(id)) {
      id = randomBytes(16).toString('base64url');
      const secure = req.secure ? '; Secure' : '';
      res.append('Set-Cookie', `${CSRF_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict${secure}`);
      // Remember it for the rest of this response (a page rendering several forms).
      (req.headers as Record<string, string>).cookie = `${req.headers.cookie ? `${req.headers.cookie}; ` : ''}${CSRF_COOKIE}=${id}`;
    }
    return this.sign(id);
  }

  /** Why a form post is refused, or null when it passes both layers. */
  check(req: Request, body: Record<string, unknown>): string | null {
    const site = req.headers['sec-fetch-site'];
    if (typeof site === 'string' && site !== 'same-origin') return 'the form was sent from another site';
    const origin = req.headers.origin;
    if (typeof origin === 'string' && origin !== 'null' && origin !== `${req.protocol}://${req.headers.host ?? ''}`) return 'the form was sent from another site';
    const id = readCookie(req, CSRF_COOKIE);
    const token = body[CSRF_FIELD];
    if (!id || typeof token !== 'string') return 'the form has expired';
    const expected = Buffer.from(this.sign(id));
    const given = Buffer.from(token);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'the form has expired';
    return null;
  }
}

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}
