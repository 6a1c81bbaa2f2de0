import { createCachedLoad } from "../cached-load"

/** A read the test resolves or rejects by hand, counting how often it was started. */
function manualRead() {
  const pending: { resolve: (value: string) => void; reject: (error: Error) => void }[] = []
  const read = () => new Promise<string>((resolve, reject) => pending.push({ resolve, reject }))
  return { read, pending }
}

describe("createCachedLoad", () => {
  it("gives every caller of a burst on a cold cache the result of one read", async () => {
    const load = createCachedLoad<string>(5_000)
    const { read, pending } = manualRead()
    const callers = Array.from({ length: 1_000 }, () => load.get(read))
    expect(pending).toHaveLength(1)
    pending[0].resolve("flows")
    expect(new Set(await Promise.all(callers))).toEqual(new Set(["flows"]))
  })

  it("keeps the value for its time to live, then reads again", async () => {
    let now = 0
    const load = createCachedLoad<string>(5_000, () => now)
    let reads = 0
    const read = async () => `read ${++reads}`
    expect(await load.get(read)).toEqual("read 1")
    now = 5_000
    expect(await load.get(read)).toEqual("read 1")
    now = 5_001
    expect(await load.get(read)).toEqual("read 2")
  })

  it("does not keep a read that was running when the value was forgotten", async () => {
    const load = createCachedLoad<string>(5_000)
    const { read, pending } = manualRead()
    const before = load.get(read)
    load.forget()
    const after = load.get(read)
    expect(pending).toHaveLength(2)
    pending[0].resolve("before the change")
    pending[1].resolve("after the change")
    expect(await before).toEqual("before the change")
    expect(await after).toEqual("after the change")
    expect(await load.get(read)).toEqual("after the change")
    expect(pending).toHaveLength(2)
  })

  it("hands a failed read's error to its callers and reads again on the next call", async () => {
    const load = createCachedLoad<string>(5_000)
    const { read, pending } = manualRead()
    const first = load.get(read)
    const second = load.get(read)
    pending[0].reject(new Error("database unavailable"))
    await expect(first).rejects.toThrow("database unavailable")
    await expect(second).rejects.toThrow("database unavailable")
    const retry = load.get(read)
    expect(pending).toHaveLength(2)
    pending[1].resolve("flows")
    expect(await retry).toEqual("flows")
  })
})
