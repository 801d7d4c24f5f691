/**
 * The home page's first requests, already on their way (issue #13): index.html's inline script asks
 * for them as soon as the page arrives, while the scripts download, and leaves their answers here.
 */
interface EarlyRequests {
  token: string;
  answers: Record<string, Promise<Response> | undefined>;
}

declare global {
  interface Window {
    __qfEarly?: EarlyRequests;
  }
}

/**
 * The answer to `request` if index.html already asked for it, with the same token: given once (a
 * body is read once), so any later request of the same URL goes to the network.
 */
export function takeEarlyAnswer(request: Request): Promise<Response> | undefined {
  const early = typeof window === 'undefined' ? undefined : window.__qfEarly;
  if (!early || request.method !== 'GET' || request.headers.get('Authorization') !== `Bearer ${early.token}`) return undefined;
  const url = new URL(request.url, window.location.href);
  if (url.origin !== window.location.origin) return undefined;
  const key = url.pathname + url.search;
  const answer = early.answers[key];
  early.answers[key] = undefined;
  return answer;
}
