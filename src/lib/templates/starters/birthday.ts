import { button, discountCode, intro } from "./blocks"
import { withLayout } from "./layout"
import type { StarterTemplate } from "./types"

export const birthday: StarterTemplate = {
  key: "birthday",
  name: "Birthday",
  description: "Wishes a contact happy birthday, with a gift code when the flow adds one.",
  transactional: false,
  subject: 'Happy birthday, {{ contact.first_name | default: "friend" }}!',
  preheader: "{% if discount %}A birthday gift from us: {{ discount.value }} off.{% else %}Warm wishes from all of us.{% endif %}",
  mjml: withLayout(
    [
      intro(
        'Happy birthday, {{ contact.first_name | default: "friend" }}!',
        "Everyone at {{ store.name }} hopes you have a wonderful day."
      ),
      discountCode("Our gift to you, valid on anything in the store:"),
      button("Treat yourself", "{{ store.url }}"),
    ].join("\n")
  ),
}
