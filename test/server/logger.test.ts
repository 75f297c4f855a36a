import { describe, expect, it } from 'vitest';
import { scrubText } from '../../server/logging/logger.ts';
import { captureLogger } from './log-capture.ts';

describe('the service logger (pino)', () => {
  it('writes JSON lines with level, time, msg and the context of a child logger', () => {
    const { logger, entries } = captureLogger('info');
    logger.child({ component: 'scheduler' }).info({ source: 'greenhouse-harbor' }, 'run started');
    const [e] = entries();
    expect(e).toMatchObject({ level: 'info', msg: 'run started', component: 'scheduler', source: 'greenhouse-harbor' });
    expect(Number.isNaN(Date.parse(String(e!.time)))).toBe(false);
  });

  it('honours the level: below it nothing is written', () => {
    const { logger, entries } = captureLogger('warn');
    logger.info('routine');
    logger.debug('detail');
    logger.warn('look at this');
    expect(entries().map((e) => e.msg)).toEqual(['look at this']);
  });

  it('redacts credentials and e-mail addresses in fields and in message text', () => {
    const { logger, lines } = captureLogger('debug');
    logger.info({ req: { headers: { authorization: 'Bearer pbk_secret1' } }, apiKey: 'pbk_secret2', employer: { email: 'boss@harbor.example.org' } }, 'registered jobs@harbor.example.org with pbk_secret3');
    logger.error({ err: new Error('upstream said: Authorization: Bearer abc.def.ghi for ops@example.com') }, 'failed');
    const text = lines.join('\n');
    for (const secret of ['pbk_secret1', 'pbk_secret2', 'pbk_secret3', 'boss@harbor', 'jobs@harbor', 'abc.def.ghi', 'ops@example.com']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
    expect(scrubText('mail a.b+c@x-y.example.org or a%40b.example.com')).toBe('mail [email] or [email]');
  });
});

describe('scrubText', () => {
  it('finds addresses with @ or %40 and leaves other text alone', () => {
    expect(scrubText('to jobs@harbor.example.org. Thanks')).toBe('to [email]. Thanks');
    expect(scrubText('query=jobs%40harbor.example.org&x=1')).toBe('query=[email]&x=1');
    expect(scrubText('@handle and a@b and user@localhost')).toBe('@handle and a@b and user@localhost');
  });

  it('stays linear on long hostile text (a 200,000-character run without an address)', () => {
    const t0 = performance.now();
    scrubText(`${'+'.repeat(200_000)}@`);
    scrubText('a'.repeat(200_000));
    scrubText(`${'a.'.repeat(100_000)}%40`);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});
