import { fieldOfPath, issueFromMessage, placeIssues } from "../flow-issues"

describe("flow issues", () => {
  it("reads the server's refusal as an issue on the step it names", () => {
    expect(issueFromMessage('definition.steps.hello.next: step "hello" goes to "nowhere", which does not exist')).toEqual({
      code: "invalid_definition",
      path: "steps.hello.next",
      step: "hello",
      message: 'step "hello" goes to "nowhere", which does not exist',
    })
    expect(issueFromMessage("definition.steps.ab.branches[0].next: is required")).toMatchObject({
      path: "steps.ab.branches[0].next",
      step: "ab",
    })
    expect(issueFromMessage("definition.trigger.event: must be an event name")).toEqual({
      code: "invalid_definition",
      path: "trigger.event",
      message: "must be an event name",
    })
  })

  it("keeps a message that names no place as an issue on the flow", () => {
    expect(issueFromMessage("Failed to fetch")).toEqual({ code: "error", path: "", message: "Failed to fetch" })
    expect(issueFromMessage("definition: a flow needs at least one step")).toMatchObject({ path: "", message: "a flow needs at least one step" })
  })

  it("places issues on their step, the trigger, or the flow", () => {
    const placed = placeIssues([
      { code: "missing_entry", path: "entry", message: "no entry" },
      { code: "unreachable_step", path: "steps.orphan", step: "orphan", message: "unreachable" },
      { code: "invalid_definition", path: "steps.orphan.url", message: "must use https" },
      { code: "invalid_definition", path: "trigger.filter.data[0].path", message: "bad path" },
      { code: "invalid_definition", path: "goal.event", message: "bad event" },
    ])
    expect(placed.steps.get("orphan")!.map((issue) => issue.message)).toEqual(["unreachable", "must use https"])
    expect(placed.trigger.map((issue) => issue.message)).toEqual(["no entry", "bad path"])
    expect(placed.flow.map((issue) => issue.message)).toEqual(["bad event"])
  })

  it("shows a path inside its step's form without the step's prefix", () => {
    expect(fieldOfPath("steps.hello.config.tag", "hello")).toBe("config.tag")
    expect(fieldOfPath("steps.hello", "hello")).toBe("")
    expect(fieldOfPath("entry", "hello")).toBe("entry")
  })
})
