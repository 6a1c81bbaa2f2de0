import { addOpenPixel, addUtm, rewriteLinks, RewriteLinksOptions } from "../links"

const BASE = "https://shop.example/marketing"
const trackUrl = (index: number) => `${BASE}/t/c/tok${index}`
const UTM = { source: "newsletter", medium: "email", campaign: "spring-sale" }

function rewrite(html: string, options: Partial<RewriteLinksOptions> = {}) {
  return rewriteLinks(html, { trackUrl, ...options })
}

describe("rewriteLinks", () => {
  it("points absolute http(s) links at their tracking URL and lists the destinations", () => {
    const { html, links } = rewrite(
      '<p><a href="https://shop.example/products/mug">Mug</a> and ' +
        '<a class="button" href="http://blog.example/post" target="_blank">Blog</a></p>'
    )
    expect(html).toBe(
      `<p><a href="${BASE}/t/c/tok0">Mug</a> and ` +
        `<a class="button" href="${BASE}/t/c/tok1" target="_blank">Blog</a></p>`
    )
    expect(links).toEqual(["https://shop.example/products/mug", "http://blog.example/post"])
  })

  it("gives identical destinations one index", () => {
    const { html, links } = rewrite(
      '<a href="https://shop.example/mug"><img src="mug.png"></a>' +
        '<a href="https://shop.example/cup">Cup</a>' +
        '<a href="https://shop.example/mug">Mug</a>'
    )
    expect(links).toEqual(["https://shop.example/mug", "https://shop.example/cup"])
    expect(html.match(/tok0/g)).toHaveLength(2)
    expect(html.match(/tok1/g)).toHaveLength(1)
  })

  it("leaves mailto, tel, anchors, relative and protocol-relative links byte-identical", () => {
    const untouched =
      '<a href="mailto:help@shop.example?subject=Hi&amp;body=x">Mail</a>' +
      "<a href='tel:+491234'>Call</a>" +
      '<a href="#top">Top</a>' +
      '<a href="/account">Account</a>' +
      '<a href="account/orders">Orders</a>' +
      '<a href="//cdn.shop.example/x">CDN</a>' +
      '<a href="javascript:alert(1)">JS</a>' +
      '<a name="anchor">No href</a>' +
      '<a href>Empty</a>'
    expect(rewrite(untouched, { utm: UTM })).toEqual({ html: untouched, links: [] })
  })

  it("leaves the links `keep` claims untouched, without UTM or tracking", () => {
    const keep = (url: string) => url.startsWith(`${BASE}/`)
    const source =
      `<a href="${BASE}/unsubscribe?token=abc&amp;m=1">Unsubscribe</a>` +
      `<a href="${BASE}/preferences">Preferences</a>` +
      '<a href="https://shop.example/sale">Sale</a>'
    const { html, links } = rewrite(source, { keep, utm: UTM })
    expect(html).toBe(
      `<a href="${BASE}/unsubscribe?token=abc&amp;m=1">Unsubscribe</a>` +
        `<a href="${BASE}/preferences">Preferences</a>` +
        `<a href="${BASE}/t/c/tok0">Sale</a>`
    )
    expect(links).toEqual([
      "https://shop.example/sale?utm_source=newsletter&utm_medium=email&utm_campaign=spring-sale",
    ])
  })

  it("passes `keep` the decoded URL", () => {
    const seen: string[] = []
    rewrite('<a href="https://shop.example/?a=1&amp;b=2">x</a>', {
      keep: (url) => {
        seen.push(url)
        return true
      },
    })
    expect(seen).toEqual(["https://shop.example/?a=1&b=2"])
  })

  it("decodes entities in the destination and escapes the tracking URL it writes", () => {
    const { html, links } = rewriteLinks(
      '<a href="https://shop.example/search?q=mug&amp;color=red&#38;size=l&quot;&#x27;&#39;&lt;&gt;">x</a>',
      { trackUrl: (i) => `${BASE}/t/c?token=tok${i}&redirect=1` }
    )
    expect(links).toEqual([`https://shop.example/search?q=mug&color=red&size=l"''<>`])
    expect(html).toBe(`<a href="${BASE}/t/c?token=tok0&amp;redirect=1">x</a>`)
  })

  it("writes no entity when the tracking URL needs none", () => {
    const { html, links } = rewrite('<a href="https://shop.example/?a=1&amp;b=2">x</a>')
    expect(links).toEqual(["https://shop.example/?a=1&b=2"])
    expect(html).toBe(`<a href="${BASE}/t/c/tok0">x</a>`)
    expect(html).not.toContain("&")
  })

  it("keeps an unescaped & of a hand-written link as it is", () => {
    const { links } = rewrite('<a href="https://shop.example/?a=1&b=2&copy=3">x</a>')
    expect(links).toEqual(["https://shop.example/?a=1&b=2&copy=3"])
  })

  it("finds single-quoted, unquoted, uppercase and spaced-out hrefs", () => {
    const { html, links } = rewrite(
      "<a href='https://shop.example/a'>A</a>" +
        '<A HREF="https://shop.example/b">B</A>' +
        '<a\n  style="color:red"\n  Href = "https://shop.example/c"\n>C</a>' +
        "<a href=https://shop.example/d>D</a>"
    )
    expect(links).toEqual([
      "https://shop.example/a",
      "https://shop.example/b",
      "https://shop.example/c",
      "https://shop.example/d",
    ])
    expect(html).toBe(
      `<a href="${BASE}/t/c/tok0">A</a>` +
        `<A HREF="${BASE}/t/c/tok1">B</A>` +
        `<a\n  style="color:red"\n  Href = "${BASE}/t/c/tok2"\n>C</a>` +
        `<a href="${BASE}/t/c/tok3">D</a>`
    )
  })

  it("is not fooled by href-like text in other attributes or by other tags", () => {
    const source =
      '<a title="see href=https://evil.example > here" data-href="https://x.example" hreflang="en" href="https://shop.example/">x</a>' +
      '<abbr href="https://shop.example/abbr">y</abbr>' +
      '<link href="https://shop.example/style.css">'
    const { html, links } = rewrite(source)
    expect(links).toEqual(["https://shop.example/"])
    expect(html).toBe(
      `<a title="see href=https://evil.example > here" data-href="https://x.example" hreflang="en" href="${BASE}/t/c/tok0">x</a>` +
        '<abbr href="https://shop.example/abbr">y</abbr>' +
        '<link href="https://shop.example/style.css">'
    )
  })

  it("tracks links inside Outlook's conditional comments, which Outlook renders", () => {
    const { html, links } = rewrite(
      '<!--[if mso]><a href="https://shop.example/outlook">Shop</a><![endif]-->'
    )
    expect(links).toEqual(["https://shop.example/outlook"])
    expect(html).toBe(`<!--[if mso]><a href="${BASE}/t/c/tok0">Shop</a><![endif]-->`)
  })

  it("trims whitespace around the URL, as browsers do", () => {
    expect(rewrite('<a href="  https://shop.example/x \n">x</a>').links).toEqual([
      "https://shop.example/x",
    ])
  })

  it("adds UTM parameters to destinations, once per distinct link", () => {
    const { links } = rewrite(
      '<a href="https://shop.example/a">A</a><a href="https://shop.example/a">A</a>' +
        '<a href="https://shop.example/b?utm_source=instagram">B</a>',
      { utm: { source: "newsletter", medium: "email" } }
    )
    expect(links).toEqual([
      "https://shop.example/a?utm_source=newsletter&utm_medium=email",
      "https://shop.example/b?utm_source=instagram&utm_medium=email",
    ])
  })

  it("asks for each index's URL once, with its destination", () => {
    const trackUrlSpy = jest.fn(trackUrl)
    rewriteLinks(
      '<a href="https://a.example">1</a><a href="https://b.example">2</a><a href="https://a.example">3</a>',
      { trackUrl: trackUrlSpy, utm: { source: "s", medium: "m" } }
    )
    expect(trackUrlSpy.mock.calls).toEqual([
      [0, "https://a.example?utm_source=s&utm_medium=m"],
      [1, "https://b.example?utm_source=s&utm_medium=m"],
    ])
  })

  it("adds UTM parameters without tracking when trackUrl returns the destination", () => {
    const { html } = rewriteLinks('<a href="https://shop.example/?a=1&amp;b=2">x</a>', {
      trackUrl: (_index, destination) => destination,
      utm: { source: "s", medium: "m" },
    })
    expect(html).toBe('<a href="https://shop.example/?a=1&amp;b=2&amp;utm_source=s&amp;utm_medium=m">x</a>')
  })

  it("leaves an email without links as it is", () => {
    const source = "<html><body><p>Hello &amp; welcome</p></body></html>"
    expect(rewrite(source)).toEqual({ html: source, links: [] })
  })
})

describe("addUtm", () => {
  const utm = { source: "newsletter", medium: "email", campaign: "spring sale", content: "hero" }

  it("adds every parameter to a URL without a query", () => {
    expect(addUtm("https://shop.example/mug", utm)).toBe(
      "https://shop.example/mug?utm_source=newsletter&utm_medium=email&utm_campaign=spring%20sale&utm_content=hero"
    )
  })

  it("keeps a merchant's own UTM values", () => {
    expect(
      addUtm("https://shop.example/mug?utm_source=instagram&utm_campaign=mine", utm)
    ).toBe(
      "https://shop.example/mug?utm_source=instagram&utm_campaign=mine&utm_medium=email&utm_content=hero"
    )
  })

  it("returns the URL unchanged when it already has every parameter", () => {
    const url =
      "https://shop.example/?utm_source=a&utm_medium=b&utm_campaign=c&utm_content=d"
    expect(addUtm(url, utm)).toBe(url)
  })

  it("keeps the fragment after the query", () => {
    expect(addUtm("https://shop.example/faq?lang=de#shipping", { source: "s", medium: "m" })).toBe(
      "https://shop.example/faq?lang=de&utm_source=s&utm_medium=m#shipping"
    )
    expect(addUtm("https://shop.example/faq#shipping", { source: "s", medium: "m" })).toBe(
      "https://shop.example/faq?utm_source=s&utm_medium=m#shipping"
    )
  })

  it("leaves the existing query exactly as written", () => {
    expect(addUtm("https://shop.example/?q=a%20b&flag&sig=x%2By", { source: "s", medium: "m" })).toBe(
      "https://shop.example/?q=a%20b&flag&sig=x%2By&utm_source=s&utm_medium=m"
    )
    expect(addUtm("https://shop.example/?", { source: "s", medium: "m" })).toBe(
      "https://shop.example/?utm_source=s&utm_medium=m"
    )
  })

  it("skips empty and missing campaign and content", () => {
    expect(
      addUtm("https://shop.example/", { source: "s", medium: "m", campaign: null, content: "" })
    ).toBe("https://shop.example/?utm_source=s&utm_medium=m")
  })

  it("returns unparseable and non-http URLs unchanged", () => {
    expect(addUtm("not a url", utm)).toBe("not a url")
    expect(addUtm("https://", utm)).toBe("https://")
    expect(addUtm("mailto:help@shop.example", utm)).toBe("mailto:help@shop.example")
  })
})

describe("addOpenPixel", () => {
  const PIXEL_STYLE = 'width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px" />'

  it("puts the pixel right before the closing body tag", () => {
    expect(addOpenPixel("<html><body><p>Hi</p></body></html>", `${BASE}/t/o/tok`)).toBe(
      `<html><body><p>Hi</p><img src="${BASE}/t/o/tok" ${PIXEL_STYLE}</body></html>`
    )
  })

  it("uses the last closing body tag, whatever its case", () => {
    const html = '<BODY><p>quoted "</body>" in text</p></BODY >\n</HTML>'
    expect(addOpenPixel(html, "https://t.example/o")).toBe(
      `<BODY><p>quoted "</body>" in text</p><img src="https://t.example/o" ${PIXEL_STYLE}</BODY >\n</HTML>`
    )
  })

  it("appends the pixel to a fragment without a body", () => {
    expect(addOpenPixel("<p>Hi</p>", "https://t.example/o")).toBe(
      `<p>Hi</p><img src="https://t.example/o" ${PIXEL_STYLE}`
    )
  })

  it("escapes the pixel URL", () => {
    expect(addOpenPixel("<body></body>", 'https://t.example/o?a=1&b="2"')).toBe(
      `<body><img src="https://t.example/o?a=1&amp;b=&quot;2&quot;" ${PIXEL_STYLE}</body>`
    )
  })
})
