#!/usr/bin/env python3
"""Generate a realistic CRM opportunity export, deterministically (seeded).

  gen.py salesforce ROWS SEED   a Salesforce report export: UTF-8 BOM, CRLF,
                                every value quoted, "$1,234.56" amounts,
                                M/D/YYYY dates, commas and newlines inside
                                quotes, blank Amount on some early deals,
                                and the report footer
  gen.py hubspot ROWS SEED      a HubSpot deals export: its own headers, ISO
                                dates, plain amounts, fractional probability,
                                "Not forecasted"
  gen.py meddpicc ROWS SEED     a Salesforce report on seed 003's stages with
                                MEDDPICC fields, pain score and loss reason,
                                filled in as a sales team does: mostly, with
                                gaps, "TBD" and "No"
  gen.py leads ROWS SEED        a HubSpot contacts export of marketing-qualified
                                leads: lifecycle dates with times, the BANT,
                                use case, timeline, intent and ICP score
                                properties the default rules read, some left
                                blank
  gen.py roster REPS SEED       a commission roster: REPS reps on plan AE
                                (examples/plans/quarterly.ini)
  gen.py bookings ROWS REPS SEED
                                closed-won bookings of FY2026 for those reps,
                                a few of them clawbacks
  gen.py history EXPORT SEED    a Salesforce Opportunity History export for the
                                deals of a `salesforce` EXPORT: how each reached
                                its stage, some skipping one, some moving back

Writes to standard output.  Used for examples/ and for make bench.
"""
import datetime
import random
import sys

OWNERS = ["Ana Ruiz", "Ben Cho", "Chloe Martin", "Dev Patel", "Emma Stone",
          "Farid Haddad", "Grace Kim", "Hugo Lefevre"]
ACCOUNTS = ["Acme, Inc.", "Globex Corporation", "Initech", "Umbrella Corp",
            "Stark Industries", "Wayne Enterprises", "Hooli", "Pied Piper",
            "Soylent Green Co.", "Tyrell Corp", "Cyberdyne Systems",
            "Wonka Industries", "Vandelay Industries", "Massive Dynamic",
            "Nakatomi Trading", "Oceanic Airlines", "Aperture Science",
            "Gringotts", "Monsters, Inc.", "Blue Sun Corp"]
PRODUCTS = ["Platform", "Analytics add-on", "Enterprise licence",
            "Renewal", "Expansion seats", "Pilot"]
# Salesforce's default stages: name, probability, forecast category
SF_STAGES = [
    ("Prospecting", 10, "Pipeline"), ("Qualification", 10, "Pipeline"),
    ("Needs Analysis", 20, "Pipeline"), ("Value Proposition", 50, "Pipeline"),
    ("Id. Decision Makers", 60, "Pipeline"),
    ("Perception Analysis", 70, "Best Case"),
    ("Proposal/Price Quote", 75, "Best Case"),
    ("Negotiation/Review", 90, "Commit"), ("Closed Won", 100, "Closed"),
    ("Closed Lost", 0, "Omitted"),
]
SF_WEIGHTS = [8, 8, 8, 10, 8, 7, 8, 9, 12, 12]
HS_STAGES = [
    ("Appointment Scheduled", 0.2, "Pipeline"),
    ("Qualified To Buy", 0.4, "Pipeline"),
    ("Presentation Scheduled", 0.6, "Best case"),
    ("Decision Maker Bought-In", 0.8, "Best case"),
    ("Contract Sent", 0.9, "Commit"), ("Closed Won", 1.0, "Closed won"),
    ("Closed Lost", 0.0, "Not forecasted"),
]
HS_WEIGHTS = [10, 10, 9, 8, 8, 12, 12]
TYPES = ["New Business", "New Business", "Upsell", "Renewal", "Expansion"]
NEXT = ["Send proposal", "Call with CFO, then legal review",
        "Security questionnaire\nthen pricing call", "Waiting on \"final\" PO",
        "", "Demo for the ops team, Tuesday"]


def before(month, day, a, b):
    """M/D/YYYY of (a months and b days) before 2026-month-day: a deal is
    created before it closes"""
    d = datetime.date(2026, month, day) - datetime.timedelta(days=30 * a + b)
    return "{}/{}/{}".format(d.month, d.day, d.year)


def money(cents):
    s = "{:,}".format(cents // 100)
    return "${}.{:02d}".format(s, cents % 100)


def q(v):
    return '"' + v.replace('"', '""') + '"'


def salesforce(rows, rng, out):
    cols = ["Opportunity Owner", "Account Name", "Opportunity Name", "Stage",
            "Fiscal Period", "Amount", "Probability (%)", "Age",
            "Close Date", "Created Date", "Next Step", "Lead Source", "Type",
            "Forecast Category", "Opportunity ID"]
    out.write("\ufeff" + ",".join(q(c) for c in cols) + "\r\n")
    for i in range(rows):
        st, prob, cat = rng.choices(SF_STAGES, SF_WEIGHTS)[0]
        acct = rng.choice(ACCOUNTS)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        cents = rng.randint(50, 2500) * 10000 + rng.choice([0, 0, 0, 50])
        amount = "" if prob <= 10 and rng.random() < 0.3 else money(cents)
        back = rng.randint(1, 6)  # months from creation to close
        out.write(",".join(q(v) for v in [
            rng.choice(OWNERS), acct,
            "{} - {}".format(acct, rng.choice(PRODUCTS)), st,
            "Q{}-2026".format((month - 1) // 3 + 1), amount, str(prob),
            str(rng.randint(3, 200)), "{}/{}/2026".format(month, day),
            before(month, day, back, rng.randint(1, 28)),
            rng.choice(NEXT), rng.choice(["Web", "Partner", "Outbound",
                                          "Event"]),
            rng.choice(TYPES), cat, "006Dn00000{:08X}".format(i)]) + "\r\n")
    out.write('\r\n"Grand Totals ({} records)"\r\n\r\n'.format(rows))
    out.write('"Confidential Information - Do Not Distribute"\r\n')
    out.write('"Copyright (c) 2000-2026 salesforce.com, inc. '
              'All rights reserved."\r\n')


def hubspot(rows, rng, out):
    cols = ["Record ID", "Deal Name", "Deal Stage", "Close Date",
            "Deal owner", "Amount", "Deal probability", "Forecast category",
            "Create Date", "Deal Type", "Pipeline"]
    out.write(",".join(cols) + "\n")
    for i in range(rows):
        st, prob, cat = rng.choices(HS_STAGES, HS_WEIGHTS)[0]
        acct = rng.choice(ACCOUNTS)
        month = rng.randint(1, 12)
        row = [str(18000000000 + i * 7919),
               "{} - {}".format(acct, rng.choice(PRODUCTS)), st,
               "2026-{:02d}-{:02d} {:02d}:{:02d}".format(
                   month, rng.randint(1, 28), rng.randint(8, 18),
                   rng.randint(0, 59)),
               rng.choice(OWNERS), str(rng.randint(5, 2000) * 100),
               str(prob), cat,
               "2026-{:02d}-{:02d}".format(max(1, month - 2),
                                           rng.randint(1, 28)),
               rng.choice(["newbusiness", "existingbusiness"]),
               "Sales Pipeline"]
        out.write(",".join(q(v) if ("," in v or '"' in v) else v
                           for v in row) + "\n")


SEED003_NB = [("Opportunity Created", 0, "Omitted"), ("Discover", 10, "Omitted"),
              ("Proof of Concept", 40, "Pipeline"), ("Propose", 50, "Pipeline"),
              ("Negotiate", 75, "Best Case"), ("Signature", 90, "Commit"),
              ("Closed Won", 100, "Closed"), ("Closed Lost", 0, "Omitted")]
SEED003_RN = [("Open", 0, "Omitted"), ("Qualification", 10, "Omitted"),
              ("Propose", 50, "Pipeline"), ("Negotiate", 75, "Best Case"),
              ("Signature", 90, "Commit"), ("Closed Won", 100, "Closed"),
              ("Closed Lost", 0, "Omitted")]
MEDDPICC_TEXT = {
    "Metrics": ["-50% review time", "2 FTE saved", "query p95 < 1s"],
    "Economic Buyer": ["CFO", "VP Engineering", "CTO"],
    "Decision Criteria": ["latency, cost", "SOC 2, SSO", "TCO vs incumbent"],
    "Decision Process": ["PoC, then CAB", "security review, then CFO"],
    "Paper Process": ["MSA via legal, 3 weeks", "procurement portal"],
    "Identify Pain": ["slow dashboards", "runaway warehouse bill"],
    "Champion": ["Dana Lee (data lead)", "Sam Ortiz"],
    "Competition": ["Snowflake", "ClickHouse", "incumbent"],
}
LOSS = ["Price", "Went with competitor", "No decision", "Timing"]


def meddpicc(rows, rng, out):
    cols = ["Opportunity ID", "Opportunity Name", "Account Name",
            "Opportunity Owner", "Type", "Stage", "Amount",
            "Probability (%)", "Forecast Category", "Close Date",
            "Created Date"] + list(MEDDPICC_TEXT) + ["Pain Score",
                                                   "Loss Reason"]
    out.write("\ufeff" + ",".join(q(c) for c in cols) + "\r\n")
    for i in range(rows):
        typ = rng.choice(TYPES)
        stages = SEED003_RN if typ in ("Renewal", "Expansion") else SEED003_NB
        k = rng.randrange(len(stages))
        st, prob, cat = stages[k]
        if rng.random() < 0.1:
            prob = min(100, prob + 15)
        acct = rng.choice(ACCOUNTS)
        month = rng.randint(1, 12)
        cents = rng.randint(10, 400) * 100000
        row = ["006Dn0000M{:07X}".format(i),
               "{} - {}".format(acct, rng.choice(PRODUCTS)), acct,
               rng.choice(OWNERS), typ, st,
               "" if k < 2 and rng.random() < 0.4 else money(cents),
               str(prob), cat]
        day = rng.randint(1, 28)
        row += ["{}/{}/2026".format(month, day),
                before(month, day, 3, rng.randint(1, 28))]
        for name, texts in MEDDPICC_TEXT.items():
            # the further along, the more is filled in
            r = rng.random()
            if r < 0.08 + 0.1 * k:
                row.append(rng.choice(texts))
            elif r < 0.85:
                row.append(rng.choice(texts) if k > 1 else "")
            else:
                row.append(rng.choice(["", "TBD", "No"]))
        row.append(str(rng.randint(3, 10)) if k >= 1 else "")
        row.append(rng.choice(LOSS + [""]) if st == "Closed Lost" else "")
        out.write(",".join(q(v) for v in row) + "\r\n")


def history(path, rng, out):
    import csv
    order = [st for st, _, _ in SF_STAGES]
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = [r for r in csv.DictReader(f) if r.get("Stage") in order]
    out.write("\ufeff" + ",".join(q(c) for c in [
        "Opportunity ID", "Opportunity Name", "From Stage", "To Stage",
        "Last Modified"]) + "\r\n")
    for r in rows:
        m, d, y = (int(x) for x in r["Created Date"].split("/"))
        when = datetime.date(y, m, d)
        k = order.index(r["Stage"])
        path_ = order[:k + 1] if k < 8 else order[:rng.randint(1, 8)] + [r["Stage"]]
        if len(path_) > 3 and rng.random() < 0.15:
            del path_[rng.randrange(1, len(path_) - 1)]      # a skip
        if len(path_) > 3 and rng.random() < 0.08:
            path_.insert(-1, path_[-3])                       # a move back
        prev = ""
        for st in path_:
            out.write(",".join(q(v) for v in [
                r["Opportunity ID"], r["Opportunity Name"], prev, st,
                "{}/{}/{} {}:{:02d} {}".format(when.month, when.day,
                                               when.year, rng.randint(1, 12),
                                               rng.randint(0, 59),
                                               rng.choice(["AM", "PM"]))])
                      + "\r\n")
            prev = st
            when += datetime.timedelta(days=rng.randint(2, 25))

FIRST = ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Riley", "Casey",
         "Jamie", "Avery", "Quinn", "Priya", "Kenji", "Lena", "Omar"]
LAST = ["Nguyen", "Garcia", "Smith", "Kowalski", "Okafor", "Rossi",
        "Schmidt", "Tanaka", "Dubois", "Silva"]
TITLES = ["VP Engineering", "CTO", "Engineering Director", "Software Engineer",
          "Head of Platform", "Director of Engineering", "Marketing Manager",
          "Student", "Chief Technology Officer", "DevOps Lead"]
INDUSTRIES = ["Technology", "Financial Services", "Computer Software",
              "Retail", "Education", "Healthcare"]
ROLES = ["Decision Maker", "Budget Holder", "Champion", "Influencer",
         "End User", "Executive Sponsor", "Other", ""]
SOURCES = ["Organic Search", "Paid Search", "Direct Traffic", "Referrals",
           "Social Media", "Offline Sources"]
USE_CASES = ["Code review automation", "PR generation", "CI triage",
             "Code review automation", "PR generation", ""]


def leads(rows, rng, out):
    cols = ["Record ID", "First Name", "Last Name", "Email", "Job Title",
            "Company Name", "Industry", "Number of Employees",
            "Annual Revenue", "Original Source", "Buying Role", "Budget",
            "Use Case", "Purchase Timeline", "Active Evaluation",
            "ICP Score", "Tech Stack", "Create Date",
            "Became a Marketing Qualified Lead Date", "First Response Date"]
    out.write(",".join(cols) + "\n")
    base = datetime.datetime(2026, 1, 5, 8, 0)
    for i in range(rows):
        fn, ln = rng.choice(FIRST), rng.choice(LAST)
        acct = rng.choice(ACCOUNTS)
        mql = base + datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 54))
        created = mql - datetime.timedelta(days=rng.randint(0, 40),
                                           minutes=rng.randint(0, 600))
        r = rng.random()
        if r < 0.08:
            resp = ""
        else:
            wait = rng.choice([1, 2, 3, 4, 4, 5, 6, 9, 15, 45, 180, 1500])
            resp = (mql + datetime.timedelta(minutes=wait,
                    seconds=rng.randint(0, 59))).strftime("%Y-%m-%d %H:%M")
        timeline = ""
        if rng.random() < 0.8:
            timeline = (mql.date() + datetime.timedelta(
                days=rng.randint(-20, 200))).isoformat()
        icp = "" if rng.random() < 0.05 else str(rng.choice(
            [2, 3, 4, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10]))
        row = [str(51000000000 + i * 7919), fn, ln,
               "{}.{}@{}.example".format(fn.lower(), ln.lower(),
                                         acct.split()[0].strip(",.").lower()),
               rng.choice(TITLES), acct, rng.choice(INDUSTRIES),
               str(rng.choice([40, 250, 1200, 3500, 12000, 60000])),
               str(rng.choice([2, 15, 80, 400, 2500]) * 1000000),
               rng.choice(SOURCES), rng.choice(ROLES),
               rng.choice(["Yes", "Yes", "No", "", "Approved", "Yes", "TBD"]),
               rng.choice(USE_CASES), timeline,
               rng.choice(["true", "true", "true", "false", ""]), icp,
               rng.choice(["GitHub Enterprise", "GitHub Enterprise; Jenkins",
                           "GitLab", "Bitbucket, Jenkins", ""]),
               created.strftime("%Y-%m-%d %H:%M"),
               mql.strftime("%Y-%m-%d %H:%M"), resp]
        out.write(",".join(q(v) if ("," in v or '"' in v) else v
                           for v in row) + "\n")


def roster(reps, rng, out):
    out.write("Rep,Plan,Quota,Variable,Team\n")
    for i in range(reps):
        out.write("Rep {:04d},AE,{},{},T{}\n".format(
            i, rng.choice([1200000, 1500000, 1800000]), 120000, i % 20))


def bookings(rows, reps, rng, out):
    out.write("Opportunity ID,Opportunity Owner,Amount,Close Date\n")
    for i in range(rows):
        amt = rng.randint(50, 500) * 100
        if rng.random() < 0.02:
            amt = -amt
        out.write("006B{:08d},Rep {:04d},{}.00,2026-{:02d}-{:02d}\n".format(
            i, rng.randrange(reps), amt, rng.randint(1, 12),
            rng.randint(1, 28)))


def main():
    if sys.argv[1] == "history":
        out = open(sys.stdout.fileno(), "w", encoding="utf-8", newline="",
                   closefd=False)
        history(sys.argv[2], random.Random(int(sys.argv[3])), out)
        out.flush()
        return
    if sys.argv[1] == "bookings":
        out = open(sys.stdout.fileno(), "w", encoding="utf-8", newline="",
                   buffering=1 << 20, closefd=False)
        bookings(int(sys.argv[2]), int(sys.argv[3]),
                 random.Random(int(sys.argv[4])), out)
        out.flush()
        return
    kind, rows, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    out = open(sys.stdout.fileno(), "w", encoding="utf-8", newline="",
               buffering=1 << 20, closefd=False)
    {"salesforce": salesforce, "hubspot": hubspot,
     "meddpicc": meddpicc, "leads": leads, "roster": roster}[kind](rows, rng, out)
    out.flush()


if __name__ == "__main__":
    main()
