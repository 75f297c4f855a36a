import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

/**
 * Reads HTML microdata items (`itemscope` / `itemtype` / `itemprop`) into the same plain objects
 * JSON-LD gives, so one reader serves both. Older careers pages (and many county and hospital
 * templates) mark postings up as `<div itemscope itemtype="http://schema.org/JobPosting">`.
 * Values follow the HTML standard's microdata rules: `meta` → `content`, links → `href`,
 * media → `src`, `time` → `datetime`, `data`/`meter` → `value`, else the text; a nested
 * `itemscope` is an object. `description` keeps its inner HTML.
 */
type JsonObject = Record<string, unknown>;

const MAX_DEPTH = 6;

/** Every top-level item on the page whose `itemtype` ends in one of `types` (e.g. `JobPosting`). */
export function microdataItems($: CheerioAPI, types: readonly string[]): JsonObject[] {
  const wanted = new Set(types.map((t) => t.toLowerCase()));
  const out: JsonObject[] = [];
  $('[itemscope][itemtype]').each((_, el) => {
    const itemTypes = typeNames($(el).attr('itemtype'));
    if (!itemTypes.some((t) => wanted.has(t.toLowerCase()))) return;
    // A JobPosting nested in another wanted item is read as part of that item.
    const outer = $(el).parent().closest('[itemscope][itemtype]');
    if (outer.length > 0 && typeNames(outer.attr('itemtype')).some((t) => wanted.has(t.toLowerCase()))) return;
    out.push(readItem($, el, 0));
  });
  return out;
}

/** `"http://schema.org/JobPosting https://schema.org/Thing"` → `["JobPosting", "Thing"]`. */
function typeNames(itemtype: string | undefined): string[] {
  return (itemtype ?? '')
    .split(/\s+/)
    .filter((t) => t !== '')
    .map((t) => t.replace(/^.*[/:#]/, ''));
}

function readItem($: CheerioAPI, el: Element, depth: number): JsonObject {
  const item: JsonObject = {};
  const types = typeNames($(el).attr('itemtype'));
  if (types.length > 0) item['@type'] = types.length === 1 ? types[0] : types;
  $(el)
    .find('[itemprop]')
    .each((_, prop) => {
      // Only this item's own properties: the nearest enclosing itemscope must be `el`.
      if ($(prop).parent().closest('[itemscope]')[0] !== el) return;
      const names = ($(prop).attr('itemprop') ?? '').split(/\s+/).filter((n) => n !== '');
      if (names.length === 0) return;
      const value = propertyValue($, prop, names, depth);
      if (value === undefined) return;
      for (const name of names) {
        const existing = item[name];
        item[name] = existing === undefined ? value : Array.isArray(existing) ? [...(existing as unknown[]), value] : [existing, value];
      }
    });
  return item;
}

function propertyValue($: CheerioAPI, prop: Element, names: string[], depth: number): unknown {
  const node = $(prop);
  if (node.attr('itemscope') !== undefined) return depth < MAX_DEPTH ? readItem($, prop, depth + 1) : undefined;
  const tag = prop.tagName.toLowerCase();
  // `content` on any element is the common (if non-standard) way templates give a machine value.
  const content = node.attr('content');
  if (content !== undefined) return content;
  if (tag === 'a' || tag === 'link' || tag === 'area') return node.attr('href');
  if (['img', 'audio', 'video', 'source', 'iframe', 'embed', 'track'].includes(tag)) return node.attr('src');
  if (tag === 'object') return node.attr('data');
  if (tag === 'time') return node.attr('datetime') ?? node.text();
  if (tag === 'data' || tag === 'meter') return node.attr('value') ?? node.text();
  if (names.includes('description')) return (node.html() ?? '').trim();
  return textOf($, prop);
}

/** Text with the gaps a browser would show between block elements. */
function textOf($: CheerioAPI, el: AnyNode): string {
  return $(el).text().replace(/\s+/g, ' ').trim();
}
