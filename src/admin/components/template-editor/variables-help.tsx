import { Text } from "@medusajs/ui"

/** The data a template can use, as the renderer fills it. */
const VARIABLES: { name: string; description: string }[] = [
  { name: "contact.first_name", description: "First name (may be empty)" },
  { name: "contact.last_name", description: "Last name" },
  { name: "contact.email", description: "Email address" },
  { name: "store.name", description: "Store name from Settings" },
  { name: "store.url", description: "Storefront address" },
  { name: "store.address", description: "Postal address from Settings" },
  { name: "links.unsubscribe", description: "Unsubscribe link" },
  { name: "links.preferences", description: "Email preferences link" },
  { name: "links.view_in_browser", description: "Web version of the email" },
  { name: "cart.items", description: "Abandoned cart items (title, quantity, total)" },
  { name: "cart.recovery_url", description: "Link back to the cart" },
  { name: "order.number", description: "Order number, e.g. #1042" },
  { name: "order.items", description: "Items of the order" },
  { name: "products", description: "Recommended products" },
  { name: "discount.code", description: "Discount code, when the flow gives one" },
]

/** A folded list of the Liquid variables, for people who do not know them by heart. */
export const VariablesHelp = () => (
  <details className="group" data-testid="template-variables">
    <summary className="txt-compact-small-plus text-ui-fg-interactive hover:text-ui-fg-interactive-hover cursor-pointer select-none">
      Variables you can use
    </summary>
    <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 md:grid-cols-[max-content_1fr]">
      {VARIABLES.map((variable) => (
        <div key={variable.name} className="contents">
          <dt>
            <code className="txt-compact-xsmall bg-ui-bg-subtle rounded px-1 py-0.5">
              {`{{ ${variable.name} }}`}
            </code>
          </dt>
          <dd>
            <Text size="xsmall" className="text-ui-fg-subtle">
              {variable.description}
            </Text>
          </dd>
        </div>
      ))}
    </dl>
  </details>
)
