import { TemplateRenderer, TemplateError } from "../renderer"

const mjml = (body: string) => `<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
${body}
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`

const cartTemplate = {
  id: "tv_cart_1",
  subject: "{{ contact.first_name }}, you left {{ cart.items.size }} items & more",
  preheader: "Your cart is waiting",
  mjml: mjml(`        <mj-text>Hi {{ contact.first_name }},</mj-text>
        <mj-raw>{% for item in cart.items %}</mj-raw>
        <mj-text css-class="item">{{ item.title }} × {{ item.quantity }}</mj-text>
        <mj-raw>{% endfor %}</mj-raw>
        <mj-raw>{% if cart.items.size > 1 %}</mj-raw>
        <mj-text>Several things are waiting.</mj-text>
        <mj-raw>{% endif %}</mj-raw>
        <mj-button href="{{ cart.recovery_url }}">Back to your cart</mj-button>`),
}

const data = {
  contact: { first_name: "Ana" },
  cart: {
    items: [
      { title: "Linen shirt", quantity: 2 },
      { title: "Canvas bag", quantity: 1 },
    ],
    recovery_url: "https://shop.example.com/cart/recover?token=abc",
  },
}

describe("TemplateRenderer", () => {
  const renderer = new TemplateRenderer()

  it("renders MJML with Liquid loops and conditions around blocks", async () => {
    const message = await renderer.render(cartTemplate, data)
    expect(message.subject).toEqual("Ana, you left 2 items & more")
    expect(message.html).toContain("Linen shirt × 2")
    expect(message.html).toContain("Canvas bag × 1")
    expect(message.html).toContain("Several things are waiting.")
    expect(message.html).toContain('href="https://shop.example.com/cart/recover?token=abc"')
    expect(message.html).not.toContain("{%")
    expect(message.html).toMatch(/^<!doctype html>/i)
  })

  it("generates the text part from the HTML unless overridden", async () => {
    const generated = await renderer.render(cartTemplate, data)
    expect(generated.text).toContain("Hi Ana,")
    expect(generated.text).toContain("Linen shirt × 2")
    expect(generated.text).not.toContain("<")

    const overridden = await renderer.render(
      { ...cartTemplate, id: "tv_cart_text", text: "Hello {{ contact.first_name }} & co" },
      data
    )
    expect(overridden.text).toEqual("Hello Ana & co")
  })

  it("escapes what a customer typed, in the body, but not in the plain subject", async () => {
    const hostile = { ...data, contact: { first_name: '<script>alert("x")</script>' } }
    const message = await renderer.render(cartTemplate, hostile)
    expect(message.html).not.toContain("<script>")
    expect(message.html).toContain("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;")
    expect(message.subject).toContain('<script>alert("x")</script>')
  })

  it("cannot include files or reach properties outside the data", async () => {
    for (const tag of ["{% include 'secrets' %}", "{% render '/etc/passwd' %}", "{% layout 'x' %}"]) {
      await expect(
        renderer.render({ ...cartTemplate, id: `tv_${tag}`, subject: tag }, data)
      ).rejects.toThrow(TemplateError)
    }
    const sneaky = await renderer.render(
      { ...cartTemplate, id: "tv_proto", subject: "[{{ contact.constructor }}{{ contact.__proto__ }}]" },
      data
    )
    expect(sneaky.subject).toEqual("[]")
  })

  it("stops a runaway render", async () => {
    const slow = new TemplateRenderer({
      limits: { renderMs: 50, parseChars: 100_000, outputChars: 10_000_000 },
    })
    const loop = {
      ...cartTemplate,
      id: "tv_loop",
      subject: "{% for a in (1..100000) %}{% for b in (1..100000) %}x{% endfor %}{% endfor %}",
    }
    await expect(slow.render(loop, data)).rejects.toThrow(TemplateError)
  })

  it("reports invalid MJML and Liquid with their lines", async () => {
    const problems = await renderer.validate({
      subject: "Hi {{ contact.first_name",
      mjml: mjml(`        <mj-text>ok</mj-text>
        <mj-bogus>??</mj-bogus>
        <mj-text>{% if x %}never closed</mj-text>`),
    })
    const byPart = (part: string) => problems.filter((p) => p.part === part).flatMap((p) => p.problems)
    expect(byPart("subject")).toEqual([expect.objectContaining({ line: 1 })])
    // Lines 6 and 7 of the source: the unknown tag and the unclosed {% if %}.
    expect(byPart("mjml")).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 6, message: expect.stringContaining("mj-bogus") }),
        expect.objectContaining({ line: 7, message: expect.stringContaining("not closed") }),
      ])
    )
    expect(await renderer.validate(cartTemplate)).toEqual([])
  })

  it("compiles each version once and reuses it", async () => {
    const fresh = new TemplateRenderer()
    const version = { ...cartTemplate, id: "tv_once" }
    const first = await fresh.compile(version)
    // A version whose stored MJML changed under the same id still renders the
    // compiled HTML: versions are immutable, and the id is the cache key.
    const again = await fresh.render({ ...version, mjml: "<mjml></mjml>" }, data)
    expect(again.html).toContain("Linen shirt × 2")
    expect(first).toContain("{% for item in cart.items %}")
  })

  it("uses HTML compiled earlier instead of compiling MJML", async () => {
    const message = await renderer.render(
      { ...cartTemplate, id: "tv_stored", mjml: "not even mjml", compiled_html: "<p>{{ contact.first_name }}</p>" },
      data
    )
    expect(message.html).toEqual("<p>Ana</p>")
  })
})
