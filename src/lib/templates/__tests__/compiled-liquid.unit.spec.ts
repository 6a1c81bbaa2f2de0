import fc from "fast-check"
import { compileLiquid } from "../compiled-liquid"
import { createLiquid } from "../liquid"
import { compileMjml } from "../mjml"
import { SAMPLE_TEMPLATE_DATA } from "../sample-data"
import { STARTER_TEMPLATES } from "../starters"
import { TemplateRenderer } from "../renderer"
import { htmlToText } from "../text"

const html = createLiquid()
const plain = createLiquid(undefined, { escape: false })

/** What liquidjs renders, or the error it throws, beside the compiled render. */
function bothWays(engine: typeof html, source: string, data: object) {
  const templates = engine.parse(source)
  const fast = compileLiquid(engine, templates)
  if (!fast) {
    throw new Error("the engine was expected to allow a compiled render")
  }
  const run = (render: () => unknown) => {
    try {
      return { output: String(render()) }
    } catch (error) {
      return { error: (error as Error).message }
    }
  }
  // Each render gets its own copy: `increment` writes into the data it is given.
  return {
    liquidjs: run(() => engine.renderSync(templates, structuredClone(data))),
    compiled: run(() => fast(structuredClone(data))),
  }
}

const data = {
  name: "Ana <b>&</b>",
  blank_text: "",
  count: 3,
  zero: 0,
  flag: true,
  off: false,
  none: null,
  tags: ["linen", "sale", "new"],
  when: "2026-05-04T10:00:00Z",
  items: [
    { title: "Shirt", quantity: 2, price: 30 },
    { title: "Tote", quantity: 1, price: 18 },
    { title: "Scarf", quantity: 4, price: 45 },
  ],
  nested: { deeper: { value: "x", list: [1, 2] }, "with space": "spaced" },
}

describe("compiled Liquid renders what liquidjs renders", () => {
  it.each(STARTER_TEMPLATES.map((t) => [t.key, t] as const))("starter %s, HTML and text part", async (_key, starter) => {
    const { html: compiled } = await compileMjml(starter.mjml)
    const variants = [
      SAMPLE_TEMPLATE_DATA,
      { ...SAMPLE_TEMPLATE_DATA, discount: null, products: [], cart: { ...SAMPLE_TEMPLATE_DATA.cart, items: [] } },
      { ...SAMPLE_TEMPLATE_DATA, store: { ...SAMPLE_TEMPLATE_DATA.store, logo_url: "https://shop.example.com/l.png" } },
    ]
    for (const variant of variants) {
      const scope = { ...variant, preheader: "Preheader" }
      for (const [engine, source] of [
        [html, compiled],
        [plain, htmlToText(compiled)],
      ] as const) {
        const { liquidjs, compiled: fast } = bothWays(engine, source, scope)
        expect(liquidjs.output).toBeDefined()
        expect(fast).toEqual(liquidjs)
      }
    }
  })

  it.each([
    ["escaped output", "{{ name }}|{{ name | raw }}|{{ name | upcase }}"],
    ["filters with arguments", '{{ tags | join: ", " }} {{ name | truncate: 5, "…" }} {{ count | plus: 2 | times: 3 }}'],
    ["defaults and nil", '{{ missing | default: "there" }}[{{ none }}][{{ missing.deeper }}]'],
    ["dates", '{{ when | date: "%Y-%m-%d %H:%M" }} {{ "now" | date: "%Y" | size }}'],
    ["property access", '{{ nested.deeper.value }} {{ nested["with space"] }} {{ items[1].title }} {{ tags.first }} {{ tags.last }} {{ items.size }}'],
    ["variable keys", '{% assign k = "deeper" %}{{ nested[k].value }}{% for t in tags %}{{ tags[forloop.index0] }}{% endfor %}'],
    ["if, elsif, else", "{% if count > 5 %}big{% elsif count == 3 and flag %}three{% else %}other{% endif %}"],
    ["unless and not-ish logic", "{% unless off %}shown{% else %}hidden{% endunless %}{% if none == nil or zero %}z{% endif %}"],
    ["contains and comparisons", '{% if tags contains "sale" %}sale{% endif %}{% if name contains "Ana" %}ana{% endif %}{% if count >= 3 and count <= 3 and count != 4 %}eq{% endif %}'],
    ["empty and blank", '{% if tags != empty %}full{% endif %}{% if "" == blank %}blank{% endif %}{% if missing == empty %}e{% endif %}'],
    ["for with forloop", "{% for i in items %}{{ forloop.index }}/{{ forloop.length }}:{{ i.title }}{% if forloop.first %}^{% endif %}{% if forloop.last %}${% endif %} {% endfor %}"],
    ["for with modifiers", "{% for i in items limit: 2 %}{{ i.title }}{% endfor %}|{% for i in items offset: 1 %}{{ i.title }}{% endfor %}|{% for i in items reversed %}{{ i.title }}{% endfor %}"],
    ["offset: continue", "{% for t in tags limit: 1 %}{{ t }}{% endfor %}-{% for t in tags offset: continue %}{{ t }}{% endfor %}|{% for t in items offset: 1 limit: 1 %}{{ t.title }}{% endfor %}-{% for t in items offset: continue %}{{ t.title }}{% endfor %}"],
    ["for over an empty list, a range, an object", "{% for x in none %}x{% else %}nothing{% endfor %}{% for c in blank_text %}c{% else %}no text{% endfor %}{% for c in name %}[{{ c }}]{% endfor %}{% for n in (1..count) %}{{ n }}{% endfor %}{% for pair in nested.deeper %}{{ pair[0] }}{% endfor %}"],
    ["break and continue", "{% for i in items %}{% if i.quantity == 1 %}{% continue %}{% endif %}{{ i.title }}{% if i.quantity == 2 %}{% break %}{% endif %}{% endfor %}!"],
    ["nested loops", "{% for i in items %}{% for t in tags %}{{ forloop.index }}{{ t | slice: 0 }}{% endfor %};{% endfor %}"],
    ["assign and capture", '{% assign total = 0 %}{% for i in items %}{% assign total = total | plus: i.price %}{% endfor %}{{ total }}{% capture greeting %}Hi {{ name }}{% endcapture %}[{{ greeting }}]'],
    ["case", '{% case count %}{% when 1, 2 %}few{% when 3 %}three{% else %}many{% endcase %}'],
    ["other tags through liquidjs", "{% raw %}{{ kept }}{% endraw %}{% comment %}gone{% endcomment %}{% increment n %}{% increment n %}{% cycle 'a', 'b' %}{% cycle 'a', 'b' %}{% echo name %}{% liquid\nif flag\necho count\nendif %}{% tablerow t in tags cols: 2 %}{{ t }}{% endtablerow %}"],
    ["whitespace control", "a  {%- if flag -%}  b  {%- endif -%}  c {{- name -}} d"],
    ["forloop printed", "{% for t in tags limit: 1 %}{{ forloop }}{% endfor %}"],
    ["own properties only", "[{{ name.constructor }}{{ tags.__proto__ }}{{ nested.hasOwnProperty }}]"],
  ])("%s", (_label, source) => {
    for (const engine of [html, plain]) {
      const { liquidjs, compiled } = bothWays(engine, source, data)
      expect(liquidjs.output).toBeDefined()
      expect(compiled).toEqual(liquidjs)
    }
  })

  it("fails where liquidjs fails, and the renderer reports liquidjs's error with its line", async () => {
    const limits = { renderMs: 1_000, parseChars: 10_000, outputChars: 100 }
    const source = "Hi\n{% for n in (1..1000) %}{{ n }}{% endfor %}"
    const { liquidjs, compiled } = bothWays(createLiquid(limits), source, data)
    expect(liquidjs.error).toMatch(/^memory alloc limit exceeded, line:2/)
    expect(compiled.error).toMatch(/^memory alloc limit exceeded/)

    const renderer = new TemplateRenderer({ limits })
    await expect(
      renderer.render({ id: "tv_limit", subject: source, mjml: "<mjml><mj-body></mj-body></mjml>" }, data)
    ).rejects.toThrow("subject line 2: memory alloc limit exceeded")
  })

  it("agrees with liquidjs on generated templates and data", () => {
    const path = fc.constantFrom("name", "count", "zero", "flag", "off", "none", "missing", "tags", "tags.size", "tags.first", "items.size", "items.first.title", "nested.deeper.value", "item.title", "item.quantity", "forloop.index", "x", '"lit"', "2", "nil", "empty")
    const filter = fc.constantFrom("", " | upcase", " | size", ' | default: "d"', " | plus: 1", ' | append: name', ' | join: "-"', " | first", " | escape", ' | split: "a"', " | downcase | truncate: 3")
    const condition = fc
      .tuple(path, fc.constantFrom("==", "!=", ">", "<", "contains", "and", "or"), path)
      .map(([l, op, r]) => `${l} ${op} ${r}`)
    const template: fc.Arbitrary<string> = fc.letrec<{ node: string; block: string }>((tie) => ({
      block: fc.array(tie("node"), { maxLength: 4 }).map((nodes) => nodes.join("")),
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constantFrom("<p>", " text ", "&amp;", "\n"),
        fc.tuple(path, filter).map(([p, f]) => `{{ ${p}${f} }}`),
        fc.tuple(condition, tie("block"), tie("block")).map(([c, a, b]) => `{% if ${c} %}${a}{% else %}${b}{% endif %}`),
        fc.tuple(condition, tie("block")).map(([c, a]) => `{% unless ${c} %}${a}{% endunless %}`),
        fc.tuple(fc.constantFrom("items", "tags", "none", "nested"), fc.constantFrom("", " limit: 2", " reversed", " offset: 1"), tie("block"))
          .map(([c, m, b]) => `{% for item in ${c}${m} %}${b}{% else %}-{% endfor %}`),
        fc.tuple(path, filter).map(([p, f]) => `{% assign x = ${p}${f} %}`),
        tie("block").map((b) => `{% capture x %}${b}{% endcapture %}`),
        fc.constantFrom("{% break %}", "{% continue %}", "{% increment x %}")
      ),
    })).block
    const value = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -3, max: 5 }), fc.boolean(), fc.constant(null))
    const scope = fc.record({
      name: value,
      count: value,
      flag: value,
      tags: fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
      items: fc.array(fc.record({ title: value, quantity: value }), { maxLength: 3 }),
      nested: fc.record({ deeper: fc.record({ value }) }),
    })
    fc.assert(
      fc.property(template, scope, (source, scopeData) => {
        for (const engine of [html, plain]) {
          const { liquidjs, compiled } = bothWays(engine, source, scopeData)
          expect(compiled).toEqual(liquidjs)
        }
      }),
      // LIQUID_PROP_RUNS and LIQUID_PROP_SEED let a longer search run locally.
      {
        numRuns: Number(process.env.LIQUID_PROP_RUNS ?? 1_500),
        ...(process.env.LIQUID_PROP_SEED ? { seed: Number(process.env.LIQUID_PROP_SEED) } : {}),
      }
    )
  })
})
