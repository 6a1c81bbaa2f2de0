/**
 * Render cost per message: a cart-reminder template (header, three items
 * with image and price, button, footer) rendered with the compile cache
 * (MJML compiled once, Liquid per message) against compiling the MJML for
 * every message, side by side in one run. Writes JSON to BENCH_OUT.
 */
import { writeFileSync } from "node:fs"
import { performance } from "node:perf_hooks"
import { compileMjml } from "../src/lib/templates/mjml"
import { TemplateRenderer, TemplateVersionSource } from "../src/lib/templates/renderer"
import { SAMPLE_TEMPLATE_DATA } from "../src/lib/templates/sample-data"
import { getStarterTemplate } from "../src/lib/templates/starters"

const CACHED_RUNS = Number(process.env.BENCH_RENDER_RUNS ?? 5000)
const UNCACHED_RUNS = Number(process.env.BENCH_RENDER_UNCACHED_RUNS ?? 200)

const template = {
  id: "tv_bench_cart",
  subject: "{{ contact.first_name }}, your cart is waiting",
  preheader: "{{ cart.items.size }} items saved for you",
  mjml: `<mjml>
  <mj-head><mj-preview>{{ preheader }}</mj-preview></mj-head>
  <mj-body background-color="#f4f4f5">
    <mj-section><mj-column><mj-image src="{{ store.logo_url }}" width="120px" alt="{{ store.name }}" /></mj-column></mj-section>
    <mj-section background-color="#ffffff"><mj-column>
      <mj-text font-size="20px">Hi {{ contact.first_name | default: "there" }}, you left something behind</mj-text>
    </mj-column></mj-section>
    <mj-raw>{% for item in cart.items %}</mj-raw>
    <mj-section background-color="#ffffff">
      <mj-column width="30%"><mj-image src="{{ item.thumbnail }}" alt="{{ item.title }}" /></mj-column>
      <mj-column width="70%">
        <mj-text font-weight="bold">{{ item.title }}</mj-text>
        <mj-text>{{ item.variant_title }} · {{ item.quantity }} × {{ item.unit_price }}</mj-text>
        <mj-text align="right">{{ item.total }}</mj-text>
      </mj-column>
    </mj-section>
    <mj-raw>{% endfor %}</mj-raw>
    <mj-section background-color="#ffffff"><mj-column>
      <mj-text align="right" font-weight="bold">Total {{ cart.total }}</mj-text>
      <mj-button href="{{ cart.recovery_url }}" background-color="#111827">Return to your cart</mj-button>
    </mj-column></mj-section>
    <mj-section><mj-column>
      <mj-text font-size="12px" color="#6b7280">{{ store.name }} · {{ store.address }}</mj-text>
      <mj-text font-size="12px"><a href="{{ links.unsubscribe }}">Unsubscribe</a> · <a href="{{ links.preferences }}">Preferences</a></mj-text>
    </mj-column></mj-section>
  </mj-body>
</mjml>`,
}

const data = (n: number) => ({
  contact: { first_name: `Ana ${n}` },
  store: {
    name: "Linen & Co",
    address: "Torstr. 1, 10119 Berlin",
    logo_url: "https://shop.example.com/logo.png",
  },
  cart: {
    total: "€95.00",
    recovery_url: `https://shop.example.com/cart/recover?token=${n}`,
    items: [1, 2, 3].map((i) => ({
      title: `Linen shirt ${i}`,
      variant_title: "M / Sand",
      quantity: i,
      unit_price: "€15.00",
      total: `€${15 * i}.00`,
      thumbnail: `https://shop.example.com/p/${i}.jpg`,
    })),
  },
  links: {
    unsubscribe: `https://shop.example.com/u/${n}`,
    preferences: `https://shop.example.com/p/${n}`,
  },
})

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

const summary = (values: number[]) => ({
  n: values.length,
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  p99: percentile(values, 99),
})

async function measure(source: TemplateVersionSource, dataFor: (n: number) => Record<string, unknown>) {
  // Warm-up: load mjml, JIT both paths.
  const cached = new TemplateRenderer()
  for (let i = 0; i < 200; i++) {
    await cached.render(source, dataFor(i))
  }
  await compileMjml(source.mjml)

  const withCache: number[] = []
  for (let i = 0; i < CACHED_RUNS; i++) {
    const start = performance.now()
    await cached.render(source, dataFor(i))
    withCache.push(performance.now() - start)
  }

  // The same renders through liquidjs's own evaluation, as before compiled closures.
  const interpreted = new TemplateRenderer({ interpretLiquid: true })
  for (let i = 0; i < 200; i++) {
    await interpreted.render(source, dataFor(i))
  }
  const withLiquidjs: number[] = []
  for (let i = 0; i < CACHED_RUNS; i++) {
    const start = performance.now()
    await interpreted.render(source, dataFor(i))
    withLiquidjs.push(performance.now() - start)
  }

  const withoutCache: number[] = []
  for (let i = 0; i < UNCACHED_RUNS; i++) {
    const fresh = new TemplateRenderer()
    const start = performance.now()
    await fresh.render({ ...source, id: `${source.id}_${i}` }, dataFor(i))
    withoutCache.push(performance.now() - start)
  }
  return {
    with_cache: summary(withCache),
    liquidjs_only: summary(withLiquidjs),
    without_cache: summary(withoutCache),
    ratio_p50: percentile(withoutCache, 50) / percentile(withCache, 50),
  }
}

test("render per message: compile cache vs compile per message", async () => {
  const starter = getStarterTemplate("abandoned_cart")!
  const result = {
    date: new Date().toISOString(),
    ...(await measure(template, data)),
    // The abandoned-cart email the plugin ships: shared layout, items, discount block, recommendations.
    starter: await measure({ id: "tv_bench_starter", ...starter }, (n) => ({
      ...SAMPLE_TEMPLATE_DATA,
      contact: { ...SAMPLE_TEMPLATE_DATA.contact, first_name: `Ana ${n}` },
    })),
  }
  if (process.env.BENCH_OUT) {
    writeFileSync(process.env.BENCH_OUT, JSON.stringify(result, null, 2))
  }
  console.log(JSON.stringify(result, null, 2))
  expect(result.with_cache.n).toEqual(CACHED_RUNS)
})
