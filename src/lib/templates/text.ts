import { convert } from "html-to-text"

const HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]

/**
 * The plain-text part of an email from its HTML. Run once per template
 * version on the compiled HTML, Liquid included, so it must keep Liquid
 * intact: no upper-casing (it would rename variables) and no word wrap (it
 * could split a tag across lines after rendering changes lengths).
 */
export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: "img", format: "skip" },
      { selector: "a", options: { hideLinkHrefIfSameAsText: true } },
      // MJML lays out with nested tables; read as blocks, they give linear
      // text, and Liquid loops between rows (<mj-raw>) are not dropped.
      ...["table", "tbody", "thead", "tr", "td", "th"].map((selector) => ({
        selector,
        format: "block",
      })),
      ...HEADINGS.map((selector) => ({ selector, options: { uppercase: false } })),
    ],
  })
    .replace(/\n{3,}/g, "\n\n")
    .trim()
}
