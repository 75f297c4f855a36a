import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configTableMarkdown, loadConfig } from '../schema/config.ts';
import { ValidationError } from '../schema/errors.ts';

describe('configuration', () => {
  it('gives every setting its default on an empty environment', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(4000);
    expect(c.HOST).toBe('127.0.0.1');
    expect(c.DATA_DIR).toBe('./data');
    expect(c.MONGODB_URI).toBeUndefined();
    expect(c.STATS_MIN_SAMPLE).toBe(5);
    expect(c.SCHEDULER).toBe('on');
  });

  it('treats an empty MONGODB_URI as unset, so the embedded store is used', () => {
    expect(loadConfig({ MONGODB_URI: '  ' }).MONGODB_URI).toBeUndefined();
  });

  it('stops with every bad value named, not just the first', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', NODE_ENV: 'staging', STATS_MIN_SAMPLE: '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues.join('\n');
    expect(issues).toMatch(/^PORT: /m);
    expect(issues).toMatch(/^NODE_ENV: /m);
    expect(issues).toMatch(/^STATS_MIN_SAMPLE: /m);
  });

  it('is documented in the README with the same variables and defaults', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const row of configTableMarkdown().split('\n').slice(2)) expect(readme).toContain(row);
  });
});
