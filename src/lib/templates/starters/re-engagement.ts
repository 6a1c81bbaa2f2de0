import { button, intro, paragraphs } from "./blocks"
import { withLayout } from "./layout"
import type { StarterTemplate } from "./types"

export const reEngagement: StarterTemplate = {
  key: "re_engagement",
  name: "Re-engagement",
  description: "Asks a subscriber who no longer opens emails whether they still want them.",
  transactional: false,
  subject: 'Still want to hear from us, {{ contact.first_name | default: "there" }}?',
  preheader: "One click keeps you on the list. No hard feelings either way.",
  mjml: withLayout(
    [
      intro(
        "Do you still want our emails?",
        'Hi {{ contact.first_name | default: "there" }}, we noticed you haven\'t opened our emails in a while. We only want to write to people who want to hear from us.',
        "If you'd like to stay, tell us below. You can also choose which emails you get."
      ),
      button("Keep me subscribed", "{{ links.preferences }}"),
      paragraphs(
        'Not interested any more? <a href="{{ links.unsubscribe }}" style="color:#18181b;text-decoration:underline;">Unsubscribe here</a> and we won\'t email you again.'
      ),
    ].join("\n")
  ),
}
