import type { TemplateContent } from "./types"

/**
 * What a new template starts with: one message block and the footer every
 * marketing email needs (the store's postal address and an unsubscribe
 * link). System fonts only: MJML links Google Fonts for a font it knows by
 * name, which would tell Google who opened the email.
 */
export const STARTER_MJML = `<mjml>
  <mj-head>
    <mj-title>{{ store.name }}</mj-title>
    <mj-preview>{{ preheader }}</mj-preview>
    <mj-attributes>
      <mj-all font-family="-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif" />
      <mj-text font-size="16px" line-height="24px" color="#18181b" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f4f4f5">
    <mj-section background-color="#ffffff" padding="24px 0">
      <mj-column>
        <mj-text font-size="24px" line-height="30px" font-weight="700">
          Hello {{ contact.first_name | default: "there" }},
        </mj-text>
        <mj-text>
          Write your message here.
        </mj-text>
        <mj-button href="{{ store.url }}" background-color="#18181b" color="#ffffff" align="left">
          Visit {{ store.name }}
        </mj-button>
      </mj-column>
    </mj-section>
    <mj-section padding="16px 0">
      <mj-column>
        <mj-text font-size="13px" line-height="20px" color="#52525b" align="center">
          {{ store.name }} · {{ store.address }}<br />
          <a href="{{ links.unsubscribe }}" style="color:#52525b;">Unsubscribe</a> ·
          <a href="{{ links.preferences }}" style="color:#52525b;">Email preferences</a>
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
`

export const STARTER_CONTENT: TemplateContent = {
  subject: "News from {{ store.name }}",
  preheader: null,
  mjml: STARTER_MJML,
  text: null,
  from_name: null,
  from_email: null,
  reply_to: null,
}
