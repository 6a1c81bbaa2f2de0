import {
  buildCartRecoveryUrl,
  toTemplateCart,
  toTemplateDiscount,
  toTemplateLineItems,
  toTemplateOrder,
  toTemplateProduct,
} from ".."

const shop = "https://shop.example.com"

const items = [
  {
    title: "Linen shirt",
    variant_title: "M / Sand",
    thumbnail: "https://cdn.example.com/shirt.jpg",
    quantity: 2,
    unit_price: 30,
    total: { numeric: 60 },
    product_handle: "linen-shirt",
  },
  {
    title: "Canvas tote",
    variant_title: null,
    quantity: "1",
    unit_price: "18",
    product: { handle: "canvas-tote" },
  },
]

describe("toTemplateLineItems", () => {
  it("formats prices in the given currency and links each product page", () => {
    expect(toTemplateLineItems(items, "eur", shop)).toEqual([
      {
        title: "Linen shirt",
        variant_title: "M / Sand",
        thumbnail: "https://cdn.example.com/shirt.jpg",
        quantity: 2,
        unit_price: "€30.00",
        total: "€60.00",
        url: "https://shop.example.com/products/linen-shirt",
      },
      {
        title: "Canvas tote",
        variant_title: null,
        thumbnail: null,
        quantity: 1,
        unit_price: "€18.00",
        total: "€18.00",
        url: "https://shop.example.com/products/canvas-tote",
      },
    ])
  })

  it("leaves product links out without a storefront or a handle", () => {
    const [first] = toTemplateLineItems(items, "eur")
    expect(first.url).toBeNull()
    const [noHandle] = toTemplateLineItems([{ title: "Gift card", quantity: 1, unit_price: 10 }], "eur", shop)
    expect(noHandle.url).toBeNull()
  })

  it("skips missing items and treats a missing list as empty", () => {
    expect(toTemplateLineItems([null, undefined], "eur")).toEqual([])
    expect(toTemplateLineItems(undefined, "eur")).toEqual([])
  })
})

describe("toTemplateCart", () => {
  const cart = {
    id: "cart_01",
    currency_code: "EUR",
    items,
    item_subtotal: 78,
    subtotal: 83,
    total: 83,
  }

  it("counts items, shows the items' subtotal and the recovery link", () => {
    expect(toTemplateCart(cart, { storefrontUrl: `${shop}/` })).toEqual({
      id: "cart_01",
      items: expect.any(Array),
      item_count: 3,
      subtotal: "€78.00",
      total: "€83.00",
      currency_code: "eur",
      recovery_url: "https://shop.example.com/cart/recover/cart_01",
    })
  })

  it("leaves the recovery link empty without a storefront URL", () => {
    expect(toTemplateCart(cart).recovery_url).toEqual("")
    expect(buildCartRecoveryUrl(undefined, "cart_01")).toEqual("")
    expect(buildCartRecoveryUrl(shop, "cart_01")).toEqual(`${shop}/cart/recover/cart_01`)
  })

  it("falls back to Medusa's subtotal when the items' one was not read", () => {
    const { item_subtotal: _omit, ...withoutItemSubtotal } = cart
    expect(toTemplateCart(withoutItemSubtotal).subtotal).toEqual("€83.00")
  })

  it("formats a yen cart without decimals", () => {
    const yen = toTemplateCart({ id: "cart_jp", currency_code: "jpy", items: [{ title: "Tea", quantity: 3, unit_price: 1200 }], total: 3600 })
    expect(yen.items[0]).toEqual(expect.objectContaining({ unit_price: "¥1,200", total: "¥3,600" }))
    expect(yen.total).toEqual("¥3,600")
  })
})

describe("toTemplateOrder", () => {
  it("shows the number shoppers know, the status, totals and the account link", () => {
    const order = toTemplateOrder(
      {
        id: "order_01",
        display_id: 1042,
        status: "completed",
        currency_code: "eur",
        items,
        item_subtotal: 78,
        subtotal: 82.9,
        shipping_total: 4.9,
        tax_total: "13.11",
        total: 82.9,
        created_at: new Date("2025-03-14T10:30:00Z"),
      },
      { storefrontUrl: shop }
    )
    expect(order).toEqual({
      id: "order_01",
      number: "#1042",
      status: "completed",
      items: expect.arrayContaining([expect.objectContaining({ title: "Linen shirt", total: "€60.00" })]),
      subtotal: "€78.00",
      shipping_total: "€4.90",
      tax_total: "€13.11",
      total: "€82.90",
      currency_code: "eur",
      placed_at: "2025-03-14T10:30:00.000Z",
      url: "https://shop.example.com/account/orders/details/order_01",
    })
  })

  it("has no account link without a storefront URL", () => {
    const order = toTemplateOrder({ id: "order_02", display_id: 7, currency_code: "usd", created_at: "2025-01-01T00:00:00Z" })
    expect(order.url).toBeNull()
    expect(order.number).toEqual("#7")
    expect(order.total).toEqual("$0.00")
  })
})

describe("toTemplateProduct", () => {
  it("prices the product and links its page", () => {
    expect(
      toTemplateProduct({ id: "prod_1", title: "Straw hat", handle: "straw-hat", thumbnail: null }, 32, "eur", shop)
    ).toEqual({
      id: "prod_1",
      title: "Straw hat",
      thumbnail: null,
      price: "€32.00",
      url: "https://shop.example.com/products/straw-hat",
    })
    expect(toTemplateProduct({ id: "prod_1", title: "Straw hat", handle: "straw-hat" }, 32, "eur").url).toEqual("")
  })
})

describe("toTemplateDiscount", () => {
  it("shows a percentage as a percent and a fixed amount in its currency", () => {
    expect(toTemplateDiscount({ code: "WELCOME10", type: "percentage", value: 10 })).toEqual({
      code: "WELCOME10",
      value: "10%",
      expires_at: null,
    })
    expect(
      toTemplateDiscount({
        code: "SAVE5",
        type: "fixed",
        value: 5,
        currency_code: "eur",
        expires_at: "2030-01-31T00:00:00Z",
      })
    ).toEqual({ code: "SAVE5", value: "€5.00", expires_at: "2030-01-31T00:00:00.000Z" })
  })

  it("refuses a fixed amount without a currency", () => {
    expect(() => toTemplateDiscount({ code: "SAVE5", type: "fixed", value: 5 })).toThrow(/currency_code/)
  })
})
