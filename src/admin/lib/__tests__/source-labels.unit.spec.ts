import { formatDateTime } from "../format"
import { sourceLabels } from "../source-labels"

describe("sourceLabels", () => {
  it("shows a unique name alone, and tells shared names apart by status and creation time", () => {
    const labels = sourceLabels([
      { id: "a", name: "Welcome series", status: "Active", created_at: "2026-11-02T09:00:00Z" },
      { id: "b", name: "Win-back", status: "Draft", created_at: "2026-11-03T09:00:00Z" },
      { id: "c", name: "Welcome series", status: "Draft", created_at: "2026-12-01T15:30:00Z" },
    ])
    expect(labels).toEqual([
      { id: "a", label: `Welcome series (Active, created ${formatDateTime("2026-11-02T09:00:00Z")})` },
      { id: "b", label: "Win-back" },
      { id: "c", label: `Welcome series (Draft, created ${formatDateTime("2026-12-01T15:30:00Z")})` },
    ])
  })
})
