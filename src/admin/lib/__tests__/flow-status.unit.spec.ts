import { describeRunEnd } from "../flow-status"

describe("run endings", () => {
  it("says why a run ended in the engine's own words, without its code", () => {
    expect(describeRunEnd('exit_step: exit step "end"')).toBe('Exit step "end"')
    expect(describeRunEnd('exit_event: exit event "order.placed"')).toBe('Exit event "order.placed"')
    expect(describeRunEnd("flow archived")).toBe("Flow archived")
    expect(describeRunEnd(null)).toBeNull()
  })
})
