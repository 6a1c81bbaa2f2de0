import { button, intro, note, paragraphs } from "./blocks"
import { withLayout } from "./layout"
import type { StarterTemplate } from "./types"

export const doubleOptIn: StarterTemplate = {
  key: "double_opt_in",
  name: "Confirm subscription",
  description: "Asks a new subscriber to confirm their email address before any marketing is sent.",
  transactional: true,
  subject: "Please confirm your subscription to {{ store.name }}",
  preheader: "One click and you're on the list.",
  mjml: withLayout(
    [
      intro(
        "Confirm your subscription",
        'Hi {{ contact.first_name | default: "there" }}, thanks for signing up for emails from {{ store.name }}. Please confirm that this is your address.'
      ),
      button("Confirm your subscription", "{{ links.confirm }}"),
      paragraphs(
        note("If you didn't sign up, ignore this email and you won't hear from us.")
      ),
    ].join("\n"),
    { transactional: true }
  ),
}
