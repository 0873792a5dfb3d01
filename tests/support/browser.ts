// A minimal browser for tests: manual redirects, a cookie jar per origin, HTML form reading.
import { fetch as undiciFetch, type Dispatcher } from 'undici';

export interface Page {
  url: URL;
  status: number;
  location?: URL;
  contentType: string;
  body: string;
  /** Raw Set-Cookie headers of this response, to check cookie flags. */
  setCookies: string[];
}

export class Browser {
  readonly #jar = new Map<string, Map<string, string>>();

  /** `dispatcher`: how to connect, when the default will not do (a private certificate authority). */
  constructor(readonly dispatcher?: Dispatcher) {}

  async get(url: string | URL): Promise<Page> {
    return this.#send(new URL(url), { method: 'GET' });
  }

  async post(url: string | URL, form: Record<string, string>): Promise<Page> {
    return this.#send(new URL(url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  /** Follows redirects while they stay on `origin`; returns the first page elsewhere or not a redirect. */
  async followWithin(origin: string, page: Page): Promise<Page> {
    let current = page;
    while (current.location && current.location.origin === origin) {
      current = await this.get(current.location);
    }
    return current;
  }

  cookie(origin: string, name: string): string | undefined {
    return this.#jar.get(origin)?.get(name);
  }

  /** The Cookie header this browser sends to `origin`. */
  cookieHeader(origin: string): string {
    return [...this.#cookiesOf(origin)].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  setCookie(origin: string, name: string, value: string): void {
    this.#cookiesOf(origin).set(name, value);
  }

  async #send(url: URL, init: RequestInit): Promise<Page> {
    const cookies = this.cookieHeader(url.origin);
    const headers = { ...(init.headers as Record<string, string>), ...(cookies ? { cookie: cookies } : {}), accept: 'text/html' };
    const response = this.dispatcher
      ? await undiciFetch(url, { ...(init as Parameters<typeof undiciFetch>[1]), redirect: 'manual', headers, dispatcher: this.dispatcher })
      : await fetch(url, { ...init, redirect: 'manual', headers });
    const setCookies = response.headers.getSetCookie();
    for (const header of setCookies) this.#store(url.origin, header);
    const location = response.headers.get('location');
    return {
      url,
      status: response.status,
      location: location ? new URL(location, url) : undefined,
      contentType: response.headers.get('content-type') ?? '',
      body: await response.text(),
      setCookies,
    };
  }

  #store(origin: string, header: string): void {
    const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator);
    const value = pair.slice(separator + 1);
    const expired = attributes.some((attribute) => {
      const [key = '', raw = ''] = attribute.split('=');
      if (key.toLowerCase() === 'max-age') return Number(raw) <= 0;
      if (key.toLowerCase() === 'expires') return Date.parse(raw) <= Date.now();
      return false;
    });
    if (expired || value === '') this.#cookiesOf(origin).delete(name);
    else this.#cookiesOf(origin).set(name, value);
  }

  #cookiesOf(origin: string): Map<string, string> {
    let cookies = this.#jar.get(origin);
    if (!cookies) this.#jar.set(origin, (cookies = new Map()));
    return cookies;
  }
}

export interface HtmlForm {
  action: URL;
  /** Hidden and pre-filled inputs, by name. */
  fields: Record<string, string>;
  inputNames: string[];
}

/** Reads the first form of a page, as a browser would submit it. */
export function readForm(page: Page): HtmlForm {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(page.body);
  if (!form) throw new Error(`no form on ${page.url.href} (status ${page.status}): ${page.body.slice(0, 300)}`);
  const action = attribute(form[1] ?? '', 'action') ?? page.url.href;
  const fields: Record<string, string> = {};
  const inputNames: string[] = [];
  for (const [tag] of (form[2] ?? '').matchAll(/<input\b[^>]*>/gi)) {
    const name = attribute(tag, 'name');
    if (!name) continue;
    inputNames.push(name);
    fields[name] = attribute(tag, 'value') ?? '';
  }
  return { action: new URL(decodeEntities(action), page.url), fields, inputNames };
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag);
  return match?.[1] === undefined ? undefined : decodeEntities(match[1]);
}

function decodeEntities(value: string): string {
  return value.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&');
}

/**
 * Starts at an authorization URL, signs in on the provider's own form, and returns the redirect
 * back to the client (its callback URL with code and state), or the page it stopped on.
 */
export async function signIn(browser: Browser, authorizationUrl: URL, login: string, password: string): Promise<Page> {
  const origin = authorizationUrl.origin;
  const loginPage = await browser.followWithin(origin, await browser.get(authorizationUrl));
  if (loginPage.location || loginPage.status !== 200) return loginPage;
  const form = readForm(loginPage);
  const submitted = await browser.post(form.action, { ...form.fields, login, password });
  return browser.followWithin(origin, submitted);
}
