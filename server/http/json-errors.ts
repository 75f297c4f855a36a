import type { Response } from 'express';

/**
 * Errors answered by the HTTP layer (before or beside GraphQL) use the GraphQL error shape, so a
 * client reads `errors[0].message` and `errors[0].extensions.code` whatever refused the request.
 */
export type HttpErrorCode = 'BAD_USER_INPUT' | 'BAD_REQUEST' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'RATE_LIMITED' | 'INTERNAL_SERVER_ERROR' | 'SERVICE_UNAVAILABLE';

export function sendJsonError(res: Response, status: number, code: HttpErrorCode, message: string, extra: Record<string, unknown> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(status).type('application/json').send(JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] }));
}
