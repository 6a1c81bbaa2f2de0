import { button, discountCode, intro, recommendations } from "./blocks"
import { withLayout } from "./layout"
import type { StarterTemplate } from "./types"

export const winBack: StarterTemplate = {
  key: "win_back",
  name: "Win back",
  description: "Invites a customer who hasn't ordered in a while to come back, with an optional discount.",
  transactional: false,
  subject: 'We miss you, {{ contact.first_name | default: "there" }}',
  preheader: "{% if discount %}Here's {{ discount.value }} off to welcome you back.{% else %}A lot has changed since your last visit.{% endif %}",
  mjml: withLayout(
    [
      intro(
        "We miss you",
        'Hi {{ contact.first_name | default: "there" }}, it\'s been a while since your last visit to {{ store.name }}. We\'ve added new things since then, and we\'d love to see you again.'
      ),
      discountCode("Here's something to welcome you back:"),
      button("See what's new", "{{ store.url }}"),
      recommendations("Picked for you"),
    ].join("\n")
  ),
}
