// Where the login page goes after a sign-in: its `return_to` when that is a path on this site
// (a single leading '/') or an http(s) URL on a host the server allows (GET /api/v1/info
// allowed_return_hosts: "host" for any port, "host:port" for one); anything else is refused, so
// no link to /login can send a user to another site. The browser's own URL parser decides, the
// same one that then navigates, and the result is always an absolute URL.

function hostAllowed(url: URL, allowedHosts: readonly string[]): boolean {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowedHosts.some((entry) => {
    const e = entry.toLowerCase();
    return e === url.hostname || e === `${url.hostname}:${port}`;
  });
}

export function safeReturnTo(raw: string | null, allowedHosts: readonly string[], origin = window.location.origin): string | null {
  // Backslashes, controls and spaces: parsers disagree on them ('/\evil.com' is '//evil.com').
  if (!raw || /[\\\s\u0000-\u001f\u007f]/.test(raw)) return null;
  let url: URL;
  try {
    if (raw.startsWith('/')) {
      if (raw.startsWith('//')) return null;
      url = new URL(raw, origin);
      return url.origin === origin ? url.href : null;
    }
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  return hostAllowed(url, allowedHosts) ? url.href : null;
}

// The return_to of the current page's query, checked; null when absent or refused.
export function returnToOfPage(allowedHosts: readonly string[]): string | null {
  return safeReturnTo(new URLSearchParams(window.location.search).get('return_to'), allowedHosts);
}
