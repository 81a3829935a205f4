// Scripted assessed runs of the staff programme's scenarios: each action taken this many
// seconds after the run starts. The demo seed plays them through the run service at past
// moments, and lifecycle.spec.ts plays them through the feed's endpoint; one copy for both.
import type { TraineeAction } from "../../simulator";

/** An action as a trainee sends it: the server stamps its time. */
type Unstamped<A> = A extends TraineeAction ? Omit<A, "at"> : never;

export type Play = readonly { at: number; action: Unstamped<TraineeAction> }[];

// Passing plays, read off each scenario file's reactions and rubric. Item ids are the same in
// every variant; only wording and personas change with a run's seed.
export const plays = {
  "bin-collection-abuse": [
    { at: 6, action: { type: "hide", target: "gaz-abuse" } },
    {
      at: 31,
      action: {
        type: "reply",
        target: "carol-missed",
        text: "Sorry to hear your bin has been missed, Carol. Please report it at anyshire.gov.uk/bins so the crew can put it right.",
      },
    },
  ],
  "school-closure-wrong-date": [
    {
      at: 6,
      action: {
        type: "edit",
        target: "closure-post",
        text: "Edited: we're sorry, we got the date wrong. To correct our earlier post: Oakfield Primary School in Ashby Vale will be closed on Wednesday 15 January, not Tuesday. It is open as normal on Tuesday.",
      },
    },
    { at: 7, action: { type: "pin", target: "closure-post" } },
    {
      at: 8,
      action: {
        type: "message",
        persona: "colleague-marcus",
        text: "Thanks Marcus. The post now says Wednesday 15 January and is pinned to the top of our page.",
      },
    },
  ],
  "neighbour-address-exposed": [
    { at: 6, action: { type: "hide", target: "janet-complaint" } },
    {
      at: 7,
      action: {
        type: "escalate",
        target: "janet-complaint",
        team: "line-manager",
        note: "A resident's comment named her neighbour, with his address and her case reference. I have hidden it.",
      },
    },
    {
      at: 8,
      action: {
        type: "message",
        persona: "resident-janet",
        text: "Hi Janet, I'm sorry it has taken so long. You can follow up your case at democounty.gov.uk/noise. I hid your comment because it named your neighbour.",
      },
    },
  ],
  "safeguarding-disclosure": [
    {
      at: 11,
      action: {
        type: "escalate",
        target: "skye-comment",
        team: "safeguarding",
        note: "A young person says her mum's boyfriend hits her little brother.",
      },
    },
    { at: 12, action: { type: "hide", target: "skye-comment" } },
    {
      at: 13,
      action: {
        type: "escalate",
        target: "skye-comment",
        team: "line-manager",
        note: "I have passed a safeguarding disclosure to the safeguarding team.",
      },
    },
  ],
} satisfies Record<string, Play>;

export type StaffScenario = keyof typeof plays;

/**
 * The neighbour scenario handled well but with no way to report given: whether it passes rests
 * on a trainer's view of the message's tone, so the run waits in the review queue.
 */
export const waitingForTrainer = {
  scenario: "neighbour-address-exposed",
  play: [
    {
      at: 9,
      action: {
        type: "escalate",
        target: "janet-complaint",
        team: "line-manager",
        note: "A resident's comment names her neighbour and his address. I am hiding it.",
      },
    },
    {
      at: 40,
      action: {
        type: "message",
        persona: "resident-janet",
        text: "Hi Janet, I'm sorry it has taken so long. I am hiding your comment because it names your neighbour, not because of what you said about the noise.",
      },
    },
    { at: 52, action: { type: "hide", target: "janet-complaint" } },
  ],
} as const satisfies { scenario: StaffScenario; play: Play };

/** A first try that fails: the reply puts the resident's address on show. */
export const failedFirstTry = {
  scenario: "bin-collection-abuse",
  play: [
    { at: 12, action: { type: "hide", target: "gaz-abuse" } },
    {
      at: 45,
      action: {
        type: "reply",
        target: "carol-missed",
        text: "Sorry Carol, I've asked the crew to go back to 14 Maple Close tomorrow.",
      },
    },
  ],
} as const satisfies { scenario: StaffScenario; play: Play };
