import { parseMarketingOptions } from "../options"

describe("parseMarketingOptions", () => {
  it("applies defaults and ignores the keys Medusa adds itself", () => {
    expect(parseMarketingOptions({ database: { clientUrl: "postgres://x" } })).toEqual({
      abandonedCartAfterMinutes: 60,
      abandonedCartMaxAgeHours: 168,
      backfillOnStart: false,
      backfillPageSize: 250,
      webhooks: {},
      flows: { steps: [], triggers: [] },
    })
  })

  it.each([
    [{ abandonedCartAfterMinutes: "soon" }, "abandonedCartAfterMinutes"],
    [{ abandonedCartAfterMinutes: 0 }, "abandonedCartAfterMinutes"],
    [{ storefrontUrl: "shop.example.com" }, "storefrontUrl"],
    [{ backfillOnStart: "yes" }, "backfillOnStart"],
    [{ abandonedCartMinutes: 30 }, "abandonedCartMinutes"],
    [{ webhooks: { generic: "short" } }, "webhooks.generic"],
    [{ publicUrl: "not a url" }, "publicUrl"],
  ])("rejects %j naming %s", (options, name) => {
    expect(() => parseMarketingOptions(options)).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(
          new RegExp(`^Invalid medusa-marketing-automation options: .*${name}`)
        ),
      })
    )
  })
})
