import { intro, itemName, itemThumbnail, paragraphs } from "./blocks"
import { COLORS, withLayout } from "./layout"
import type { StarterTemplate } from "./types"

const cell = `padding:12px 0;border-bottom:1px solid ${COLORS.border};vertical-align:middle;`

// Each item links to its product page; items without one fall back to the
// order, then to the store, so every row has somewhere to go.
const items = `    <mj-section>
      <mj-column>
        <mj-table>
          {% for item in order.items -%}
          <tr>
${itemThumbnail(cell)}
            <td style="${cell}">${itemName}</td>
            <td align="right" style="${cell}padding-left:12px;white-space:nowrap;"><a href="{{ item.url | default: order.url | default: store.url }}" style="color:${COLORS.text};font-weight:600;text-decoration:underline;">Write a review</a></td>
          </tr>
          {% endfor -%}
        </mj-table>
      </mj-column>
    </mj-section>`

export const reviewRequest: StarterTemplate = {
  key: "review_request",
  name: "Review request",
  description: "Asks a customer to review what they bought, a while after delivery.",
  transactional: false,
  subject: '{{ contact.first_name | default: "Hi" }}, how are you finding your order?',
  preheader: "Tell us what you think. It takes a minute and helps other shoppers.",
  mjml: withLayout(
    [
      intro(
        "How did we do?",
        'Hi {{ contact.first_name | default: "there" }}, we hope you\'re enjoying your order {{ order.number }}. Would you share what you think? A few honest words help other shoppers choose, and help us improve.'
      ),
      items,
      paragraphs("Thank you for shopping with {{ store.name }}."),
    ].join("\n")
  ),
}
