import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  type Finding,
  type FindingKind,
  findApology,
  findCorrection,
  findDefensive,
  findHostile,
  findOverPromise,
  findPartyPolitical,
  findSarcasm,
  findShouting,
  findSignposting,
  findTooLong,
} from "../../../simulator";

/** Each check: texts it must flag (with the characters it must point at) and near-misses. */
function table(
  kind: FindingKind,
  check: (text: string) => Finding[],
  matches: Array<[text: string, flagged: string]>,
  misses: string[],
) {
  describe(kind, () => {
    assert.ok(matches.length >= 15 && misses.length >= 15, "at least 15 of each");
    for (const [text, flagged] of matches) {
      test(`flags "${flagged}" in: ${text}`, () => {
        const findings = check(text);
        const spans = findings.map((f) => text.slice(f.start, f.end));
        assert.ok(spans.includes(flagged), `spans were ${JSON.stringify(spans)}`);
        for (const finding of findings) {
          assert.equal(finding.kind, kind);
          assert.equal(finding.text, text.slice(finding.start, finding.end));
        }
      });
    }
    for (const text of misses) {
      test(`leaves alone: ${text}`, () => {
        assert.deepEqual(check(text), []);
      });
    }
  });
}

table(
  "apology",
  findApology,
  [
    ["We're sorry, we got this wrong.", "sorry"],
    ["Sorry for the delay in collecting your bin.", "Sorry"],
    ["We apologise for the confusion.", "apologise"],
    ["Apologies for the missed collection, Carol.", "Apologies"],
    ["Our apologies: the post was wrong.", "apologies"],
    ["I'm really sorry about that.", "sorry"],
    ["Sorry, our mistake.", "Sorry"],
    ["We are very sorry for the disruption.", "sorry"],
    ["Please accept our apologies.", "apologies"],
    ["I apologize for the error.", "apologize"],
    ["Sorry about the mix-up with the dates.", "Sorry"],
    ["So sorry that your bin was missed again.", "sorry"],
    ["We have apologised to the residents affected.", "apologised"],
    ["Sorry Carol, that should not have happened.", "Sorry"],
    ["We're truly sorry for the inconvenience.", "sorry"],
  ],
  [
    "Sorry to hear that, Carol.",
    "We're so sorry to hear about your experience.",
    "Sorry you've had a bad morning.",
    "Sorry if you feel that way.",
    "Sorry, what do you mean?",
    "Sorry? Could you say that again?",
    "We're sorry for your loss.",
    "I'm not sorry at all.",
    "No need to apologise!",
    "Sorry you were upset by this.",
    "Thank you for letting us know.",
    "We are sorry to see the damage.",
    "Sorry but the depot is closed.",
    "Sorry, could you send us the address by private message?",
    "Sorry that you feel ignored.",
  ],
);

table(
  "correction",
  findCorrection,
  [
    ["To correct our earlier post: collections are on Friday.", "To correct"],
    ["Correction: the tip closes at 4pm.", "Correction:"],
    ["We should have said priority routes.", "We should have said"],
    ["That should have said Tuesday.", "That should have said"],
    ["The post should read 'priority roads'.", "The post should read"],
    ["We got that wrong, sorry.", "We got that wrong"],
    ["Our earlier post was wrong about the date.", "Our earlier post was wrong"],
    ["The time we gave was incorrect.", "was incorrect"],
    ["We made a mistake in the last update.", "We made a mistake"],
    ["Our mistake, it is the blue bin this week.", "Our mistake"],
    ["The correct date is 12 March.", "The correct date is"],
    ["We've updated the post with the right times.", "We've updated the post"],
    ["To clarify, only main roads are gritted.", "To clarify"],
    ["My previous post is incorrect.", "My previous post is incorrect"],
    ["We got the date wrong in our post.", "We got the date wrong"],
  ],
  [
    "Put the correct bin out on Tuesday.",
    "You're correct, it is Tuesday.",
    "That's right.",
    "We will update you soon.",
    "Is that wrong?",
    "Correctly sorted recycling helps.",
    "Our post from yesterday still stands.",
    "The mistake was made by the contractor.",
    "Clarity matters in our posts.",
    "Please check our updated opening hours.",
    "Nothing wrong with asking.",
    "We should have the results by Friday.",
    "It should be collected tomorrow.",
    "The correct bins are blue and green.",
    "Don't get the wrong idea.",
  ],
);

table(
  "signposting",
  findSignposting,
  [
    ["Report it online at anyshire.gov.uk/bins", "Report it online"],
    ["See https://www.anyshire.gov.uk/gritting", "https://www.anyshire.gov.uk/gritting"],
    ["Details at www.anyshire.gov.uk", "www.anyshire.gov.uk"],
    ["Please call our contact centre on 0300 123 4567.", "call our"],
    ["Send us a direct message with your address.", "Send us a direct message"],
    ["DM us your postcode and we'll check.", "DM us"],
    ["You can contact our waste team directly.", "contact our waste team"],
    ["Customer services can help with this.", "Customer services"],
    ["Please visit our website for the routes.", "visit our website"],
    ["Fill in the online form and we'll look into it.", "Fill in the online form"],
    ["Our complaints procedure explains the next steps.", "complaints procedure"],
    ["Email us and we will reply.", "Email us"],
    ["Report a missed bin on our website.", "Report a missed bin on our website"],
    ["Drop us a private message please.", "Drop us a private message"],
    ["Check anyshire.gov.uk/gritting-routes for the map.", "anyshire.gov.uk/gritting-routes"],
  ],
  [
    "Thanks for your message.",
    "I'll call you back.",
    "Visit the park this weekend.",
    "We received your message.",
    "Our crews are in contact with residents.",
    "Message received, thank you.",
    "Call it what you like.",
    "My website has photos.",
    "Report cards go out in July.",
    "The form of the new bins is different.",
    "Services resume on Monday.",
    "The centre of town is closed.",
    "We are looking into it.",
    "Direct action was taken by protesters.",
    "Please be patient with our crews.",
  ],
);

describe("too-long", () => {
  const matches = Array.from({ length: 15 }, (_, i) => "a".repeat(281 + i * 37));
  const misses = Array.from({ length: 15 }, (_, i) => "b".repeat(i * 20));
  for (const text of matches) {
    test(`flags the part after 280 characters of a ${text.length}-character text`, () => {
      const [finding] = findTooLong(text);
      assert.equal(finding?.start, 280);
      assert.equal(finding?.end, text.length);
    });
  }
  for (const text of misses) {
    test(`leaves a ${text.length}-character text alone`, () => {
      assert.deepEqual(findTooLong(text), []);
    });
  }
  test("exactly 280 characters is fine", () => assert.deepEqual(findTooLong("x".repeat(280)), []));
});

table(
  "shouting",
  findShouting,
  [
    ["PLEASE READ THE POST", "PLEASE READ THE POST"],
    ["This is RIDICULOUS", "RIDICULOUS"],
    ["We are NOT COLLECTING today", "NOT COLLECTING"],
    ["DO NOT put glass in the blue bin", "DO NOT"],
    ["Stop it!!!", "!!!"],
    ["Why?!?!", "?!?!"],
    ["THANK YOU for waiting", "THANK YOU"],
    ["I SAID TUESDAY", "SAID TUESDAY"],
    ["What is WRONG with you", "WRONG"],
    ["LISTEN to residents", "LISTEN"],
    ["That's it!!!!", "!!!!"],
    ["NEVER again", "NEVER"],
    ["GET OFF the pavement", "GET OFF"],
    ["STOP SHARING this", "STOP SHARING"],
    ["It's CLOSED", "CLOSED"],
  ],
  [
    "The NHS and DWP are partners",
    "Visit GOV.UK for more",
    "The A465 is open",
    "I think so",
    "Thanks!",
    "Really?!",
    "CCTV is in use",
    "Talk to HMRC",
    "Call us today",
    "The UK and EU",
    "BBC Wales reported it",
    "Our MP visited",
    "Great news!!",
    "COVID rules have ended",
    "OK, thanks",
  ],
);

table(
  "hostile",
  findHostile,
  [
    ["Don't be an idiot.", "idiot"],
    ["That's a stupid question.", "stupid"],
    ["Grow up.", "Grow up"],
    ["Shut up about the bins.", "Shut up"],
    ["Get a life, Gaz.", "Get a life"],
    ["How dare you speak to staff like that.", "How dare you"],
    ["You people never read anything.", "You people"],
    ["Learn to read the post.", "Learn to read"],
    ["Nobody cares about your bin.", "Nobody cares"],
    ["Do your research before posting.", "Do your research"],
    ["What a pathetic comment.", "pathetic"],
    ["Get over it.", "Get over it"],
    ["You're talking rubbish.", "talking rubbish"],
    ["Morons like you ruin it.", "Morons"],
    ["It's your own fault for missing the day.", "your own fault"],
  ],
  [
    "Your rubbish collection is on Tuesday.",
    "The stupidly cold weather is back.",
    "We understand you're frustrated.",
    "Thanks for your patience.",
    "Please get in touch.",
    "Our crews worked hard.",
    "Grown-ups and children welcome.",
    "The idiom 'it never rains' comes to mind.",
    "Please read the post above for times.",
    "We care about every missed bin.",
    "Get the latest updates here.",
    "The people of Anyshire deserve better roads.",
    "It isn't your fault that the bin was missed.",
    "Deal or no deal at the fair.",
    "Research shows gritting saves lives.",
  ],
);

table(
  "sarcastic",
  findSarcasm,
  [
    ["Oh great, another complaint.", "Oh great"],
    ["Thanks for nothing.", "Thanks for nothing"],
    ["Yeah right, like that will happen.", "Yeah right"],
    ["What a surprise, it's Gaz again.", "What a surprise"],
    ["Good luck with that.", "Good luck with that"],
    ["Well done, genius.", "Well done, genius"],
    ["Nice work, Sherlock.", ", Sherlock"],
    ["*slow clap*", "slow clap"],
    ["Must be nice to have time to complain.", "Must be nice"],
    ["Bins go out on bin day, who knew?", "who knew?"],
    ["Oh brilliant, now it's snowing.", "Oh brilliant"],
    ["Shock, horror, the bin was late.", "Shock, horror"],
    ["Colour me surprised.", "Colour me surprised"],
    ["Heaven forbid you read the post.", "Heaven forbid"],
    ["How very kind of you to finally reply.", "How very kind"],
  ],
  [
    "Great news: the tip is open.",
    "Thanks for letting us know.",
    "Well done to our crews last night.",
    "Good luck to all the runners on Sunday.",
    "Obviously we want to help.",
    "That's a surprise party for the mayor.",
    "Right, we'll check the route.",
    "Yeah, the collection is tomorrow.",
    "Nice to see so many at the event.",
    "It looks as if the bin was missed.",
    "We knew about the closure.",
    "Kind of you to say so.",
    "The surprise is in the post.",
    "Oh, and the tip closes at 4pm.",
    "Who knows the answer? Ask our team.",
  ],
);

table(
  "defensive",
  findDefensive,
  [
    ["That's not our fault.", "That's not our fault"],
    ["It is not our responsibility.", "It is not our responsibility"],
    ["We've already explained this.", "We've already explained"],
    ["As we have already said, bins are Tuesday.", "As we have already said"],
    ["If you'd read the post you would know.", "If you'd read"],
    ["You should have checked the calendar.", "You should have checked"],
    ["We did nothing wrong.", "We did nothing wrong"],
    ["We stand by our decision.", "We stand by"],
    ["We're not to blame for the weather.", "We're not to blame"],
    ["That is simply not true.", "That is simply not true"],
    ["For the third time, it's Tuesday.", "For the third time"],
    ["With respect, you are mistaken.", "With respect,"],
    ["You clearly didn't read it.", "You clearly didn't"],
    ["It's not us, it's the contractor.", "It's not us"],
    ["As I previously stated, no.", "As I previously stated"],
  ],
  [
    "It was our fault and we're sorry.",
    "That's our responsibility and we'll fix it.",
    "As we said we would, the bin was collected.",
    "If you read the post, you'll see the new times.",
    "We respect your view.",
    "We stand with our crews in this cold weather.",
    "It's not too late to book.",
    "Please check the calendar on our website.",
    "We have explained the changes on our website.",
    "You should have received a letter; if not, let us know.",
    "Our crews did nothing but work all night.",
    "That's true, the route changed.",
    "Third time lucky for the fair!",
    "We blame nobody; we are looking into it.",
    "It's not usual for collections to be missed.",
  ],
);

table(
  "party-political",
  findPartyPolitical,
  [
    ["Vote Labour next time.", "Vote Labour"],
    ["Don't vote for them.", "Don't vote"],
    ["Blame the Tories for the cuts.", "Blame the Tories"],
    ["This is all because of the government.", "because of the government"],
    ["Thanks to the Conservatives, we have no money.", "Thanks to the Conservatives"],
    ["Labour's mess again.", "Labour's mess"],
    ["Tory cuts did this.", "Tory cuts"],
    ["The useless government won't fund it.", "useless government"],
    ["The Lib Dems have failed this town.", "Lib Dems have failed"],
    ["Corrupt politicians everywhere.", "Corrupt politicians"],
    ["Voting Reform is the answer.", "Voting Reform"],
    ["Blame Westminster, not us.", "Blame Westminster"],
    ["Incompetent councillors made this decision.", "Incompetent councillors"],
    ["The SNP have ruined it.", "SNP have ruined"],
    ["Vote Green to save the planet.", "Vote Green"],
  ],
  [
    "Labour costs have risen for contractors.",
    "Happy Labour Day to our crews.",
    "Government guidance says to grit main roads.",
    "Thanks to government funding, the bridge is fixed.",
    "The Conservative group leader opened the library.",
    "Put it in the green bin.",
    "Reform of the waste service starts in April.",
    "The council meets on Tuesday.",
    "Register to vote by 18 April.",
    "Polling stations open at 7am.",
    "The Green Party's motion was debated.",
    "Councillors will vote on the budget tonight.",
    "Our policy on election periods is on our website.",
    "Tory Lane is closed for resurfacing.",
    "The government has published new figures.",
  ],
);

table(
  "over-promise",
  findOverPromise,
  [
    ["We guarantee it will be collected.", "guarantee"],
    ["I promise we'll sort it.", "promise"],
    ["This will never happen again.", "never happen again"],
    ["Never again, we promise.", "Never again"],
    ["We'll fix it today.", "We'll fix it today"],
    ["We will collect your bin tomorrow.", "We will collect your bin tomorrow"],
    ["We'll grit Station Road tonight.", "We'll grit Station Road tonight"],
    ["We will sort this immediately.", "We will sort this immediately"],
    ["We'll repair the pothole by Friday.", "We'll repair the pothole by Friday"],
    ["We will grit every road.", "We will grit every road"],
    ["We'll clear all the pavements.", "We'll clear all the pavements"],
    ["You'll get a full refund.", "You'll get a full refund"],
    ["We will compensate you for the damage.", "We will compensate"],
    ["It won't happen again.", "won't happen again"],
    ["We'll make sure we empty it this afternoon.", "We'll make sure we empty it this afternoon"],
  ],
  [
    "We can't promise a date yet.",
    "We cannot guarantee a time.",
    "We'll look into it.",
    "We will let you know.",
    "Collections will resume on Tuesday.",
    "We'll pass this to the team.",
    "We aim to collect missed bins within 3 working days.",
    "We will be gritting priority routes tonight.",
    "There is no guarantee of snow.",
    "We'll update this post when we know more.",
    "The crews will be out from 6pm.",
    "We're not able to promise that.",
    "Every effort is being made.",
    "All roads on the priority network are treated.",
    "We will check and get back to you.",
  ],
);
