import { readFile } from 'node:fs/promises';
import cron from 'node-cron';
import { ValidationError } from '../schema/errors.ts';
import { sourceConfigSchema, type SourceConfig } from '../scrapers/sources/source-types.ts';

/**
 * Reads and validates a sources file (`sources.json`): a JSON array of source entries. Every
 * problem is reported at once as a `file: [index] id.field: message` line in a ValidationError,
 * so an operator fixes the whole file in one pass instead of one error per restart.
 *
 * Keys starting with `_` (e.g. `"_note"`) are comments and ignored: JSON has no comments, and the
 * default file needs to say where each source comes from. Any other key the source's kind does not
 * know is an error, because a misspelt `"shedule"` would otherwise silently fall back to the default.
 */
export async function loadSources(path: string): Promise<SourceConfig[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ValidationError([`${path}: cannot read the sources file (${code ?? (err as Error).message})`], { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (err) {
    throw new ValidationError([`${path}: not valid JSON (${(err as Error).message})`], { cause: err });
  }
  return parseSources(json, path);
}

/** Validates an already parsed sources file; `label` names it in the error lines. */
export function parseSources(json: unknown, label = 'sources'): SourceConfig[] {
  if (!Array.isArray(json)) throw new ValidationError([`${label}: expected a JSON array of sources, got ${describe(json)}`]);
  const entries: unknown[] = json.map(stripComments);
  const problems: string[] = [];

  const sources: SourceConfig[] = [];
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const id = entryId(entry);
    const where = `${label}: [${index}]${id ? ` ${id}` : ''}`;
    for (const key of unknownKeys(entry)) problems.push(`${where}.${key}: unknown field for kind "${entryKind(entry)}"`);
    // Each entry on its own, so one bad entry does not hide the duplicate ids or bad schedules of the others.
    const parsed = sourceConfigSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push(issue.path.length ? `${where}.${issue.path.map(String).join('.')}: ${issue.message}` : `${where}: ${issue.message}`);
      }
      return;
    }
    const source = parsed.data;
    const first = seen.get(source.id);
    if (first !== undefined) problems.push(`${where}.id: duplicate id (also at [${first}]); run history and locks are kept per id`);
    else seen.set(source.id, index);
    // node-cron would throw on a bad expression only when the scheduler starts; say it here instead.
    if (!cron.validate(source.schedule)) problems.push(`${where}.schedule: "${source.schedule}" is not a valid cron expression`);
    sources.push(source);
  });

  if (problems.length) throw new ValidationError(problems);
  return sources;
}

function stripComments(entry: unknown): unknown {
  if (!isRecord(entry)) return entry;
  return Object.fromEntries(Object.entries(entry).filter(([key]) => !key.startsWith('_')));
}

/** Keys of an entry that its kind's schema does not declare (the schemas strip them silently). */
function unknownKeys(entry: unknown): string[] {
  if (!isRecord(entry)) return [];
  const option = sourceConfigSchema.options.find((o) => o.shape.kind.value === entry.kind);
  if (!option) return [];
  const known = new Set(Object.keys(option.shape));
  return Object.keys(entry).filter((key) => !known.has(key));
}

function entryId(entry: unknown): string | undefined {
  return isRecord(entry) && typeof entry.id === 'string' ? entry.id : undefined;
}

function entryKind(entry: unknown): string {
  return isRecord(entry) && typeof entry.kind === 'string' ? entry.kind : '?';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  const type = typeof value;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
