import { createGate } from "../gate"

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe("createGate", () => {
  it("runs at most the limit at once, the rest in the order they came", async () => {
    const gate = createGate(2)
    let running = 0
    let most = 0
    const started: number[] = []
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        gate(async () => {
          started.push(n)
          running++
          most = Math.max(most, running)
          await tick()
          await tick()
          running--
          return n * 10
        })
      )
    )
    expect(results).toEqual([10, 20, 30, 40, 50])
    expect(started).toEqual([1, 2, 3, 4, 5])
    expect(most).toBe(2)
  })

  it("lets the next task in when one fails, and passes the failure to its caller", async () => {
    const gate = createGate(1)
    const failing = gate(async () => {
      await tick()
      throw new Error("boom")
    })
    const next = gate(async () => "ran")
    await expect(failing).rejects.toThrow("boom")
    await expect(next).resolves.toBe("ran")
  })

  it("frees its places once everything is done", async () => {
    const gate = createGate(1)
    await gate(async () => tick())
    let ran = false
    await gate(async () => {
      ran = true
    })
    expect(ran).toBe(true)
  })
})
