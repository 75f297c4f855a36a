import type { Router } from 'express';
import { PeerboardError } from '../../schema/index.ts';
import type { StoredPosting } from '../../schema/index.ts';
import type { Runtime } from '../../store/runtime-port.ts';
import { createWebRouter } from '../../web/web-router.ts';
import type { EmployerActions } from '../../web/web-deps.ts';
import { readBearer } from '../auth/api-keys.ts';
import { closeJob, postJob, registerEmployer } from '../graphql/employer-resolvers.ts';
import type { Geocoder } from '../graphql/job-filter-input.ts';
import { createRequestContext } from '../graphql/request-context.ts';
import type { ResultCache } from '../graphql/result-cache.ts';

export interface WebPagesDeps {
  runtime: Runtime;
  now: () => Date;
  geocode?: Geocoder | undefined;
  cache?: ResultCache | undefined;
  minSample: number;
  production: boolean;
  log: (line: string) => void;
}

/**
 * The pages of web/, wired to the very functions the GraphQL mutations run: a form post is
 * validated, authenticated and ingested exactly as `registerEmployer`, `postJob` and `closeJob`
 * are, with the key checked as an `Authorization: Bearer` credential.
 */
export async function createWebPages(deps: WebPagesDeps): Promise<Router> {
  const context = (apiKey: string | null) =>
    createRequestContext({ runtime: deps.runtime, now: deps.now, geocode: deps.geocode, cache: deps.cache }, readBearer(apiKey ? `Bearer ${apiKey}` : undefined));
  const employers: EmployerActions = {
    async register(input) {
      const { employer, apiKey } = (await registerEmployer({ input: { name: input.name, email: input.email, website: input.website } }, context(null)));
      return { employer, apiKey };
    },
    async authenticate(apiKey) {
      if (!apiKey) throw new PeerboardError('UNAUTHENTICATED', 'an API key is needed');
      return context(apiKey).employer();
    },
    postJob: (apiKey, input): Promise<StoredPosting> => postJob({ input }, context(apiKey)),
    closeJob: (apiKey, id): Promise<StoredPosting> => closeJob({ id }, context(apiKey)),
  };
  const { router } = await createWebRouter({ ...deps, employers });
  return router;
}
