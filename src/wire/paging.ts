import type { QueryValues } from './query.js';

export interface PageRequest {
  pageNum: number;
  itemsPerPage: number;
  includeCount: boolean;
}

export interface Link {
  href: string;
  rel: string;
}

export interface ListEnvelope<R> {
  links: Link[];
  results: R[];
  totalCount: number;
}

export function pageRequest(query: QueryValues): PageRequest {
  return {
    pageNum: (query.pageNum as number | undefined) ?? 1,
    itemsPerPage: (query.itemsPerPage as number | undefined) ?? 100,
    includeCount: (query.includeCount as boolean | undefined) ?? true,
  };
}

const paramName = (pair: string): string => pair.slice(0, pair.indexOf('='));

function encodeParam(name: string, value: QueryValues[string]): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.map((v) => `${name}=${encodeURIComponent(String(v))}`);
}

/**
 * `links` of a list page as Atlas writes them (wire-facts C.1): `self` re-serialises the
 * declared query parameters (defaults included) alphabetically and then appends
 * `pageNum` and `itemsPerPage` in that order; `next` (and `previous`, which was never
 * recorded: a simulator decision) lists every parameter alphabetically.
 */
export function pageLinks(
  url: string,
  query: QueryValues,
  page: PageRequest,
  total: number,
): Link[] {
  const echoed = Object.keys(query)
    .filter((k) => k !== 'pageNum' && k !== 'itemsPerPage')
    .sort()
    .flatMap((k) => encodeParam(k, query[k]!));
  const selfQuery = [...echoed, `pageNum=${page.pageNum}`, `itemsPerPage=${page.itemsPerPage}`].join('&');
  const links: Link[] = [{ href: `${url}?${selfQuery}`, rel: 'self' }];
  const other = (pageNum: number): string =>
    `${url}?${[...echoed, `itemsPerPage=${page.itemsPerPage}`, `pageNum=${pageNum}`]
      .sort((a, b) => (paramName(a) < paramName(b) ? -1 : paramName(a) > paramName(b) ? 1 : 0))
      .join('&')}`;
  if (page.pageNum * page.itemsPerPage < total) links.push({ href: other(page.pageNum + 1), rel: 'next' });
  if (page.pageNum > 1) links.push({ href: other(page.pageNum - 1), rel: 'previous' });
  return links;
}

/**
 * One page of a collection: skips to the page and maps only its items, so the cost of a
 * page does not grow with the collection. `totalCount` is 0 when `includeCount=false`,
 * as on the wire.
 */
/** A lazily computed list that hands out one page without walking the items before it. */
export interface RandomAccessList<T> {
  slice(start: number, end: number): readonly T[];
}

export function paginate<T, R>(
  items: Iterable<T> | RandomAccessList<T>,
  total: number,
  page: PageRequest,
  map: (item: T) => R,
  links: Link[],
): ListEnvelope<R> {
  const start = (page.pageNum - 1) * page.itemsPerPage;
  const results: R[] = [];
  if (Array.isArray(items) || !(Symbol.iterator in items)) {
    const sliceable: RandomAccessList<T> = items;
    for (const item of sliceable.slice(start, start + page.itemsPerPage)) results.push(map(item));
  } else if (start < total) {
    let i = 0;
    for (const item of items) {
      if (i++ < start) continue;
      results.push(map(item));
      if (results.length >= page.itemsPerPage) break;
    }
  }
  return { links, results, totalCount: page.includeCount ? total : 0 };
}
