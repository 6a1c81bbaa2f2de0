import { toNumber } from "../to-number"

describe("toNumber", () => {
  it("reads the shapes Medusa returns amounts in", () => {
    expect(toNumber(12.5)).toEqual(12.5)
    expect(toNumber("12.50")).toEqual(12.5)
    expect(toNumber({ numeric: 7 })).toEqual(7)
    expect(toNumber({ value: "3.25", precision: 20 })).toEqual(3.25)
    expect(toNumber({ toString: () => "4" })).toEqual(4)
  })

  it("treats missing amounts as zero", () => {
    expect(toNumber(null)).toEqual(0)
    expect(toNumber(undefined)).toEqual(0)
    expect(toNumber("n/a")).toEqual(0)
  })
})
