/**
 * Golden tests: every starter is rendered with SAMPLE_TEMPLATE_DATA and its
 * HTML and text part compared with golden/<key>.html and golden/<key>.txt.
 * After a deliberate change to a starter, the layout or the sample data,
 * rewrite the files and review their diff:
 *
 *   UPDATE_GOLDEN=1 TEST_TYPE=unit npx jest src/lib/templates/starters
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "fs"
import { join } from "path"
import type { TemplateData } from "../../../../types/template-data"
import { compileMjml } from "../../mjml"
import { TemplateError, TemplateRenderer } from "../../renderer"
import { SAMPLE_TEMPLATE_DATA } from "../../sample-data"
import { getStarterTemplate, STARTER_TEMPLATES, StarterTemplate, withLayout } from ".."

const GOLDEN_DIR = join(__dirname, "golden")
const UPDATE = process.env.UPDATE_GOLDEN === "1"

const renderer = new TemplateRenderer()
const version = ({ key, subject, preheader, mjml }: StarterTemplate) => ({
  id: `starter_${key}`,
  subject,
  preheader,
  mjml,
})
const render = (template: StarterTemplate, data: TemplateData = SAMPLE_TEMPLATE_DATA) =>
  renderer.render(version(template), data)
const starter = (key: string) => {
  const template = getStarterTemplate(key)
  if (!template) {
    throw new Error(`no starter ${key}`)
  }
  return template
}

function matchesGolden(file: string, actual: string) {
  const path = join(GOLDEN_DIR, file)
  if (UPDATE) {
    mkdirSync(GOLDEN_DIR, { recursive: true })
    writeFileSync(path, actual)
    return
  }
  expect(existsSync(path)).toBe(true)
  expect(actual).toEqual(readFileSync(path, "utf8"))
}

const href = (url: string) => `href="${url}"`

describe("starter templates", () => {
  it("are listed in a fixed order and found by key", () => {
    expect(STARTER_TEMPLATES.map((t) => t.key)).toEqual([
      "welcome",
      "abandoned_cart",
      "post_purchase",
      "review_request",
      "win_back",
      "re_engagement",
      "new_arrivals",
      "birthday",
      "double_opt_in",
    ])
    expect(getStarterTemplate("win_back")?.name).toEqual("Win back")
    expect(getStarterTemplate("nope")).toBeUndefined()
    expect(STARTER_TEMPLATES.filter((t) => t.transactional).map((t) => t.key)).toEqual([
      "double_opt_in",
    ])
  })

  describe.each(STARTER_TEMPLATES.map((t) => [t.key, t] as const))("%s", (key, template) => {
    it("renders the sample data as in its golden files", async () => {
      const message = await render(template)
      matchesGolden(`${key}.html`, message.html)
      matchesGolden(`${key}.txt`, message.text)
    })

    it("renders subject, preheader and body with no Liquid left over", async () => {
      const message = await render(template)
      for (const part of [message.subject, message.preheader, message.html, message.text]) {
        expect(part).not.toMatch(/\{\{|\{%|%\}|\}\}/)
      }
      expect(message.preheader.length).toBeGreaterThan(0)
      if (!template.transactional) {
        expect(message.subject).toContain("Ana")
      }
    })

    it("falls back to a greeting without a name when the contact has none", async () => {
      const nameless = {
        ...SAMPLE_TEMPLATE_DATA,
        contact: { ...SAMPLE_TEMPLATE_DATA.contact, first_name: null },
      }
      const message = await render(template, nameless)
      for (const part of [message.subject, message.text]) {
        expect(part).not.toContain("Ana")
        // "Hi ," or "Welcome, !": a greeting whose name rendered empty.
        expect(part).not.toMatch(/\s[,.!?]|,\s*[,.!?]|,\s*$/m)
      }
    })

    it("passes validation and compiles without MJML warnings", async () => {
      const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined)
      try {
        expect(await renderer.validate(template)).toEqual([])
        expect((await compileMjml(template.mjml)).problems).toEqual([])
        expect(warn).not.toHaveBeenCalled()
      } finally {
        warn.mockRestore()
      }
    })

    it("escapes a first name typed as markup", async () => {
      const hostile = {
        ...SAMPLE_TEMPLATE_DATA,
        contact: { ...SAMPLE_TEMPLATE_DATA.contact, first_name: "<script>alert(1)</script>" },
      }
      const message = await render(template, hostile)
      expect(message.html).not.toContain("<script>")
      expect(message.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;")
    })

    it("carries the store address and support email in its footer", async () => {
      const { html, text } = await render(template)
      expect(html).toContain("Street 1, 10115 City")
      expect(html).toContain(href("mailto:support@example.com"))
      expect(html).toContain(href(SAMPLE_TEMPLATE_DATA.links.view_in_browser))
      expect(text).toMatch(/^Questions\? Email support@example\.com$/m)
    })

    if (!template.transactional) {
      it("carries the unsubscribe and preferences links", async () => {
        const { html, text } = await render(template)
        expect(html).toContain(href(SAMPLE_TEMPLATE_DATA.links.unsubscribe))
        expect(html).toContain(href(SAMPLE_TEMPLATE_DATA.links.preferences))
        expect(text).toContain(`Unsubscribe [${SAMPLE_TEMPLATE_DATA.links.unsubscribe}]`)
        expect(text).toContain(`Email preferences [${SAMPLE_TEMPLATE_DATA.links.preferences}]`)
      })
    }
  })

  it("double opt-in is transactional: a confirm link and no unsubscribe footer", async () => {
    const template = starter("double_opt_in")
    const { html, text } = await render(template)
    expect(html).toContain(href("https://shop.example.com/confirm"))
    expect(html).not.toContain(SAMPLE_TEMPLATE_DATA.links.unsubscribe)
    expect(html).not.toContain(SAMPLE_TEMPLATE_DATA.links.preferences)
    expect(text).not.toContain("Unsubscribe")
    expect(withLayout("", { transactional: true })).not.toContain("links.unsubscribe")
    expect(withLayout("")).toContain("links.unsubscribe")
  })

  it("abandoned cart lists every item in the cart and links back to it", async () => {
    const { html, text } = await render(starter("abandoned_cart"))
    const cart = SAMPLE_TEMPLATE_DATA.cart!
    for (const item of cart.items) {
      expect(html).toContain(item.title)
      expect(html).toContain(item.variant_title!)
      expect(html).toContain(`Qty ${item.quantity}`)
      expect(html).toContain(item.total)
    }
    expect(html).toContain(cart.total)
    expect(html).toContain(href(cart.recovery_url))
    expect(text).toContain(`Return to your cart [${cart.recovery_url}]`)
    expect(text).toContain("WELCOME10")
    expect(text).toContain("valid until 2030-01-31")
  })

  it("abandoned cart shows thumbnails only for items that have one", async () => {
    const cart = SAMPLE_TEMPLATE_DATA.cart!
    const data = {
      ...SAMPLE_TEMPLATE_DATA,
      cart: {
        ...cart,
        items: [{ ...cart.items[0], thumbnail: "https://shop.example.com/images/shirt.jpg" }, cart.items[1]],
      },
    }
    const { html } = await render(starter("abandoned_cart"), data)
    expect(html.match(/<img /g)).toHaveLength(1)
    expect(html).toContain('src="https://shop.example.com/images/shirt.jpg"')
  })

  it("leaves out the discount block when the message has no discount", async () => {
    for (const key of ["welcome", "abandoned_cart", "win_back", "birthday"]) {
      const without = await render(starter(key), { ...SAMPLE_TEMPLATE_DATA, discount: null })
      expect(without.html).not.toContain("WELCOME10")
      expect(without.html).not.toContain("off your order")
      const withCode = await render(starter(key))
      expect(withCode.text).toContain("WELCOME10")
      expect(withCode.text).toContain("10% off your order, valid until 2030-01-31")
    }
    const noExpiry = await render(starter("win_back"), {
      ...SAMPLE_TEMPLATE_DATA,
      discount: { code: "BACK5", value: "€5.00", expires_at: null },
    })
    expect(noExpiry.text).toContain("€5.00 off your order\n")
    expect(noExpiry.text).not.toContain("valid until")
  })

  it.each([
    ["welcome", "Start shopping", "Popular right now"],
    ["post_purchase", "View your order", "You might also like"],
    ["win_back", "See what's new", "Picked for you"],
  ])("%s ends with recommendations, only when there are some", async (key, action, heading) => {
    const { text } = await render(starter(key))
    const products = SAMPLE_TEMPLATE_DATA.products!
    const order = [
      action,
      heading,
      ...products.map((p) => `${p.title} [${p.url}]`),
      "View in your browser",
    ].map((line) => text.indexOf(line))
    expect(order).not.toContain(-1)
    expect([...order].sort((a, b) => a - b)).toEqual(order)

    const none = await render(starter(key), { ...SAMPLE_TEMPLATE_DATA, products: [] })
    expect(none.text).not.toContain(heading)
    expect(none.html).not.toContain(products[0].title)
  })

  it("new arrivals puts two product columns in each row, which MJML stacks on phones", async () => {
    const { html } = await render(starter("new_arrivals"))
    const products = SAMPLE_TEMPLATE_DATA.products!
    const body = html.slice(html.indexOf("<body"))
    const rows = Math.ceil(products.length / 2)
    expect(body.match(/class="mj-column-per-50 /g)).toHaveLength(rows * 2)
    // Below MJML's 480px breakpoint the columns lose their 50% width.
    expect(html).toMatch(/@media only screen and \(min-width:480px\) \{[^@]*\.mj-column-per-50 \{ width:50% !important/)
    for (const product of products) {
      expect(html).toContain(href(product.url))
      expect(html).toContain(`src="${product.thumbnail}"`)
      expect(html).toContain(product.price)
    }
  })

  it("post-purchase recaps the order with its number, items and totals", async () => {
    const { html, text } = await render(starter("post_purchase"))
    const order = SAMPLE_TEMPLATE_DATA.order!
    expect(text).toContain(`order ${order.number} ready`)
    for (const value of [...order.items.map((i) => i.title), order.subtotal, order.shipping_total, order.tax_total, order.total]) {
      expect(html).toContain(value)
    }
    expect(text).toContain("Placed on 2025-03-14")
    expect(html).toContain(href(order.url!))
  })

  it("review request links each item to its product page", async () => {
    const { text } = await render(starter("review_request"))
    for (const item of SAMPLE_TEMPLATE_DATA.order!.items) {
      expect(text).toContain(`${item.title}`)
      expect(text).toContain(`Write a review [${item.url}]`)
    }
  })

  it("re-engagement offers to keep the subscription or leave", async () => {
    const { text } = await render(starter("re_engagement"))
    expect(text).toContain(`Keep me subscribed [${SAMPLE_TEMPLATE_DATA.links.preferences}]`)
    expect(text).toContain(`Unsubscribe here [${SAMPLE_TEMPLATE_DATA.links.unsubscribe}]`)
  })

  it("shows the store logo, linked to the store, when there is one", async () => {
    const data = {
      ...SAMPLE_TEMPLATE_DATA,
      store: { ...SAMPLE_TEMPLATE_DATA.store, logo_url: "https://shop.example.com/logo.png" },
    }
    const { html } = await render(starter("welcome"), data)
    expect(html).toMatch(
      /<a\s+href="https:\/\/shop\.example\.com"[^>]*>\s*<img\s+alt="Your store" src="https:\/\/shop\.example\.com\/logo\.png"/
    )
  })

  it("refuses templates that include other files", async () => {
    for (const tag of ["{% include 'x' %}", "{% render 'x' %}"]) {
      const mjml = withLayout(`<mj-section><mj-column><mj-text>${tag}</mj-text></mj-column></mj-section>`)
      const problems = await renderer.validate({ subject: "Hi", mjml })
      expect(problems).toEqual([
        {
          part: "mjml",
          problems: [expect.objectContaining({ message: expect.stringContaining("is not available") })],
        },
      ])
      await expect(renderer.render({ id: `starter_${tag}`, subject: "Hi", mjml }, SAMPLE_TEMPLATE_DATA)).rejects.toThrow(
        TemplateError
      )
    }
  })
})
