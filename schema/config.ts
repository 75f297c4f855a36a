import { z } from 'zod';
import { ValidationError } from './errors.ts';

/**
 * The configuration, read once from the environment and passed down. Each setting names its
 * environment variable, its default and what it is for; the README's configuration table is
 * checked against this list by a test. A bad value stops the boot with a clear message.
 */
const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const CONFIG_VARIABLES = {
  NODE_ENV: { schema: z.enum(['development', 'production', 'test']).default('development'), doc: 'development, production or test; production masks errors and turns the IDE and introspection off' },
  HOST: { schema: z.string().default('127.0.0.1'), doc: 'address the HTTP server listens on' },
  PORT: { schema: int(4000), doc: 'HTTP port of the GraphQL API (0 picks a free one)' },
  DATA_DIR: { schema: z.string().default('./data'), doc: 'folder of the embedded store and search index' },
  MONGODB_URI: { schema: optionalString, doc: 'MongoDB connection string; when set, postings live in MongoDB instead of the embedded store' },
  MONGODB_DB: { schema: z.string().default('peerboard'), doc: 'MongoDB database name' },
  MEILI_HOST: { schema: optionalString, doc: 'Meilisearch URL; when set, Meilisearch indexes the postings instead of the embedded engine' },
  MEILI_API_KEY: { schema: optionalString, doc: 'Meilisearch API key scoped to the postings index (never the master key)' },
  MEILI_INDEX: { schema: z.string().default('postings'), doc: 'Meilisearch index uid' },
  SOURCES_FILE: { schema: z.string().default('./sources.json'), doc: 'the sources to scrape' },
  SCHEDULER: { schema: z.enum(['on', 'off']).default('on'), doc: 'run the scrape schedules inside the service' },
  PEERBOARD_CONTACT: { schema: z.string().default('https://github.com/peerboard/peerboard'), doc: 'contact URL in the scrapers\' User-Agent' },
  USAJOBS_API_KEY: { schema: optionalString, doc: 'USAJOBS API key (the usajobs source is disabled without it)' },
  USAJOBS_EMAIL: { schema: optionalString, doc: 'contact e-mail USAJOBS asks for in the User-Agent header' },
  STATS_MIN_SAMPLE: { schema: int(5, 1), doc: 'fewest postings with pay for a group to publish percentiles' },
  RATE_LIMIT_PER_MINUTE: { schema: int(300, 1), doc: 'API requests a minute per client address' },
  RATE_LIMIT_PER_KEY_PER_MINUTE: { schema: int(600, 1), doc: 'API requests a minute per employer API key' },
  CORS_ORIGINS: { schema: z.string().default(''), doc: 'comma-separated origins allowed to call the API from a browser' },
  GRAPHQL_IDE: { schema: z.enum(['auto', 'on', 'off']).default('auto'), doc: 'the offline GraphQL IDE at /graphql (auto: on unless production)' },
  GRAPHQL_INTROSPECTION: { schema: z.enum(['auto', 'on', 'off']).default('auto'), doc: 'schema introspection (auto: on unless production)' },
  TRUST_PROXY: { schema: z.string().default('loopback'), doc: 'Express trust proxy setting, for client addresses behind a proxy' },
  LOG_LEVEL: { schema: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'), doc: 'log verbosity' },
} as const;

type Vars = typeof CONFIG_VARIABLES;
export type Config = { [K in keyof Vars]: z.output<Vars[K]['schema']> };

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, def] of Object.entries(CONFIG_VARIABLES)) {
    const raw = env[name];
    const r = (def.schema as z.ZodType).safeParse(raw === '' ? undefined : raw);
    if (r.success) out[name] = r.data;
    else problems.push(`${name}: ${r.error.issues.map((i) => i.message).join('; ')} (got ${JSON.stringify(raw)})`);
  }
  if (problems.length) throw new ValidationError(problems);
  return out as Config;
}

/** The README's configuration table, generated from {@link CONFIG_VARIABLES} (a test keeps them equal). */
export function configTableMarkdown(): string {
  const rows = ['| variable | default | what it is for |', '| --- | --- | --- |'];
  for (const [name, def] of Object.entries(CONFIG_VARIABLES)) {
    const r = (def.schema as z.ZodType).safeParse(undefined);
    const value: unknown = r.success ? r.data : undefined;
    const shown =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? value === ''
          ? '(empty)'
          : `\`${value}\``
        : '(unset)';
    rows.push(`| \`${name}\` | ${shown} | ${def.doc} |`);
  }
  return rows.join('\n');
}
