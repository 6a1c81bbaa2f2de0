import { button, discountCode, intro, recommendations } from "./blocks"
import { withLayout } from "./layout"
import type { StarterTemplate } from "./types"

export const welcome: StarterTemplate = {
  key: "welcome",
  name: "Welcome",
  description: "Greets a new subscriber and introduces the store.",
  transactional: false,
  subject: 'Welcome to {{ store.name }}, {{ contact.first_name | default: "there" }}',
  preheader: "Thanks for signing up. Here's what to expect from us.",
  mjml: withLayout(
    [
      intro(
        'Welcome, {{ contact.first_name | default: "friend" }}!',
        "Thanks for joining {{ store.name }}. We'll email you about new products, restocks and the occasional offer, and never more than we need to.",
        "Reply to any of our emails if you have a question. A real person reads them."
      ),
      discountCode("A little welcome gift for your first order:"),
      button("Start shopping", "{{ store.url }}"),
      recommendations("Popular right now"),
    ].join("\n")
  ),
}
