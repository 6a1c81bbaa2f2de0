import { explainRfmSegment, fmScore, RFM_SEGMENTS, rfmSegment, rfmSegmentForCell } from "../rfm-segments"

describe("RFM_SEGMENTS", () => {
  it("maps every cell of the 5 × 5 R × FM grid to exactly one segment", () => {
    for (let r = 1; r <= 5; r++) {
      for (let fm = 1; fm <= 5; fm++) {
        const owners = RFM_SEGMENTS.filter((segment) =>
          segment.cells.some(([cellR, cellFm]) => cellR === r && cellFm === fm)
        )
        expect(owners.map((segment) => segment.key)).toHaveLength(1)
      }
    }
    expect(RFM_SEGMENTS.reduce((cells, segment) => cells + segment.cells.length, 0)).toBe(25)
  })

  it("names the eleven groups with their keys", () => {
    expect(RFM_SEGMENTS.map((segment) => segment.key)).toEqual([
      "champions",
      "loyal",
      "potential_loyalist",
      "new",
      "promising",
      "needs_attention",
      "about_to_sleep",
      "at_risk",
      "cant_lose",
      "hibernating",
      "lost",
    ])
    RFM_SEGMENTS.forEach((segment) => {
      expect(segment.label).not.toEqual("")
      expect(segment.description).not.toEqual("")
    })
  })
})

describe("rfmSegment", () => {
  it("places buyers on the grid by R and the rounded mean of F and M", () => {
    expect(rfmSegment(5, 5, 5)).toBe("champions")
    expect(rfmSegment(5, 1, 1)).toBe("new")
    expect(rfmSegment(4, 1, 1)).toBe("promising")
    expect(rfmSegment(3, 3, 3)).toBe("needs_attention")
    expect(rfmSegment(1, 5, 5)).toBe("cant_lose")
    expect(rfmSegment(2, 4, 3)).toBe("at_risk")
    expect(rfmSegment(2, 1, 2)).toBe("hibernating")
    expect(rfmSegment(1, 1, 1)).toBe("lost")
  })

  it("rounds the FM mean half up", () => {
    expect(fmScore(4, 5)).toBe(5)
    expect(fmScore(1, 2)).toBe(2)
    expect(fmScore(2, 2)).toBe(2)
    expect(rfmSegment(5, 3, 4)).toBe("champions")
  })

  it("rejects scores outside 1 to 5", () => {
    expect(() => rfmSegment(0, 3, 3)).toThrow("recency")
    expect(() => rfmSegment(3, 6, 3)).toThrow("frequency")
    expect(() => rfmSegmentForCell(3, 2.5)).toThrow("fm")
  })

  it("explains the placement in a sentence", () => {
    expect(explainRfmSegment(1, 5, 4)).toBe(
      "Segment Can't lose (recency 1, frequency-and-spend 5, the rounded mean of 5 and 4): Were among the best customers and have not come back for a long time."
    )
  })
})
