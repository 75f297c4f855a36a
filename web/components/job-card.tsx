import type { VNode } from 'preact';
import type { StoredPosting } from '../../schema/index.ts';
import type { SearchHighlight } from '../../store/search/search-port.ts';
import { postedAgo } from '../format/dates.ts';
import { employmentLabel, settingLabel, workplaceLabel } from '../format/labels.ts';
import { payAsStated, payHourly } from '../format/pay-format.ts';

/** "Columbus, OH", "Remote", "Dayton, OH (hybrid)"; null when the posting names no place. */
export function placeText(p: StoredPosting): string | null {
  const { city, state, workplace } = p.location;
  const where = [city, state].filter(Boolean).join(', ');
  if (workplace === 'remote') return where ? `Remote (${where})` : 'Remote';
  if (workplace === 'hybrid') return where ? `${where} (hybrid)` : 'Hybrid';
  return where || null;
}

/**
 * Highlights are the search engine's snippets: matches wrapped in <mark>, everything else
 * HTML-escaped by the engine. Only those exact two tags survive; anything else is escaped again
 * here, so a snippet can never carry markup from a scraped page.
 */
export function SafeSnippet(props: { snippet: string }): VNode {
  const parts: (string | VNode)[] = [];
  const re = /<mark>(.*?)<\/mark>/g;
  let last = 0;
  const unescape = (s: string) =>
    s.replace(/&(lt|gt|amp|quot|#39|#x27);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", '#x27': "'" })[e] ?? '');
  for (let m = re.exec(props.snippet); m; m = re.exec(props.snippet)) {
    if (m.index > last) parts.push(unescape(props.snippet.slice(last, m.index)));
    parts.push(<mark>{unescape(m[1] ?? '')}</mark>);
    last = m.index + m[0].length;
  }
  if (last < props.snippet.length) parts.push(unescape(props.snippet.slice(last)));
  return <>{parts}</>;
}

export function JobCard(props: { posting: StoredPosting; now: Date; highlights?: SearchHighlight[]; distanceMiles?: number | null; headingLevel?: 2 | 3 }): VNode {
  const p = props.posting;
  const stated = payAsStated(p.pay);
  const hourly = payHourly(p.pay);
  const place = placeText(p);
  const posted = postedAgo(p.datePosted ?? p.firstSeenAt, props.now);
  const snippet = props.highlights?.find((h) => h.field === 'description' || h.field === 'descriptionText')?.snippet;
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li>
      <Heading>
        <a href={`/jobs/${encodeURIComponent(p.id)}`}>{p.title}</a>
      </Heading>
      <p class="job-meta">
        {p.employer ? <strong>{p.employer}</strong> : null}
        {p.employer && place ? ' · ' : null}
        {place}
        {props.distanceMiles != null ? ` · ${Math.round(props.distanceMiles)} miles away` : null}
      </p>
      <p class="job-meta">
        {stated ? (
          <>
            <strong>{stated}</strong>
            {hourly && p.pay?.period !== 'hour' ? ` (${hourly})` : null}
          </>
        ) : (
          'Pay not stated'
        )}
        {p.employmentType ? ` · ${employmentLabel(p.employmentType)}` : null}
        {p.location.workplace && p.location.workplace !== 'onsite' && !place ? ` · ${workplaceLabel(p.location.workplace)}` : null}
        {posted ? ` · ${posted}` : null}
      </p>
      {snippet ? (
        <p class="job-meta">
          <SafeSnippet snippet={snippet} />
        </p>
      ) : null}
      {p.settings.length ? (
        <ul class="tag-list" aria-label="Settings">
          {p.settings.map((s) => (
            <li>{settingLabel(s)}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
