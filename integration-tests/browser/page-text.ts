/**
 * What a merchant reads on a page, whitespace squashed: the browser's line
 * breaks and indentation are layout, not content.
 */
import { Locator } from "playwright-core"
import { eventually, UI_TIMEOUT } from "./waiting"

const squash = (value: string) => value.replace(/\s+/g, " ").trim()

export const texts = async (locator: Locator) => (await locator.allInnerTexts()).map(squash)

export const text = async (locator: Locator, timeout = 2_000) => squash(await locator.innerText({ timeout }))

/** Waits until the element reads `expected` (pages render in steps). */
export const expectText = (locator: Locator, expected: string | RegExp, timeout = UI_TIMEOUT) =>
  eventually(async () => {
    const actual = await text(locator)
    if (typeof expected === "string") expect(actual).toBe(expected)
    else expect(actual).toMatch(expected)
    return actual
  }, timeout)

/** Waits until the elements read `expected`, in order (lists fill and nodes measure in steps). */
export const expectTexts = (locator: Locator, expected: string[], timeout = UI_TIMEOUT) =>
  eventually(async () => expect(await texts(locator)).toEqual(expected), timeout)

/** An amount as the admin shows it in an en-US browser: "€589.75". */
export const money = (amount: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(amount)
