// The scenario every new one starts from: small, valid, and passing the model checker, with a
// comment on each part so a trainer can see what to change. A unit test keeps it passing.

/** A YAML double-quoted string: JSON's escapes are YAML's. */
export function yamlString(value: string): string {
  return JSON.stringify(value);
}

export function scenarioTemplate(id: string, title: string): string {
  return `# A new scenario. Change the people, the posts and what happens, then check and play-test it.
# The language is described in docs/simulator.md ("Writing scenarios").
id: ${id}
title: ${yamlString(title)}
summary: A troll posts abuse under a service update. Hide it under the house rules and do not reply in kind.
level: core
duration: 5m
account:
  name: Anyshire District Council
  handle: "@AnyshireDC"
objectives:
  - text: Tell criticism from abuse and use the house rules
    lesson: staff-social-media/criticism-or-abuse
personas:
  - id: troll-gaz
    name: Gaz
    handle: "@gaz_says_no"
    kind: troll
feed:
  - id: update-post
    by: account
    at: -1h
    text: Bank holiday bins are collected one day later than usual this week.
beats:
  - id: abuse-arrives
    title: Abuse under the update
    injects:
      - after: 10s
        comment:
          id: gaz-abuse
          on: update-post
          by: troll-gaz
          text: Useless lot. Sack the lot of you.
    reactions:
      - when: { action: hide, target: gaz-abuse }
        feedback: The comment broke the house rules, so hiding it was right.
        score:
          - item: house-rules
            feedback: Hiding abuse that breaks the house rules protects everyone else.
        goto: handled
      - when: { action: reply, target: gaz-abuse, found: [hostile] }
        feedback: Trading insults feeds the hostility.
        goto: fed-the-troll
    timeout:
      after: 2m
      goto: left-up
      missed: The abusive comment stayed up for two minutes.
outcomes:
  - id: handled
    result: passed
    title: Handled well
    debrief: You used the house rules and did not feed the hostility.
  - id: fed-the-troll
    result: failed
    title: Fed the troll
    debrief: A hostile reply made the thread worse. Hide abuse that breaks the house rules instead.
  - id: left-up
    result: failed
    title: The abuse stayed up
    debrief: Abuse left under a post puts other people off. Hide it under the house rules.
rubric:
  passMark: 2
  items:
    - id: house-rules
      title: Dealt with abuse using the house rules
      points: 2
      lesson: staff-social-media/criticism-or-abuse
`;
}
