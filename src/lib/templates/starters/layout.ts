/**
 * Colours chosen for contrast: body text and buttons are 17.7:1, muted text
 * at least 7:1 on every background it sits on (white, the footer grey, the
 * discount box), so all text meets WCAG AAA.
 */
export const COLORS = {
  text: "#18181b",
  muted: "#52525b",
  border: "#e4e4e7",
  page: "#f4f4f5",
  card: "#ffffff",
  accent: "#18181b",
  onAccent: "#ffffff",
  highlight: "#fafafa",
}

// No web font, and no "Roboto" either: MJML links Google Fonts for any font
// it knows by name, which would tell Google who opened the email. Android
// shows Roboto anyway as its sans-serif.
const FONT_STACK = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif"

// Styles an email client may drop; everything that matters is inline, this
// only improves phones (MJML already stacks columns below 480px).
const RESPONSIVE_STYLES = `
    @media only screen and (max-width: 480px) {
      .heading div { font-size: 24px !important; line-height: 30px !important; }
      .cta table { width: 100% !important; }
      .cta a { display: block !important; }
    }`

const linkStyle = `color:${COLORS.muted};text-decoration:underline;`

const head = `  <mj-head>
    <mj-title>{{ store.name }}</mj-title>
    <mj-preview>{{ preheader }}</mj-preview>
    <mj-attributes>
      <mj-all font-family="${FONT_STACK}" />
      <mj-section padding="0" />
      <mj-column padding="0" />
      <mj-text font-size="16px" line-height="24px" color="${COLORS.text}" padding="8px 24px" />
      <mj-button background-color="${COLORS.accent}" color="${COLORS.onAccent}" font-size="16px" font-weight="600" line-height="24px" border-radius="6px" inner-padding="14px 28px" padding="16px 24px" align="left" css-class="cta" />
      <mj-image padding="8px 24px" />
      <mj-table font-size="15px" line-height="22px" color="${COLORS.text}" padding="8px 24px" />
      <mj-class name="heading" font-size="28px" line-height="34px" font-weight="700" padding="24px 24px 8px" css-class="heading" />
      <mj-class name="muted" color="${COLORS.muted}" font-size="14px" line-height="20px" />
      <mj-class name="footer" color="${COLORS.muted}" font-size="13px" line-height="20px" align="center" padding="4px 24px" />
    </mj-attributes>
    <mj-style>${RESPONSIVE_STYLES}
    </mj-style>
  </mj-head>`

// Tags end in `-%}` so they leave no blank lines in the text part (see blocks.ts).
const header = `    <mj-section padding="24px 0 16px" border-bottom="1px solid ${COLORS.border}">
      <mj-column>
        <mj-raw>{% if store.logo_url != blank -%}</mj-raw>
        <mj-image src="{{ store.logo_url }}" alt="{{ store.name }}" href="{{ store.url }}" width="140px" align="left" padding="0 24px" />
        <mj-raw>{% else -%}</mj-raw>
        <mj-text font-size="20px" line-height="28px" font-weight="700" padding="0 24px"><a href="{{ store.url }}" style="color:${COLORS.text};text-decoration:none;">{{ store.name }}</a></mj-text>
        <mj-raw>{% endif -%}</mj-raw>
      </mj-column>
    </mj-section>`

// The support address is written without spaces in its braces: the text
// part hides a link's URL only when it equals the link text, and it compares
// them while the Liquid is still unrendered, word by word without spaces.
const support = `        <mj-text mj-class="footer">Questions? Email <a href="mailto:{{store.support_email}}" style="${linkStyle}">{{store.support_email}}</a></mj-text>`

// A confirmation or receipt is not marketing: it carries no unsubscribe link,
// so that nobody opts out of email they asked for.
const unsubscribe = `        <mj-text mj-class="footer" padding="12px 24px 4px">You're receiving this because you signed up for emails from {{ store.name }}.</mj-text>
        <mj-text mj-class="footer"><a href="{{ links.unsubscribe }}" style="${linkStyle}">Unsubscribe</a> &nbsp;·&nbsp; <a href="{{ links.preferences }}" style="${linkStyle}">Email preferences</a></mj-text>`

function footer(transactional: boolean): string {
  return `    <mj-section padding="24px 0 32px">
      <mj-column>
        <mj-text mj-class="footer"><a href="{{ links.view_in_browser }}" style="${linkStyle}">View in your browser</a></mj-text>
        <mj-text mj-class="footer">{{ store.name }} · {{ store.address }}</mj-text>
${support}
${transactional ? "" : `${unsubscribe}\n`}      </mj-column>
    </mj-section>`
}

/**
 * Wraps a template body (MJML sections) in the store's email layout: head
 * defaults, a header with the logo or the store name, and a footer with the
 * address and, for marketing email, the unsubscribe and preferences links.
 */
export function withLayout(
  content: string,
  { transactional = false }: { transactional?: boolean } = {}
): string {
  return `<mjml lang="en">
${head}
  <mj-body background-color="${COLORS.page}" width="600px">
    <mj-section padding="16px 0 0"><mj-column></mj-column></mj-section>
    <mj-wrapper background-color="${COLORS.card}" padding="0 0 24px" border-radius="8px">
${header}
${content.trimEnd()}
    </mj-wrapper>
${footer(transactional)}
  </mj-body>
</mjml>
`
}
