import { describe, expect, it } from 'vitest';
import { main } from '../../jobs/cli.ts';
import { normalizedPostingSchema } from '../../schema/index.ts';
import { captureIO } from '../cli-io.ts';

function run(input: string, args: string[] = []) {
  const t = captureIO({}, input);
  return main(['normalize', ...args], t.io).then((code) => ({ code, out: t.out(), err: t.err() }));
}

describe('peerboard normalize', () => {
  it('writes one line per non-empty input line, in order, and keeps going after bad lines', async () => {
    const input = [
      JSON.stringify({ title: 'Peer Support Specialist', employer: 'Acme Health', location: 'Columbus, OH', pay: '$18 - $22/hr' }),
      '{"title": "broken',
      '',
      '   ',
      JSON.stringify({ employer: 'No Title Inc' }),
      JSON.stringify([1, 2, 3]),
      JSON.stringify({ title: 'Recovery Coach', location: 'Remote', pay: 'DOE', datePosted: 'Posted 2 days ago' }),
    ].join('\n');
    const { code, out } = await run(`${input}\n`, ['--now', '2026-03-10T00:00:00Z']);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(normalizedPostingSchema.parse(lines[0])).toMatchObject({ title: 'Peer Support Specialist', pay: { min: 18, max: 22, period: 'hour' }, location: { state: 'OH' } });
    expect(lines[1]).toEqual({ error: { code: 'INVALID_JSON', message: expect.stringMatching(/^line 2: /), line: 2 } });
    expect(lines[2]).toEqual({ error: { code: 'INVALID_POSTING', message: expect.stringContaining('title:'), line: 5 } });
    expect(lines[3].error.code).toBe('INVALID_POSTING');
    expect(lines[4]).toMatchObject({ title: 'Recovery Coach', pay: null, location: { workplace: 'remote' }, datePosted: '2026-03-08T00:00:00.000Z' });
  });

  it('handles CRLF line endings and a last line without a newline', async () => {
    const { code, out } = await run(`${JSON.stringify({ title: 'A' })}\r\n${JSON.stringify({ title: 'B' })}`);
    expect(code).toBe(0);
    expect(out.trimEnd().split('\n').map((l) => JSON.parse(l).title)).toEqual(['A', 'B']);
  });

  it('exits 0 with no output on empty input', async () => {
    expect(await run('')).toEqual({ code: 0, out: '', err: '' });
  });

  it('rejects a bad option with exit code 2', async () => {
    const r = await run('', ['--now', 'yesterday-ish']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--now');
  });

  it('explains itself with --help', async () => {
    const r = await run('', ['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('INVALID_JSON');
  });
});
