export type UtmParams = {
  source: string
  medium: string
  campaign?: string | null
  content?: string | null
}

export type RewriteLinksOptions = {
  /**
   * The URL written in place of `links[index]`, which is `destination`.
   * Returning `destination` itself adds UTM parameters without tracking clicks.
   */
  trackUrl: (index: number, destination: string) => string
  /** Added to every tracked destination that does not carry them already. */
  utm?: UtmParams | null
  /** Links to leave exactly as written: the plugin's own unsubscribe, preferences and view-in-browser URLs. */
  keep?: (url: string) => boolean
}

export type RewrittenLinks = {
  html: string
  /** The destination behind each tracking index, entities decoded and UTM added. */
  links: string[]
}

// The first href of an <a> tag, in one pass over the document: the other
// attributes before it are skipped whole (so an "href=" inside another
// attribute's value, or a ">" in a quoted value, cannot mislead it), then
// group 1 is everything up to the value and group 2 the value with its quotes.
// Attribute names cannot contain spaces, "=" or quotes, so each character
// has one way to match and a tag without href fails without backtracking
// more than its own length.
const ANCHOR_HREF =
  /(<a(?:\s+(?!href\s*=)[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s+href\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+)/gi

const ABSOLUTE_HTTP = /^https?:\/\//i

const ENTITY = /&(?:(amp|quot|apos|lt|gt)|#(\d{1,7})|#x([0-9a-f]{1,6}));/gi

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  quot: '"',
  apos: "'",
  lt: "<",
  gt: ">",
}

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  '"': "&quot;",
  "'": "&#39;",
  "<": "&lt;",
  ">": "&gt;",
}

// Each with the test for the parameter already being in a query string,
// valued ("utm_source=x") or bare ("utm_source").
const UTM_FIELDS = [
  ["utm_source", "source", /[?&]utm_source(?:[=&]|$)/],
  ["utm_medium", "medium", /[?&]utm_medium(?:[=&]|$)/],
  ["utm_campaign", "campaign", /[?&]utm_campaign(?:[=&]|$)/],
  ["utm_content", "content", /[?&]utm_content(?:[=&]|$)/],
] as const

const BODY_CLOSE = /<\/body\s*>/gi

/**
 * Points every absolute http(s) link of a rendered email at its tracking URL.
 * Links to the same destination share one index, so a product linked from
 * both its image and its title counts as one link in reports.
 *
 * @example
 * const { html, links } = rewriteLinks(rendered, {
 *   trackUrl: (i) => `${base}/t/c/${signToken({ k: "click", m: messageId, i }, secret)}`,
 *   utm: { source: "newsletter", medium: "email", campaign: "spring-sale" },
 *   keep: (url) => url.startsWith(base),
 * })
 */
export function rewriteLinks(html: string, options: RewriteLinksOptions): RewrittenLinks {
  const links: string[] = []
  const trackUrls: string[] = []
  const indexByDestination = new Map<string, number>()
  // A product linked from its image and its title is decoded and tagged once.
  const indexByUrl = new Map<string, number>()

  const track = (url: string): number => {
    const destination = options.utm ? addUtm(url, options.utm) : url
    let index = indexByDestination.get(destination)
    if (index === undefined) {
      index = links.length
      links.push(destination)
      trackUrls.push(escapeAttribute(options.trackUrl(index, destination)))
      indexByDestination.set(destination, index)
    }
    indexByUrl.set(url, index)
    return index
  }

  const rewritten = html.replace(ANCHOR_HREF, (whole, beforeValue: string, value: string) => {
    const quoted = value[0] === '"' || value[0] === "'"
    const url = decodeEntities(quoted ? value.slice(1, -1) : value).trim()
    if (!ABSOLUTE_HTTP.test(url) || options.keep?.(url)) {
      return whole
    }
    const index = indexByUrl.get(url) ?? track(url)
    return `${beforeValue}"${trackUrls[index]}"`
  })

  return { html: rewritten, links }
}

/**
 * Adds the UTM parameters the URL does not carry yet; a merchant's own
 * `utm_source` on a link wins over the store default. Anything that is not an
 * http(s) URL comes back unchanged.
 */
export function addUtm(url: string, utm: UtmParams): string {
  if (!ABSOLUTE_HTTP.test(url) || !URL.canParse(url)) {
    return url
  }

  // Appended to the merchant's string rather than rebuilt with URLSearchParams,
  // which would re-encode every existing parameter ("%20" becomes "+", a bare
  // "flag" becomes "flag="), breaking signed or strictly parsed links.
  const hashAt = url.indexOf("#")
  const head = hashAt === -1 ? url : url.slice(0, hashAt)
  const fragment = hashAt === -1 ? "" : url.slice(hashAt)

  const additions: string[] = []
  for (const [name, field, present] of UTM_FIELDS) {
    const value = utm[field]
    if (value && !present.test(head)) {
      additions.push(`${name}=${encodeURIComponent(value)}`)
    }
  }
  if (additions.length === 0) {
    return url
  }
  const separator = !head.includes("?") ? "?" : /[?&]$/.test(head) ? "" : "&"
  return `${head}${separator}${additions.join("&")}${fragment}`
}

/** Puts a 1×1 open-tracking image at the end of the body, where it cannot shift the layout. */
export function addOpenPixel(html: string, pixelUrl: string): string {
  const pixel =
    `<img src="${escapeAttribute(pixelUrl)}" width="1" height="1" alt="" ` +
    `style="display:block;border:0;width:1px;height:1px" />`

  let at = -1
  BODY_CLOSE.lastIndex = 0
  for (let match = BODY_CLOSE.exec(html); match; match = BODY_CLOSE.exec(html)) {
    at = match.index
  }
  return at === -1 ? html + pixel : html.slice(0, at) + pixel + html.slice(at)
}

function decodeEntities(value: string): string {
  if (!value.includes("&")) {
    return value
  }
  return value.replace(
    ENTITY,
    (entity, name: string | undefined, decimal: string | undefined, hex: string | undefined) => {
      if (name) {
        return NAMED_ENTITIES[name.toLowerCase()]
      }
      const code = decimal ? parseInt(decimal, 10) : parseInt(hex ?? "", 16)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity
    }
  )
}

function escapeAttribute(value: string): string {
  return value.replace(/[&"'<>]/g, (char) => ATTRIBUTE_ESCAPES[char])
}
