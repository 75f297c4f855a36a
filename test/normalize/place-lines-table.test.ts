import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLocation } from '../../scrapers/normalize/location.ts';

// docs/decisions/096: location lines in the shapes boards, ATS and HR pages print them.
const rows = readFileSync(new URL('./fixtures/place-lines.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => {
    const [field = '-', text = '-', title = '-', state = '-', city = '-'] = l.split('\t');
    return { field, text, title, state: state === '-' ? null : state, city: city === '-' ? null : city };
  });

describe('place on a table of location-line shapes', () => {
  it.each(rows)('$field | $text → $state / $city', ({ field, text, title, state, city }) => {
    const raw = field === '-' ? undefined : field.startsWith('[') ? (JSON.parse(field) as string[]) : field;
    const loc = parseLocation(raw, null, text === '-' ? '' : text.replace(/\\n/g, '\n'), title === '-' ? 'Peer Support Specialist' : title, null);
    expect({ state: loc.state, city: loc.city }).toEqual({ state, city });
  });
});
