import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  analyseText,
  type Finding,
  findCaseReferences,
  findDatesOfBirth,
  findEmailAddresses,
  findNationalInsuranceNumbers,
  findPersonaDetails,
  findPhoneNumbers,
  findPostcodes,
  findStreetAddresses,
} from "../../../simulator";

/** Each check: texts it must flag (with the characters it must point at) and near-misses. */
function table(
  name: string,
  check: (text: string) => Finding[],
  matches: Array<[text: string, flagged: string]>,
  misses: string[],
) {
  describe(name, () => {
    assert.ok(matches.length >= 15 && misses.length >= 15, "at least 15 of each");
    for (const [text, flagged] of matches) {
      test(`flags "${flagged}" in: ${text}`, () => {
        const findings = check(text);
        assert.ok(findings.length > 0, "expected a finding");
        const spans = findings.map((f) => text.slice(f.start, f.end));
        assert.ok(spans.includes(flagged), `spans were ${JSON.stringify(spans)}`);
        for (const finding of findings) assert.equal(finding.kind, "personal-data");
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
  "UK phone numbers",
  findPhoneNumbers,
  [
    ["Call Carol on 07700 900123 about it", "07700 900123"],
    ["her mobile is 07700900123", "07700900123"],
    ["ring 07700 900 123 after six", "07700 900 123"],
    ["+44 7700 900123 is his number", "+44 7700 900123"],
    ["try +447700900123", "+447700900123"],
    ["+44 (0)7700 900123", "+44 (0)7700 900123"],
    ["landline 01632 960123", "01632 960123"],
    ["(01632) 960123 is the house", "(01632) 960123"],
    ["London number 020 7946 0123", "020 7946 0123"],
    ["020-7946-0123 works", "020-7946-0123"],
    ["Manchester 0161 496 0123", "0161 496 0123"],
    ["his number: 0113 496 0000.", "0113 496 0000"],
    ["text 07123-456789 please", "07123-456789"],
    ["phone 01632960123 today", "01632960123"],
    ["reach me on 07911 123456!", "07911 123456"],
  ],
  [
    "Collections restart on 12/03/2025",
    "born 01/02/1984",
    "We collected 10,000 tonnes in 2023",
    "Call our contact centre on 0300 123 4567",
    "Freephone 0800 123 4567",
    "The A465 is closed between junctions 2 and 3",
    "Case 12345678 has been closed",
    "Costs rose by 0.5% to £1,200,000",
    "Meeting on 2024-03-12 at 10am",
    "Call 999 in an emergency, or 101 for the police",
    "Our opening hours are 0900 to 1700",
    "Bus 07 leaves at 7",
    "The year 2025 had 365 days",
    "Use code 123 456 at checkout",
    "Ticket numbers 1234 5678 9012",
  ],
);

table(
  "e-mail addresses",
  findEmailAddresses,
  [
    ["write to carol.price@example.com", "carol.price@example.com"],
    ["tom77@gmail.co.uk sent it", "tom77@gmail.co.uk"],
    ["Email: j.smith+bins@outlook.com", "j.smith+bins@outlook.com"],
    ["contact sue_b@hotmail.com today", "sue_b@hotmail.com"],
    ["dev.sharma@company.org", "dev.sharma@company.org"],
    ["(jo.watkins@btinternet.com)", "jo.watkins@btinternet.com"],
    ["a@b.io is short", "a@b.io"],
    ["send it to GAZ@YAHOO.COM", "GAZ@YAHOO.COM"],
    ["her email is priya-k@mail.example.net.", "priya-k@mail.example.net"],
    ["first.last@sub.domain.co.uk", "first.last@sub.domain.co.uk"],
    ["it's mike_99@aol.com I think", "mike_99@aol.com"],
    ["cc: office@smithandsons.co.uk", "office@smithandsons.co.uk"],
    ["reply to anne%test@example.com", "anne%test@example.com"],
    ["x.y.z@example.travel", "x.y.z@example.travel"],
    ["Contact him: sam@okafor.news", "sam@okafor.news"],
  ],
  [
    "Tag us @AnyshireDC",
    "Thanks @carolp_any for letting us know",
    "Email bins@anyshire.gov.uk with the details",
    "Write to us at contact@anyshire.gov.uk",
    "name at example dot com",
    "user@localhost",
    "meet @ 5pm",
    "the @ sign",
    "email us via the form",
    "@gaz_says_no please stop",
    "price is 2@£5",
    "visit anyshire.gov.uk/bins",
    "a@b",
    "we@ the depot",
    "Reply to this post",
  ],
);

table(
  "UK postcodes",
  findPostcodes,
  [
    ["I live at NP7 5GH", "NP7 5GH"],
    ["postcode np7 5gh please", "np7 5gh"],
    ["SW1A 1AA", "SW1A 1AA"],
    ["M1 1AE is in Manchester", "M1 1AE"],
    ["B33 8TH", "B33 8TH"],
    ["CR2 6XH.", "CR2 6XH"],
    ["DN55 1PT", "DN55 1PT"],
    ["it's EC1A 1BB", "EC1A 1BB"],
    ["W1A 0AX", "W1A 0AX"],
    ["post to CF10 3NQ", "CF10 3NQ"],
    ["LS1 4AP today", "LS1 4AP"],
    ["NP75GH (no space)", "NP75GH"],
    ["near BS1 5TR", "BS1 5TR"],
    ["G2 3WT", "G2 3WT"],
    ["address ends NP20 4UR", "NP20 4UR"],
  ],
  [
    "The A465 is gritted",
    "We start at 9am",
    "Junction 24 of the M4",
    "Covid19 rules",
    "B2B services",
    "2nd collection",
    "Route A40 at 7pm",
    "Back in 10 minutes",
    "Flat 4b",
    "Y2K was a while ago",
    "ABC 123",
    "the 4x4 was stuck",
    "Our 24/7 line",
    "MP3 player found",
    "NHS 111",
  ],
);

table(
  "street addresses",
  findStreetAddresses,
  [
    ["Carol lives at 14 Maple Close", "14 Maple Close"],
    ["10 Downing Street", "10 Downing Street"],
    ["at 3 Green Lane, Abergavenny", "3 Green Lane"],
    ["22B Baker Street", "22B Baker Street"],
    ["bins at 7 Station Road were missed", "7 Station Road"],
    ["Flat 2, 45 Castle Hill", "Flat 2, 45 Castle Hill"],
    ["1 Church View", "1 Church View"],
    ["112 High St", "112 High St"],
    ["5 Old Mill Court", "5 Old Mill Court"],
    ["it's 9 Victoria Avenue", "9 Victoria Avenue"],
    ["68 Park Crescent", "68 Park Crescent"],
    ["from 4 Orchard Way", "4 Orchard Way"],
    ["2 St John's Terrace", "2 St John's Terrace"],
    ["Unit 3 19 Tudor Drive", "Unit 3 19 Tudor Drive"],
    ["31 Chapel Row", "31 Chapel Row"],
  ],
  [
    "Station Road is closed",
    "Gritting on Maple Close tonight",
    "in 5 minutes",
    "we collected 400 bins",
    "3 green bins",
    "High Street shops are open",
    "Route 14 is diverted",
    "the road was icy",
    "Castle Hill car park",
    "It takes 2 days",
    "see page 12 of the plan",
    "the 3 lanes are open",
    "about 20 streets were gritted",
    "Meet at Victoria Park",
    "Downing Street said",
  ],
);

table(
  "National Insurance numbers",
  findNationalInsuranceNumbers,
  [
    ["NI number AB 12 34 56 C", "AB 12 34 56 C"],
    ["AB123456C", "AB123456C"],
    ["ni: ce123456d", "ce123456d"],
    ["JG 10 32 98 A is his", "JG 10 32 98 A"],
    ["HH 11 22 33 B.", "HH 11 22 33 B"],
    ["(PE 55 66 77 D)", "PE 55 66 77 D"],
    ["TW 98 76 54 A", "TW 98 76 54 A"],
    ["National Insurance: ZA112233B", "ZA112233B"],
    ["my NI is KL 45 67 89 C", "KL 45 67 89 C"],
    ["ss 12 34 56 a", "ss 12 34 56 a"],
    ["EH 123456 C", "EH 123456 C"],
    ["RW 00 11 22 D", "RW 00 11 22 D"],
    ["YZ 99 88 77 A", "YZ 99 88 77 A"],
    ["send MA 65 43 21 B", "MA 65 43 21 B"],
    ["WL123456A", "WL123456A"],
  ],
  [
    "AB 12 34 56",
    "QQ 12 34 56 C",
    "GB 12 34 56 A",
    "AB 12 34 56 E",
    "Ref AB123",
    "A1 2BC",
    "BG123456A",
    "Call 01632 960123",
    "AB-12-34-56-C",
    "12 34 56",
    "CASE 123456",
    "NK 11 22 33 A",
    "the A465",
    "DO 12 34 56 A",
    "version AB12",
  ],
);

table(
  "dates of birth",
  findDatesOfBirth,
  [
    ["DOB 12/03/1985", "DOB 12/03/1985"],
    ["d.o.b. 12.03.85", "d.o.b. 12.03.85"],
    ["date of birth: 3rd of May 1990", "date of birth: 3rd of May 1990"],
    ["born on 1 April 2001", "born on 1 April 2001"],
    ["she was born 14/02/1979", "born 14/02/1979"],
    ["Date of birth 05-06-1960", "Date of birth 05-06-1960"],
    ["DoB: 22 Nov 1955", "DoB: 22 Nov 1955"],
    ["birthday is 9 September 1999", "birthday is 9 September 1999"],
    ["born March 3, 1970", "born March 3, 1970"],
    ["DOB - 01/01/2000", "DOB - 01/01/2000"],
    ["his date of birth is 17/7/88", "date of birth is 17/7/88"],
    ["born on 30th June 1948", "born on 30th June 1948"],
    ["dob 2.2.1992", "dob 2.2.1992"],
    ["Birthday: 12 December 2010", "Birthday: 12 December 2010"],
    ["born on the 4th of July 1976? no: born 4 July 1976", "born 4 July 1976"],
  ],
  [
    "Collections resume on 12/03/2025",
    "The scheme started on 1 April 1998",
    "Born and bred in Anyshire",
    "A birthday party in the park on Saturday",
    "The date of the meeting is 12 March",
    "Call 07700 900123",
    "DOB not needed",
    "born in the 1980s",
    "Our birthday: the council is 50 this year",
    "Date: 12/03/2025",
    "born to run",
    "new-born baby clinic on 3 May",
    "dated 05-06-2020",
    "birth certificates are issued by the registrar",
    "date of issue 01/01/2020",
  ],
);

table(
  "case and account references",
  findCaseReferences,
  [
    ["case ref 12345678", "12345678"],
    ["your reference is CT-2024-00123", "CT-2024-00123"],
    ["account number 40012345", "40012345"],
    ["ref: ABC123456", "ABC123456"],
    ["Case #98765", "98765"],
    ["council tax account 123456789", "123456789"],
    ["claim no. HB/2023/4567", "HB/2023/4567"],
    ["application 2023/01234/FUL", "2023/01234/FUL"],
    ["ticket 55501", "55501"],
    ["CRN 1234567890", "1234567890"],
    ["reference: PL-99881", "PL-99881"],
    ["Case number 20240012", "20240012"],
    ["your ref is WB12345", "WB12345"],
    ["account id 7788990011", "7788990011"],
    ["Ref 00012345 has been closed", "00012345"],
  ],
  [
    "in case you missed it",
    "For reference, the tip opens at 8am",
    "your account of events",
    "case 1 of 3",
    "the reference library",
    "in any case",
    "take account of the weather",
    "ticket office",
    "claim your free bin",
    "application forms are online",
    "Ref the match",
    "case study",
    "account for 12 weeks",
    "a reference to page 12",
    "council tax bands",
  ],
);

describe("persona details", () => {
  const context = { personalDetails: [{ personaId: "resident-carol", text: "14 Maple Close" }] };
  test("flags a persona's private detail repeated in a reply, whatever its case", () => {
    const text = "Sorry Carol, the crew will come to 14 maple close tomorrow.";
    const [finding] = findPersonaDetails(text, context);
    assert.equal(finding?.detail, "persona-detail");
    assert.equal(text.slice(finding?.start, finding?.end), "14 maple close");
  });
  test("leaves other text alone", () => {
    assert.deepEqual(findPersonaDetails("Sorry Carol, we will look into it.", context), []);
  });
  test("analyseText reports one finding where checks overlap, not two", () => {
    const findings = analyseText("Collected from 14 Maple Close", context);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.detail, "persona-detail");
  });
});

describe("the account's own published contacts (account.contacts)", () => {
  const context = { accountContacts: ["01632 960500", "Press@DemoCounty.example"] };
  const personalData = (text: string) =>
    analyseText(text, context).filter((finding) => finding.kind === "personal-data");
  const spanOf = (text: string, part: string) => {
    const start = text.indexOf(part);
    return { start, end: start + part.length };
  };

  for (const text of [
    "Ring our press office on 01632 960500.",
    "Ring our press office on 01632960500.",
    "Ring our press office on 01632-960-500.",
    "Ring our press office on (01632) 960500.",
    "Ring our press office on +44 1632 960500.",
    "Ring our press office on +441632960500.",
    "Ring our press office on +44 (0)1632 960500.",
  ]) {
    test(`a declared number is not personal data, however it is written: ${text}`, () => {
      assert.deepEqual(personalData(text), []);
      assert.deepEqual(findPhoneNumbers(text, context), []);
    });
  }

  test("a number declared in international form matches the same number written at home", () => {
    const text = "Ring our press office on 01632 960500.";
    assert.deepEqual(findPhoneNumbers(text, { accountContacts: ["+44 1632 960500"] }), []);
  });

  test("without the declaration the same number is personal data", () => {
    const [finding] = findPhoneNumbers("Ring our press office on 01632 960500.");
    assert.equal(finding?.detail, "phone-number");
  });

  test("a number one digit away from the account's is still personal data", () => {
    const text = "Ring our press office on 01632 960501.";
    assert.deepEqual(
      personalData(text).map((f) => [f.detail, f.start, f.end]),
      [["phone-number", spanOf(text, "01632 960501").start, spanOf(text, "01632 960501").end]],
    );
  });

  test("a resident's number next to the account's is flagged, with its own span", () => {
    const text = "Carol, ring us on 01632 960500 and we'll call you back on 07700 900123.";
    const findings = personalData(text);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.detail, "phone-number");
    assert.deepEqual(
      { start: findings[0]?.start, end: findings[0]?.end },
      spanOf(text, "07700 900123"),
    );
  });

  test("a declared e-mail address is not personal data, whatever its case", () => {
    for (const text of [
      "Email press@democounty.example for a comment.",
      "Email PRESS@DEMOCOUNTY.EXAMPLE for a comment.",
      "Email Press@DemoCounty.example for a comment.",
    ]) {
      assert.deepEqual(personalData(text), [], text);
      assert.deepEqual(findEmailAddresses(text, context), [], text);
    }
  });

  test("another address at the same domain is still personal data: no domain is assumed", () => {
    const text = "Email jane.smith@democounty.example for a comment.";
    const [finding] = personalData(text);
    assert.equal(finding?.detail, "email-address");
    assert.equal(finding?.text, "jane.smith@democounty.example");
  });

  test("a resident's e-mail address next to the account's is flagged, with its own span", () => {
    const text = "Write to press@democounty.example, not to carol.price@example.com.";
    const findings = personalData(text);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.detail, "email-address");
    assert.deepEqual(
      { start: findings[0]?.start, end: findings[0]?.end },
      spanOf(text, "carol.price@example.com"),
    );
  });

  test("giving a declared contact is signposting; giving another number is not", () => {
    const text = "Ring 01632 960500 or write to press@democounty.example; not 01632 960501.";
    const signposts = analyseText(text, context).filter((f) => f.kind === "signposting");
    assert.deepEqual(
      signposts.map((f) => f.text),
      ["01632 960500", "press@democounty.example"],
    );
    assert.deepEqual(
      analyseText(text).filter((f) => f.kind === "signposting"),
      [],
      "without the declaration neither is signposting",
    );
  });
});
