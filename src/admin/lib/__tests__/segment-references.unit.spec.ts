import { filenameFromDisposition } from "../segment-csv-download"
import { segmentsUsing } from "../segment-references"

describe("segmentsUsing", () => {
  it("finds the segments whose rules test membership of a segment, however deep", () => {
    const segments = [
      { id: "a", name: "A", rules: { type: "segment", segment_id: "vip", in: true } },
      {
        id: "b",
        name: "B",
        rules: { type: "group", match: "all", rules: [{ type: "group", match: "none", rules: [{ type: "segment", segment_id: "vip", in: false }] }] },
      },
      { id: "c", name: "C", rules: { type: "segment", segment_id: "other", in: true } },
      { id: "vip", name: "VIP", rules: { type: "orders", count: { operator: "gte", value: 5 } } },
      { id: "d", name: "D", rules: null },
    ]
    expect(segmentsUsing("vip", segments).map((s) => s.id)).toEqual(["a", "b"])
    expect(segmentsUsing("nobody", segments)).toEqual([])
  })
})

describe("filenameFromDisposition", () => {
  it("uses the server's file name, in either form, and a fallback otherwise", () => {
    expect(filenameFromDisposition('attachment; filename="segment-mkt_seg_1.csv"', "x.csv")).toEqual(
      "segment-mkt_seg_1.csv"
    )
    expect(filenameFromDisposition("attachment; filename*=UTF-8''Kunden%20%C3%A4.csv", "x.csv")).toEqual(
      "Kunden ä.csv"
    )
    expect(filenameFromDisposition(null, "x.csv")).toEqual("x.csv")
  })
})
