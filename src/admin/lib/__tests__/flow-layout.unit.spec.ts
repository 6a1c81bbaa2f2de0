import { layeredLayout, type LayoutOptions } from "../flow-layout"

const SIZE: LayoutOptions = { nodeWidth: 100, nodeHeight: 50, gapX: 20, gapY: 30 }
const ROW = SIZE.nodeHeight + SIZE.gapY
const COLUMN = SIZE.nodeWidth + SIZE.gapX

const rows = (positions: Record<string, { y: number }>) =>
  Object.fromEntries(Object.entries(positions).map(([id, { y }]) => [id, y / ROW]))

const edges = (...pairs: string[]) =>
  pairs.map((pair) => {
    const [source, target] = pair.split(">")
    return { source, target }
  })

describe("flow layout", () => {
  it("puts a chain one layer per step, centred on the same column", () => {
    const positions = layeredLayout(["t", "a", "b"], edges("t>a", "a>b"), "t", SIZE)
    expect(rows(positions)).toEqual({ t: 0, a: 1, b: 2 })
    expect(new Set(Object.values(positions).map((p) => p.x))).toEqual(new Set([-SIZE.nodeWidth / 2]))
  })

  it("puts a step below every step that leads to it, so a merge sits under both ways", () => {
    // yes → a → join, no → join: join goes below a, not beside it.
    const positions = layeredLayout(["t", "check", "a", "join"], edges("t>check", "check>a", "check>join", "a>join"), "t", SIZE)
    expect(rows(positions)).toEqual({ t: 0, check: 1, a: 2, join: 3 })
  })

  it("sets loops aside, so a step that leads back up stays below", () => {
    const positions = layeredLayout(["t", "send", "wait"], edges("t>send", "send>wait", "wait>send"), "t", SIZE)
    expect(rows(positions)).toEqual({ t: 0, send: 1, wait: 2 })
  })

  it("spreads a layer's steps side by side in the order of their parents, without overlap", () => {
    const positions = layeredLayout(
      ["t", "split", "left", "right", "l2", "r2"],
      edges("t>split", "split>left", "split>right", "right>r2", "left>l2"),
      "t",
      SIZE
    )
    expect(positions.left.y).toBe(positions.right.y)
    expect(positions.right.x - positions.left.x).toBe(COLUMN)
    // Children follow their parents' order even when listed the other way round.
    expect(positions.l2.x).toBeLessThan(positions.r2.x)
  })

  it("lays out steps nothing leads to beside the first steps, to the right", () => {
    const positions = layeredLayout(["t", "a", "orphan", "after"], edges("t>a", "orphan>after"), "t", SIZE)
    expect(rows(positions)).toEqual({ t: 0, a: 1, orphan: 1, after: 2 })
    expect(positions.orphan.x).toBeGreaterThan(positions.a.x)
  })

  it("ignores links to ids that are not nodes, and a step linking to itself", () => {
    const positions = layeredLayout(["t", "a"], edges("t>a", "a>missing", "a>a"), "t", SIZE)
    expect(rows(positions)).toEqual({ t: 0, a: 1 })
  })
})
