import { COLORS } from "./layout"

/*
 * Building blocks the starters share. Each returns MJML to place inside
 * withLayout(); the Liquid in them reads the fields of TemplateData.
 *
 * Liquid tags between blocks are written `{% … -%}`: the text part is made
 * from the compiled HTML with each such tag in a paragraph of its own, and
 * trimming the line breaks after the tag keeps it from leaving blank lines
 * in the text. In the HTML that whitespace sits between tags.
 */

/**
 * Dates are ISO in the data. Shown as YYYY-MM-DD in UTC (the engine's
 * zone): month names would follow the server's locale, and local time
 * would move a date-only value to the previous day west of Greenwich.
 */
export const formatDate = (field: string) => `{{ ${field} | date: "%Y-%m-%d" }}`

/** A white block of text with a heading and paragraphs. */
export function intro(title: string, ...paragraphs: string[]): string {
  return `    <mj-section>
      <mj-column>
        <mj-text mj-class="heading"><h1 style="margin:0;font-size:inherit;line-height:inherit;font-weight:inherit;">${title}</h1></mj-text>
${paragraphs.map((p) => `        <mj-text>${p}</mj-text>`).join("\n")}
      </mj-column>
    </mj-section>`
}

const small = `color:${COLORS.muted};font-size:14px;`

/** Secondary text inside a paragraph. */
export const note = (text: string) => `<span style="${small}">${text}</span>`

export function paragraphs(...texts: string[]): string {
  return `    <mj-section>
      <mj-column>
${texts.map((p) => `        <mj-text>${p}</mj-text>`).join("\n")}
      </mj-column>
    </mj-section>`
}

export function button(label: string, href: string): string {
  return `    <mj-section>
      <mj-column>
        <mj-button href="${href}">${label}</mj-button>
      </mj-column>
    </mj-section>`
}

export function subheading(title: string): string {
  return `    <mj-section padding="16px 0 0">
      <mj-column>
        <mj-text font-size="18px" line-height="26px" font-weight="700"><h2 style="margin:0;font-size:inherit;line-height:inherit;font-weight:inherit;">${title}</h2></mj-text>
      </mj-column>
    </mj-section>`
}

/**
 * The first cell of a line item row. Rows without a thumbnail get an empty
 * cell so that every row has the same columns. The image is decorative (the
 * name follows), hence the empty alt.
 */
export const itemThumbnail = (
  style: string
) => `            {% if item.thumbnail != blank -%}<td width="76" style="${style}width:76px;"><img src="{{ item.thumbnail }}" alt="" width="64" height="64" style="display:block;width:64px;height:64px;border-radius:4px;object-fit:cover;" /></td>{% else -%}<td width="0" style="${style}width:0;"></td>{% endif -%}`

export const itemName = `<strong>{{ item.title }}</strong>{% if item.variant_title != blank %}<br /><span style="${small}">{{ item.variant_title }}</span>{% endif %}`

/**
 * A table of line items (cart or order) and its totals. A table, not
 * columns, so that thumbnail, name and price stay on one row on phones.
 */
export function lineItems(items: string, totals: [label: string, value: string][]): string {
  const cell = `padding:12px 0;border-bottom:1px solid ${COLORS.border};vertical-align:top;`
  const rows = totals.map(([label, value], i) => {
    const style = `padding:${i === 0 ? 12 : 4}px 0 0;${i === totals.length - 1 ? "font-weight:700;" : small}`
    return `          <tr><td colspan="2" style="${style}">${label}</td><td align="right" style="${style}white-space:nowrap;">${value}</td></tr>`
  })
  return `    <mj-section>
      <mj-column>
        <mj-table>
          {% for item in ${items} -%}
          <tr>
${itemThumbnail(cell)}
            <td style="${cell}">${itemName}<br /><span style="${small}">Qty {{ item.quantity }}</span></td>
            <td align="right" style="${cell}padding-left:12px;white-space:nowrap;">{{ item.total }}</td>
          </tr>
          {% endfor -%}
${rows.join("\n")}
        </mj-table>
      </mj-column>
    </mj-section>`
}

/** The discount code, boxed so it stands out; nothing when there is none. */
export function discountCode(lead: string): string {
  return `    <mj-raw>{% if discount -%}</mj-raw>
    <mj-section padding="8px 24px">
      <mj-column border="2px dashed ${COLORS.muted}" border-radius="8px" background-color="${COLORS.highlight}" padding="12px 8px">
        <mj-text align="center" mj-class="muted" padding="4px 16px">${lead}</mj-text>
        <mj-text align="center" font-size="26px" line-height="34px" font-weight="700" letter-spacing="2px" padding="4px 16px">{{ discount.code }}</mj-text>
        <mj-text align="center" mj-class="muted" padding="4px 16px">{{ discount.value }} off your order{% if discount.expires_at %}, valid until ${formatDate("discount.expires_at")}{% endif %}</mj-text>
      </mj-column>
    </mj-section>
    <mj-raw>{% endif -%}</mj-raw>`
}

function productCard(offset: string): string {
  return `        <mj-raw>{% for product in products offset: ${offset} limit: 1 -%}</mj-raw>
        <mj-raw>{% if product.thumbnail != blank -%}</mj-raw>
        <mj-image src="{{ product.thumbnail }}" alt="" border-radius="6px" padding="0 0 8px" />
        <mj-raw>{% endif -%}</mj-raw>
        <mj-text padding="0" font-weight="600"><a href="{{ product.url }}" style="color:${COLORS.text};text-decoration:underline;">{{ product.title }}</a></mj-text>
        <mj-text padding="2px 0 0" mj-class="muted">{{ product.price }}</mj-text>
        <mj-raw>{% endfor -%}</mj-raw>`
}

/**
 * Products two to a row, as one section per pair of columns: MJML stacks
 * the columns on phones, and a loop over pairs keeps Outlook, which cannot
 * wrap, to two per row. The image is not a link, so the text part shows
 * each product's URL once, after its name.
 */
export function productGrid(max: number): string {
  return `    <mj-raw>{% assign product_rows = products.size | at_most: ${max} | plus: 1 | divided_by: 2 | floor -%}</mj-raw>
    <mj-raw>{% for row in (1..product_rows) -%}{% assign first = forloop.index0 | times: 2 -%}{% assign second = first | plus: 1 -%}</mj-raw>
    <mj-section padding="0 12px">
      <mj-column width="50%" padding="12px">
${productCard("first")}
      </mj-column>
      <mj-column width="50%" padding="12px">
${productCard("second")}
      </mj-column>
    </mj-section>
    <mj-raw>{% endfor -%}</mj-raw>`
}

/** "You might also like", shown only when the data carries recommendations. */
export function recommendations(title = "You might also like"): string {
  return `    <mj-raw>{% if products.size > 0 -%}</mj-raw>
${subheading(title)}
${productGrid(4)}
    <mj-raw>{% endif -%}</mj-raw>`
}
