// The page's state lives in its URL (query string), so a link reproduces what it shows.

export type View = 'run' | 'compare' | 'papers' | 'sweep';
export const VIEWS: View[] = ['run', 'compare', 'papers', 'sweep'];

export function params(): URLSearchParams {
  return new URLSearchParams(location.search);
}

export function view(): View {
  const v = params().get('view');
  return VIEWS.includes(v as View) ? (v as View) : 'run';
}

/** Replace the state with these keys (empty values dropped); push a history entry unless told not to. */
export function setState(entries: [string, string][], push = true): void {
  const q = new URLSearchParams();
  for (const [k, v] of entries) if (v !== '') q.append(k, v);
  const url = `${location.pathname}?${q.toString()}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}
