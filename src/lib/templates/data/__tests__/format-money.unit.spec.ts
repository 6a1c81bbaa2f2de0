import { formatMoney } from "../format-money"

describe("formatMoney", () => {
  it("reads amounts in major units, as Medusa 2 stores them", () => {
    expect(formatMoney(30, "eur")).toEqual("€30.00")
    expect(formatMoney(4.9, "EUR")).toEqual("€4.90")
    expect(formatMoney(1234.5, "usd")).toEqual("$1,234.50")
  })

  it("accepts the BigNumber shapes Query returns", () => {
    expect(formatMoney("18", "eur")).toEqual("€18.00")
    expect(formatMoney({ numeric: 45 }, "eur")).toEqual("€45.00")
    expect(formatMoney({ value: "12.5", precision: 20 } as any, "eur")).toEqual("€12.50")
    expect(formatMoney(null, "eur")).toEqual("€0.00")
  })

  it("gives zero-decimal currencies no decimals", () => {
    expect(formatMoney(1500, "jpy")).toEqual("¥1,500")
    expect(formatMoney(1500.4, "jpy")).toEqual("¥1,500")
    expect(formatMoney(9800, "krw")).toEqual("₩9,800")
  })

  it("follows the locale it is given", () => {
    expect(formatMoney(30, "eur", "de-DE")).toEqual("30,00\u00a0€")
  })

  it("still shows a price for a currency Intl does not know", () => {
    expect(formatMoney(5, "xx")).toEqual("5.00 XX")
    expect(formatMoney(5, "eur", "not a locale")).toEqual("€5.00")
  })
})
