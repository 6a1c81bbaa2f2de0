import { runLimited } from "../run-limited"

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe("runLimited", () => {
  it("runs every item, never more than the limit at once", async () => {
    let pending = 0
    let most = 0
    const done: number[] = []
    await runLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      pending++
      most = Math.max(most, pending)
      await tick()
      await tick()
      done.push(n)
      pending--
    })
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(most).toBe(3)
  })

  it("starts items in order", async () => {
    const started: number[] = []
    await runLimited([1, 2, 3, 4], 2, async (n) => {
      started.push(n)
      await tick()
    })
    expect(started).toEqual([1, 2, 3, 4])
  })

  it("finishes the other items and then rejects with the first failure", async () => {
    const done: number[] = []
    const run = runLimited([1, 2, 3, 4], 2, async (n) => {
      await tick()
      if (n === 2 || n === 3) throw new Error(`item ${n}`)
      done.push(n)
    })
    await expect(run).rejects.toThrow("item 2")
    expect(done.sort()).toEqual([1, 4])
  })

  it("does nothing for no items", async () => {
    const task = jest.fn()
    await runLimited([], 4, task)
    expect(task).not.toHaveBeenCalled()
  })
})
