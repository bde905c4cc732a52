#!/usr/bin/env python3
"""commission_ref.py - an independent reference for commission(1).

Written from the documentation alone (commission(1), commission-plan(5),
salesutils(7), SPEC.md, seed 000), never from the C sources, for
tests/commission_diff.py.  It takes the subset of commission's arguments
that the differential test generates:

    commission_ref.py -p PLANS -r ROSTER [--quotas F] [--activities F]
                      [--period P] [--as-of D] [--detail] [BOOKINGS ...]

and prints, as CSV, what commission(1) says commission prints.  Money is
integer cents and every rate a fractions.Fraction: no float touches money.
Errors print "commission_ref: message" on stderr and exit 2 with nothing
on stdout.

Readings of the man pages where they are silent or ambiguous (marked
READING below where they are made):

 1. Without --quotas the annual Quota (and Variable) is split evenly over
    the payout periods and rounded half away from zero to the cent
    cumulatively: quota to date = round(Quota * k / n), so the year adds
    up to the roster's figure.
 2. Proration counts the start date itself: a rep starting 2026-02-15 has
    14/28 of February.  Ramped quotas (--quotas) are prorated too.
 3. A bonus's "annual quota" is the sum of the rep's period quotas for
    the year (ramped, prorated), which is the roster Quota when there are
    neither ramps nor a mid-year start.  "credit" in a condition is in
    dollars (units for a count plan), "quota" is that annual quota.
 4. A quota to date of 0 (periods before a mid-year start): attainment is
    empty, nothing is paid, no band line is written; except on a unit
    plan without threshold or cap, whose arithmetic (commission-plan(5))
    has no quota in it: its units are paid.
 5. Negative credit to date (clawbacks above bookings): no band is
    reached, the commission to date is 0.
 6. --detail lists, of "every band of the commission to date", the bands
    that pay: in marginal mode those with a slice > 0 and the flat bands
    reached; in retroactive mode the band holding the credit (also at 0
    credit); none below the threshold.
 7. Threshold: paid from exactly the threshold ("below this attainment
    nothing is paid").  Cap: credit is cut at round(cap * Q) (units: cap
    * Q rounded down to a whole unit, as commission-plan(5) says: "150%
    of 8.5 is 12.75: 12 units are paid") and that capped credit picks the
    band in retroactive mode; a flat band starting exactly at the cap is
    reached.
 8. Band ends are amounts rounded to the cent (commission-plan(5)); unit
    bands are year-to-date counts, not scaled by the quota.
 9. measure = role COLUMN: a deal counts once, at its whole amount, for
    each rep that any of its rows names in COLUMN (names compared like
    rep names); a negative row naming the rep reduces it.  The column is
    needed only when some rep is on that plan.
10. Bookings with a stage column: only rows whose stage is Closed Won
    (compared ignoring case, spaces and punctuation) are read at all; a
    blank amount on an open deal is not an error.
11. A deal id given twice where the split is missing on any of its rows
    (no split column, or an empty split cell) is an error.
12. (Now commission(1)'s text, no longer a reading.)  A count quota is
    split over the periods as money is (reading 1) to the hundredth of a
    unit, and prorated to the hundredth; it is shown with the decimals it
    has (salesutils(7)): 10 a year paid monthly is 0.83, 1.67, 2.5 ... to
    date, and attainment is the units over that quota.
13. An activity row whose rep is not in the roster is an error, as a
    booking's is.
14. Spiffs: every positive booking (share) of a rep on a listed plan is a
    deal; "most" counts a share as a deal of its rep; ties (same first
    date, same largest share, same count) split the prize.
15. Rates show four decimals rounded half away from zero; a unit rate
    shows as money; detail labels ("band 37.50%-100% flat", "bonus N",
    "spiff N 2026-Q1", "paid before", "carried forward") and the period
    labels (2026-Q1, 2026-01, FY2026) follow the program's own output,
    which the man pages do not spell out.

Changed since it was written, only to follow the man pages' text: 7 (a
unit cap was cap * Q exact, against commission-plan(5)'s "12 units are
paid"); 12 (a count quota was divided exactly; commission(1) now says it
is split to the hundredth); 4 (a unit plan without threshold or cap paid
nothing while its quota to date was 0; commission-plan(5)'s arithmetic
for base unit has no quota in it, and now says so).  1 and 9 are now
commission(1)'s and commission-plan(5)'s text; a roster Quota of 0 stays
an error on every plan, as commission(1) says.
"""

import calendar
import csv
import datetime
import re
import sys
from fractions import Fraction


class Err(Exception):
    pass


# ---------------------------------------------------------------- values

def rnd(x):
    """Round a Fraction half away from zero to an int."""
    x = Fraction(x)
    if x >= 0:
        return int((x * 2 + 1) // 2)
    return -int((-x * 2 + 1) // 2)


def fmt_money(c):
    c = int(c)
    s = '-' if c < 0 else ''
    c = abs(c)
    return '%s%d.%02d' % (s, c // 100, c % 100)


def fmt_ratio(x):
    """Four decimals, rounded half away from zero (READING)."""
    n = rnd(Fraction(x) * 10000)
    s = '-' if n < 0 else ''
    n = abs(n)
    return '%s%d.%04d' % (s, n // 10000, n % 10000)


def fmt_count(x):
    """A count with the decimals it has (salesutils(7)): 8, 8.5, 8.25; a
    count quota is split and prorated to the hundredth (commission(1))."""
    x = Fraction(x)
    if x.denominator == 1:
        return str(x.numerator)
    return fmt_money(rnd(x * 100)).rstrip('0')


CUR_SYM = {'$': 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY'}


def parse_money(s, what='amount'):
    """Money as salesutils(7) accepts it, to integer cents (and currency)."""
    t = s
    if t == '':
        raise Err('empty %s' % what)
    cur = None
    neg = False
    if t.startswith('(') and t.endswith(')'):
        neg = True
        t = t[1:-1]
    if t.startswith('-'):
        neg = True
        t = t[1:]
    m = re.fullmatch(r'([A-Z]{3}) (.*)', t)
    if m:
        cur, t = m.group(1), m.group(2)
    m = re.fullmatch(r'(.*) ([A-Z]{3})', t)
    if m:
        cur, t = m.group(2), m.group(1)
    if t[:1] in CUR_SYM:
        cur = CUR_SYM[t[0]]
        t = t[1:]
    if t.startswith('-') and not neg:
        neg = True
        t = t[1:]
    mult = 1
    if t[-1:] in ('k', 'K'):
        mult, t = 1000, t[:-1]
    elif t[-1:] == 'M':
        mult, t = 1000000, t[:-1]
    if not re.fullmatch(r'(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?', t):
        raise Err('bad %s %r' % (what, s))
    t = t.replace(',', '')
    v = Fraction(t) * mult * 100
    if v.denominator != 1:
        raise Err('bad %s %r (fraction of a cent)' % (what, s))
    v = int(v)
    return (-v if neg else v), cur


def parse_date(s):
    s = s.strip()
    m = re.match(r'(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$', s)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = re.fullmatch(r'(\d{1,2})/(\d{1,2})/(\d{4})', s)
        if not m:
            raise Err('bad date %r' % s)
        mo, d, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        return datetime.date(y, mo, d)
    except ValueError:
        raise Err('bad date %r' % s)


def norm_header(h):
    return re.sub(r'[^0-9a-z]', '', h.lower())


def norm_name(n):
    """Rep names match case-insensitively and trimmed."""
    return n.strip().lower()


ROLES = {
    'id': ['Opportunity ID', 'Record ID', 'Deal ID', 'Id'],
    'owner': ['Opportunity Owner', 'Deal owner', 'Owner', 'Rep',
              'Owner Name', 'Sales Rep'],
    'stage': ['Stage', 'Deal Stage', 'StageName'],
    'amount': ['Amount', 'ARR', 'ACV', 'Total Contract Value', 'Deal Amount'],
    'close_date': ['Close Date', 'CloseDate'],
    'currency': ['Opportunity Currency', 'Amount Currency', 'Currency'],
    'split': ['Split %', 'Split Percentage'],
    'rep': ['Rep', 'Name'],
    'date': ['Date', 'Activity Date', 'Meeting Date'],
}


def find_col(header, role, required=True):
    names = {norm_header(n) for n in ROLES[role]}
    hits = [i for i, h in enumerate(header) if norm_header(h) in names]
    if len(hits) > 1:
        raise Err('two columns for %s' % role)
    if not hits:
        if required:
            raise Err('no %s column' % role)
        return None
    return hits[0]


def find_exact(header, name, required=True):
    hits = [i for i, h in enumerate(header) if norm_header(h) == norm_header(name)]
    if not hits:
        if required:
            raise Err('no %s column' % name)
        return None
    return hits[0]


def read_csv(paths):
    """Records of one or more CSV files, read as one stream."""
    header = None
    rows = []
    for p in paths:
        with open(p, newline='', encoding='utf-8-sig') as f:
            recs = list(csv.reader(f, strict=True))
        if not recs:
            raise Err('%s: empty input' % p)
        h = recs[0]
        if header is None:
            header = h
        elif h != header:
            raise Err('%s: another header' % p)
        for i, r in enumerate(recs[1:], start=2):
            if len(r) != len(header):
                raise Err('%s:%d: expected %d fields' % (p, i, len(header)))
            rows.append((p, i, r))
    if not rows:
        raise Err('a header with no rows')
    return header, rows


# ---------------------------------------------------------------- periods

def add_months(y, m, k):
    m0 = y * 12 + (m - 1) + k
    return m0 // 12, m0 % 12 + 1


def month_end(y, m):
    return datetime.date(y, m, calendar.monthrange(y, m)[1])


def parse_period(p):
    """(start, end, fiscal year) of a --period (January fiscal start)."""
    m = re.fullmatch(r'(FY)?(\d{4})-Q([1-4])', p)
    if m:
        y, q = int(m.group(2)), int(m.group(3))
        s = datetime.date(y, 3 * q - 2, 1)
        return s, month_end(y, 3 * q), y
    m = re.fullmatch(r'(\d{4})-(\d{2})', p)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if not 1 <= mo <= 12:
            raise Err('bad period')
        return datetime.date(y, mo, 1), month_end(y, mo), y
    m = re.fullmatch(r'(FY)?(\d{4})', p)
    if m:
        y = int(m.group(2))
        return datetime.date(y, 1, 1), datetime.date(y, 12, 31), y
    m = re.fullmatch(r'(.+)\.\.(.+)', p)
    if m:
        a, b = parse_date(m.group(1)), parse_date(m.group(2))
        return a, b, a.year
    raise Err('bad period %r' % p)


def payout_periods(freq, y):
    """[(label, start, end)] of a plan year."""
    if freq == 'annual':
        return [('FY%d' % y, datetime.date(y, 1, 1), datetime.date(y, 12, 31))]
    if freq == 'quarterly':
        return [('%d-Q%d' % (y, q), datetime.date(y, 3 * q - 2, 1),
                 month_end(y, 3 * q)) for q in range(1, 5)]
    return [('%d-%02d' % (y, mo), datetime.date(y, mo, 1), month_end(y, mo))
            for mo in range(1, 13)]


# ---------------------------------------------------------------- conditions

def parse_cond(text):
    """A small condition language: comparisons joined by and/or (the
    subset of mqlqualify-rules(5) the generated plans use)."""
    toks = re.findall(r"\s*(>=|<=|!=|=|<|>|\(|\)|'[^']*'|[A-Za-z_][A-Za-z_ ]*[A-Za-z_]|[A-Za-z_]|-?\d+(?:\.\d+)?)", text)
    pos = [0]

    def peek():
        return toks[pos[0]] if pos[0] < len(toks) else None

    def take():
        t = peek()
        pos[0] += 1
        return t

    def atom():
        if peek() == '(':
            take()
            e = orx()
            take()
            return e
        name = take().strip()
        op = take()
        val = take()
        if val.startswith("'"):
            val = ('s', val[1:-1])
        else:
            val = ('n', Fraction(val))
        return ('cmp', name, op, val)

    def andx():
        e = atom()
        while peek() is not None and peek().strip().lower() == 'and':
            take()
            e = ('and', e, atom())
        return e

    def orx():
        e = andx()
        while peek() is not None and peek().strip().lower() == 'or':
            take()
            e = ('or', e, andx())
        return e
    return orx()


def eval_cond(e, get):
    if e[0] == 'and':
        return eval_cond(e[1], get) and eval_cond(e[2], get)
    if e[0] == 'or':
        return eval_cond(e[1], get) or eval_cond(e[2], get)
    _, name, op, (kind, val) = e
    v = get(name)
    if v is None:
        return False
    if kind == 's':
        a, b = str(v).strip().lower(), val.lower()
    else:
        if isinstance(v, str):
            try:
                v = Fraction(v.strip())
            except ValueError:
                return False
        a, b = Fraction(v), val
    return {'=': a == b, '!=': a != b, '<': a < b, '<=': a <= b,
            '>': a > b, '>=': a >= b}[op]


# ---------------------------------------------------------------- plans

def parse_pct_bound(s, unit):
    s = s.strip()
    if s == '':
        return None
    if unit:
        return Fraction(s)
    if not s.endswith('%'):
        raise Err('band bound %r is not a percentage' % s)
    return Fraction(s[:-1]) / 100


def fmt_bound(b, unit):
    if b is None:
        return ''
    if unit:
        return fmt_count(b)
    p = b * 100
    if p.denominator == 1:
        return '%d%%' % p.numerator
    return '%s%%' % fmt_money(rnd(p * 100))


def parse_rate(s, base):
    s = s.strip()
    if base == 'unit':
        return Fraction(parse_money(s, 'rate')[0])  # cents per unit
    if s.endswith('%'):
        return Fraction(s[:-1]) / 100
    if base == 'amount':
        return Fraction(s) / 100  # a bare number is a percentage
    return Fraction(s)            # a multiple of variable


def read_plans(path):
    plans, bonuses, spiffs = {}, [], []
    cur = None
    seen = set()
    with open(path, encoding='utf-8-sig') as f:
        for ln, line in enumerate(f, 1):
            s = line.strip()
            if not s or s[0] in ';#':
                continue
            if s.startswith('['):
                sec = s[1:s.index(']')].strip()
                if sec.lower() in seen:
                    raise Err('section given twice')
                seen.add(sec.lower())
                kind, _, name = sec.partition(' ')
                kind = kind.lower()
                name = name.strip()
                if kind == 'plan':
                    cur = {'kind': 'plan', 'name': name, 'measure': 'credit',
                           'base': 'amount', 'mode': None, 'bands_raw': [],
                           'threshold': None, 'cap': None,
                           'payout': 'quarterly', 'clawback': False,
                           'count': None, 'draw': 0, 'recoverable': None}
                    plans[name] = cur
                elif kind == 'bonus':
                    cur = {'kind': 'bonus', 'name': name}
                    bonuses.append(cur)
                elif kind == 'spiff':
                    cur = {'kind': 'spiff', 'name': name, 'period': 'quarterly'}
                    spiffs.append(cur)
                else:
                    raise Err('unknown section')
                continue
            k, _, v = s.partition('=')
            k = k.strip().lower()
            v = v.strip()
            if ' ;' in v:
                v = v[:v.index(' ;')].rstrip()
            if cur is None:
                raise Err('key outside a section')
            if cur['kind'] == 'plan':
                if k == 'band':
                    cur['bands_raw'].append(v)
                elif k in ('threshold', 'cap'):
                    cur[k] = Fraction(v.rstrip('%')) / 100
                elif k == 'clawback':
                    cur[k] = v.lower() == 'yes'
                elif k == 'draw':     # commission-plan(5): per payout period
                    cur[k] = parse_money(v, 'draw')[0]
                elif k == 'recoverable':
                    cur[k] = v.lower() == 'yes'
                elif k == 'count':
                    cur['count'] = parse_cond(v)
                elif k in ('measure', 'base', 'mode', 'payout'):
                    cur[k] = v if k == 'measure' else v.lower()
                elif k == 'description':
                    pass
                else:
                    raise Err('unknown key %s' % k)
            else:
                cur[k] = v
    for p in plans.values():
        if p['draw'] and p['recoverable'] is None:
            raise Err('plan %s: draw needs recoverable' % p['name'])
        unit = p['base'] == 'unit'
        if p['mode'] is None:
            if p['base'] == 'variable':
                raise Err('plan %s: mode' % p['name'])
            p['mode'] = 'marginal'
        bands = []
        for raw in p['bands_raw']:
            rng, _, rate = raw.partition(':')
            lo, _, hi = rng.partition('-')
            rate = rate.strip()
            flat = False
            if rate.lower().endswith(' flat'):
                flat = True
                rate = rate[:-5].strip()
            F = parse_pct_bound(lo, unit)
            T = parse_pct_bound(hi, unit)
            label = 'band %s-%s%s' % (fmt_bound(F, unit), fmt_bound(T, unit),
                                      ' flat' if flat else '')
            bands.append({'F': F, 'T': T, 'rate': parse_rate(rate, p['base']),
                          'flat': flat, 'label': label})
        p['bands'] = bands
    for b in bonuses:
        b['amount'] = parse_money(b['amount'])[0]
        b['cond'] = parse_cond(b['when'])
    for s in spiffs:
        s['amount'] = parse_money(s['amount'])[0]
        s['plans'] = [x.strip() for x in s['plans'].split(',')]
        s['award'] = s['award'].lower()
        s['period'] = s['period'].lower()
    return plans, bonuses, spiffs


# ---------------------------------------------------------------- commission

def commission_lines(plan, M, Q, V):
    """(commission to date, [(source, basis, rate, amount)]) of a plan.

    M credit (cents, or units), Q quota to date (cents or units), V
    variable to date (cents)."""
    unit = plan['base'] == 'unit'
    if Q == 0 and not (unit and plan['threshold'] is None and plan['cap'] is None):
        # READING: nothing is measured before a rep starts; but a unit
        # plan without threshold or cap pays units whatever the quota
        # (commission-plan(5)'s arithmetic has no quota in it)
        return 0, []
    if plan['threshold'] is not None and Fraction(M) / Q < plan['threshold']:
        return 0, []
    Mc = Fraction(M)
    if plan['cap'] is not None:
        capv = plan['cap'] * Q
        # commission-plan(5): a unit cap is rounded down to a whole unit
        capv = (capv.numerator // capv.denominator) if unit else rnd(capv)
        Mc = min(Mc, capv)

    def amt(b):   # unit bands are counts; others attainment, to the cent
        return b['F'] if unit else rnd(b['F'] * Q)

    def amt_t(b):
        if b['T'] is None:
            return None
        return b['T'] if unit else rnd(b['T'] * Q)

    def pay(rate, basis, flat):
        if unit:
            return rnd(rate * basis)
        if plan['base'] == 'variable':
            if flat:
                return rnd(rate * V)
            return rnd(Fraction(V) * rate * basis / Q)
        return rnd(rate * basis)

    lines = []
    if plan['mode'] == 'marginal':
        for b in plan['bands']:
            lo, hi = amt(b), amt_t(b)
            top = Mc if hi is None else min(Mc, hi)
            sl = max(Fraction(0), top - lo)
            if b['flat']:
                if Mc >= lo:
                    lines.append((b, sl, pay(b['rate'], sl, True)))
            elif sl > 0:
                lines.append((b, sl, pay(b['rate'], sl, False)))
    else:
        for b in plan['bands']:
            lo, hi = amt(b), amt_t(b)
            if lo <= Mc and (hi is None or Mc < hi):
                lines.append((b, Mc, pay(b['rate'], Mc, b['flat'])))
                break
    out = []
    for b, basis, a in lines:
        if unit:
            out.append((b['label'], fmt_count(basis), fmt_money(b['rate']), a))
        else:
            out.append((b['label'], fmt_money(basis), fmt_ratio(b['rate']), a))
    return sum(a for *_, a in out), out


# ---------------------------------------------------------------- main

def csv_line(fields):
    out = []
    for f in fields:
        if any(c in f for c in ',"\r\n'):
            f = '"' + f.replace('"', '""') + '"'
        out.append(f)
    return ','.join(out) + '\n'


def excel_safe(s):
    if s[:1] in ('=', '+', '-', '@', '\t', '\r'):
        try:
            parse_money(s)
            return s
        except Err:
            return "'" + s
    return s


def main(argv):
    opts = {'detail': False}
    files = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ('-p', '--plans', '-r', '--roster', '--quotas',
                 '--activities', '--period', '--as-of'):
            opts[a.lstrip('-')] = argv[i + 1]
            i += 2
        elif a == '--detail':
            opts['detail'] = True
            i += 1
        else:
            files.append(a)
            i += 1
    plans_f = opts.get('p') or opts.get('plans')
    roster_f = opts.get('r') or opts.get('roster')
    plans, bonuses, spiffs = read_plans(plans_f)

    if 'period' in opts:
        pstart, pend, year = parse_period(opts['period'])
    else:
        d = parse_date(opts['as-of'])
        year = d.year
        pstart, pend = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    ystart, yend = datetime.date(year, 1, 1), datetime.date(year, 12, 31)

    # roster
    h, rows = read_csv([roster_f])
    c_rep = find_col(h, 'rep')
    c_plan = find_exact(h, 'Plan')
    c_quota = find_exact(h, 'Quota')
    c_var = find_exact(h, 'Variable')
    c_start = find_exact(h, 'Start Date', False)
    c_team = find_exact(h, 'Team', False)
    c_base = find_exact(h, 'Base', False)   # commission(1): base_pay, total_pay
    c_mgr = find_exact(h, 'Manager', False)  # commission(1): the hierarchy
    c_draw = find_exact(h, 'Draw', False)    # commission(1): a rep's own draw
    reps = []
    by_name = {}
    for _, _, r in rows:
        name = r[c_rep].strip()
        pl = r[c_plan].strip()
        if pl not in plans:
            raise Err('unknown plan %s' % pl)
        plan = plans[pl]
        if plan['base'] == 'unit' or plan['measure'] == 'count':
            quota = Fraction(r[c_quota].strip())
        else:
            quota = parse_money(r[c_quota], 'quota')[0]
        if quota == 0:
            raise Err('a quota of zero')
        var = parse_money(r[c_var], 'variable')[0] if r[c_var].strip() else 0
        start = None
        if c_start is not None and r[c_start].strip():
            start = parse_date(r[c_start])
        team = r[c_team] if c_team is not None else ''
        base = parse_money(r[c_base], 'base')[0] if c_base is not None else 0
        mgr = r[c_mgr].strip() if c_mgr is not None else ''
        draw = plan['draw']
        if c_draw is not None and r[c_draw].strip():
            draw = parse_money(r[c_draw], 'draw')[0]
        if draw and plan['recoverable'] is None:
            raise Err('a Draw on a plan that does not say recoverable')
        rep = {'name': name, 'plan': plan, 'quota': quota, 'var': var, 'base': base,
               'mgr': mgr, 'draw': draw,
               'start': start, 'team': team, 'idx': len(reps)}
        if norm_name(name) in by_name:
            raise Err('rep twice in the roster')
        by_name[norm_name(name)] = rep
        reps.append(rep)

    # the hierarchy: a manager is a rep of the roster; following managers
    # never comes back to a rep
    for rep in reps:
        if rep['mgr'] and norm_name(rep['mgr']) not in by_name:
            raise Err('manager not in the roster')
        rep['up'] = by_name[norm_name(rep['mgr'])] if rep['mgr'] else None
    for rep in reps:
        seen, a = set(), rep
        while a is not None:
            if id(a) in seen:
                raise Err('managers in a cycle')
            seen.add(id(a))
            a = a['up']

    def below(rep):
        out = []
        for r in reps:
            a = r['up']
            while a is not None:
                if a is rep:
                    out.append(r)
                    break
                a = a['up']
        return out

    # ramped quotas
    ramps = {}
    if 'quotas' in opts:
        h, rows = read_csv([opts['quotas']])
        cr, cp, cq = find_col(h, 'rep'), find_exact(h, 'Period'), find_exact(h, 'Quota')
        for _, _, r in rows:
            rep = by_name.get(norm_name(r[cr]))
            if rep is None:
                raise Err('quotas: unknown rep')
            if rep['plan']['measure'] == 'count':
                q = Fraction(r[cq].strip())
            else:
                q = parse_money(r[cq], 'quota')[0]
            ramps.setdefault(rep['name'], {})[r[cp].strip()] = q

    # bookings: credit rows (rep, date, cents, row) after splits and stages
    h, rows = read_csv(files)
    c_owner = find_col(h, 'owner')
    c_amount = find_col(h, 'amount')
    c_close = find_col(h, 'close_date')
    c_id = find_col(h, 'id', False)
    c_stage = find_col(h, 'stage', False)
    c_split = find_col(h, 'split', False)
    role_cols = {}
    for p in {id(rp['plan']): rp['plan'] for rp in reps}.values():
        # READING: a role column is needed only when a rep is on its plan
        if p['measure'].lower().startswith('role '):
            col = p['measure'][5:].strip()
            role_cols[col] = find_exact(h, col)
    deals = {}
    order = []
    currency = None
    for path, ln, r in rows:
        if c_stage is not None and norm_header(r[c_stage]) != 'closedwon':
            continue  # READING: only Closed Won rows count; others unread
        rep = by_name.get(norm_name(r[c_owner]))
        if rep is None:
            raise Err('%s:%d: rep not in the roster' % (path, ln))
        cents, cur = parse_money(r[c_amount])
        if cur is not None:
            if currency is None:
                currency = cur
            elif cur != currency:
                raise Err('mixed currencies')
        d = parse_date(r[c_close])
        if not ystart <= d <= yend:
            raise Err('%s:%d: close date outside the plan year' % (path, ln))
        split = None
        if c_split is not None and r[c_split].strip():
            s = r[c_split].strip().rstrip('%')
            try:
                split = Fraction(s) / 100
            except ValueError:
                raise Err('bad split')
            if not 0 < split <= 1:
                raise Err('bad split')
        did = r[c_id].strip() if c_id is not None else None
        key = did if did else ('row', path, ln)
        if key not in deals:
            deals[key] = []
            order.append(key)
        deals[key].append({'rep': rep, 'date': d, 'amount': cents,
                           'split': split, 'row': r})
    credits = []  # (rep, date, cents, deal row)
    # role credit: a deal counts once, at its whole amount, for each rep
    # that any of its rows names in the column (READING)
    role_credit = {}   # column -> [(normalised name, date, cents)]
    for col, ci in role_cols.items():
        lst = role_credit.setdefault(col, [])
        for key in order:
            shares = deals[key]
            named = {norm_name(s['row'][ci]) for s in shares if s['row'][ci].strip()}
            for nm in named:
                lst.append((nm, shares[0]['date'], shares[0]['amount']))
    for key in order:
        shares = deals[key]
        if len(shares) == 1 and shares[0]['split'] is None:
            s = shares[0]
            credits.append((s['rep'], s['date'], s['amount'], s['row']))
            continue
        if any(s['split'] is None for s in shares):
            raise Err('deal %s given twice without a split' % (key,))
        if sum(s['split'] for s in shares) != 1:
            raise Err('deal %s: shares do not add up to 100%%' % (key,))
        total = shares[0]['amount']
        amts = [rnd(total * s['split']) for s in shares]
        amts[0] += total - sum(amts)
        for s, a in zip(shares, amts):
            credits.append((s['rep'], s['date'], a, s['row']))

    # activities
    acts = []
    if 'activities' in opts:
        h, rows = read_csv([opts['activities']])
        ca = find_col(h, 'rep') if find_col(h, 'rep', False) is not None else find_col(h, 'owner')
        cd = find_col(h, 'date')
        for path, ln, r in rows:
            rep = by_name.get(norm_name(r[ca]))
            if rep is None:
                # READING: as for a booking, a rep not in the roster is an error
                raise Err('%s:%d: rep not in the roster' % (path, ln))
            d = parse_date(r[cd])
            if not ystart <= d <= yend:
                raise Err('activity outside the plan year')
            acts.append((rep, d, dict(zip(h, r))))

    # spiff wins: rep name -> [(spiff index, period index, label, end, cents)]
    wins = {rep['name']: [] for rep in reps}
    for si, sp in enumerate(spiffs):
        for pi, (label, s0, s1) in enumerate(payout_periods(sp['period'], year)):
            cand = [(rep, d, a) for rep, d, a, _ in credits
                    if a > 0 and s0 <= d <= s1 and rep['plan']['name'] in sp['plans']]
            if not cand:
                continue
            if sp['award'] == 'first':
                best = min(d for _, d, _ in cand)
                win = {rep['idx'] for rep, d, _ in cand if d == best}
            elif sp['award'] == 'largest':
                best = max(a for _, _, a in cand)
                win = {rep['idx'] for rep, _, a in cand if a == best}
            else:
                n = {}
                for rep, _, _ in cand:
                    n[rep['idx']] = n.get(rep['idx'], 0) + 1
                best = max(n.values())
                win = {i for i, c in n.items() if c == best}
            win = sorted(win)
            each, left = divmod(sp['amount'], len(win))
            for j, ri in enumerate(win):
                a = each + (1 if j < left else 0)
                wins[reps[ri]['name']].append((si, pi, 'spiff %s %s' % (sp['name'], label), s1, a))

    def prorate(x, rep, s0, s1):
        st = rep['start']
        if st is None or st <= s0:
            return x
        if st > s1:
            return Fraction(0) if isinstance(x, Fraction) else 0
        f = Fraction((s1 - st).days + 1, (s1 - s0).days + 1)
        if isinstance(x, Fraction):
            return Fraction(rnd(x * 100 * f), 100)   # to the hundredth
        return rnd(x * f)

    # commission(1): the draw columns when a plan someone is on has one
    draws = any(r['draw'] for r in reps)
    out = []
    if opts['detail']:
        out.append(csv_line(['rep', 'plan', 'period', 'source', 'basis', 'rate', 'amount']))
    else:
        out.append(csv_line(['rep', 'plan', 'period', 'quota_to_date', 'credit_to_date',
                             'attainment', 'earned_to_date', 'paid_before', 'payout',
                             'commission', 'bonus', 'spiff', 'adjustment', 'balance'] +
                            (['draw', 'draw_recovered', 'draw_balance'] if draws else []) +
                            (['base_pay', 'total_pay'] if c_base is not None else [])))
    # commission(1): a Total row per period after the reps, by the end of
    # the period, a shorter one first: (end, days) -> [label, sums]
    totals = {}
    for rep in reps:
        plan = rep['plan']
        periods = payout_periods(plan['payout'], year)
        n = len(periods)
        counted = plan['measure'] == 'count'
        # period quotas and variables
        if rep['name'] in ramps:
            rq = ramps[rep['name']]
            pq = []
            for label, _, _ in periods:
                if label not in rq:
                    raise Err('no ramped quota for %s %s' % (rep['name'], label))
                pq.append(rq[label])
        else:
            A = rep['quota']
            if counted:
                # commission(1): a count quota to the hundredth of a unit
                pq = [Fraction(rnd(Fraction(A) * 100 * (k + 1) / n) -
                               rnd(Fraction(A) * 100 * k / n), 100) for k in range(n)]
            else:
                # READING: an even split whose cents add up to the year
                pq = [rnd(Fraction(A) * (k + 1) / n) - rnd(Fraction(A) * k / n) for k in range(n)]
        pv = [rnd(Fraction(rep['var']) * (k + 1) / n) - rnd(Fraction(rep['var']) * k / n) for k in range(n)]
        pb = [rnd(Fraction(rep['base']) * (k + 1) / n) - rnd(Fraction(rep['base']) * k / n) for k in range(n)]
        pb = [prorate(b, rep, s0, s1) for b, (_, s0, s1) in zip(pb, periods)]
        pq = [prorate(q, rep, s0, s1) for q, (_, s0, s1) in zip(pq, periods)]
        pv = [prorate(v, rep, s0, s1) for v, (_, s0, s1) in zip(pv, periods)]
        annual_q = sum(pq)   # READING: the year's (ramped, prorated) quotas
        my_bonuses = [b for b in bonuses if b['plan'] == plan['name']]
        earned_b = set()
        paid = 0
        owed = 0   # recoverable draws not yet recovered
        prev = (0, 0, 0, 0)   # commission, bonus, spiff, earned to date
        team = [r for r in reps if rep['team'] != '' and r['team'] == rep['team']] \
            if plan['measure'] == 'team' else [rep]
        if plan['measure'] == 'org':
            team = [rep] + below(rep)
        elif plan['measure'] == 'below':
            team = below(rep)
        role = plan['measure'][5:].strip() if plan['measure'].lower().startswith('role ') else None
        for k, (label, s0, s1) in enumerate(periods):
            Q = sum(pq[:k + 1])
            V = sum(pv[:k + 1])
            if counted:
                M = sum(1 for r, d, row in acts
                        if r is rep and d <= s1 and
                        (plan['count'] is None or eval_cond(plan['count'], lambda c: row.get(c))))
            elif role is not None:
                M = sum(a for nm, d, a in role_credit[role]
                        if d <= s1 and nm == norm_name(rep['name']))
            else:
                M = sum(a for r, d, a, _ in credits if r in team and d <= s1)
            C, lines = commission_lines(plan, M, Q, V)
            for b in my_bonuses:
                def get(nm, M=M):
                    nm = nm.lower()
                    if nm == 'attainment':
                        return Fraction(M) * 100 / annual_q
                    if nm == 'credit':
                        return Fraction(M) if counted else Fraction(M, 100)
                    if nm == 'quota':
                        return Fraction(annual_q) if counted else Fraction(annual_q, 100)
                    return None
                if b['name'] not in earned_b and eval_cond(b['cond'], get):
                    earned_b.add(b['name'])
            B = sum(b['amount'] for b in my_bonuses if b['name'] in earned_b)
            mywins = sorted(w for w in wins[rep['name']] if w[3] <= s1)
            S = sum(w[4] for w in mywins)
            E = C + B + S
            t = E - paid
            carried = None
            if t < 0 and not plan['clawback']:
                payout, carried = 0, -t
            else:
                payout = t
            # the draw: at least it; a recoverable one recovered from
            # what is paid above it later
            t_earn = payout
            dpaid = drec = 0
            if plan['recoverable'] and owed > 0 and payout > rep['draw']:
                drec = min(payout - rep['draw'], owed)
                payout -= drec
                owed -= drec
            if rep['draw'] and payout < rep['draw']:
                dpaid = rep['draw'] - payout
                if plan['recoverable']:
                    owed += dpaid
                payout = rep['draw']
            show = pstart <= s1 <= pend
            if show:
                rn, pn = excel_safe(rep['name']), excel_safe(plan['name'])
                if opts['detail']:
                    for src, basis, rate, a in lines:
                        out.append(csv_line([rn, pn, label, src, basis, rate, fmt_money(a)]))
                    for b in my_bonuses:
                        if b['name'] in earned_b:
                            out.append(csv_line([rn, pn, label, 'bonus %s' % b['name'], '', '',
                                                 fmt_money(b['amount'])]))
                    for w in mywins:
                        out.append(csv_line([rn, pn, label, w[2], '', '', fmt_money(w[4])]))
                    out.append(csv_line([rn, pn, label, 'paid before', '', '', fmt_money(-paid)]))
                    if carried is not None:
                        out.append(csv_line([rn, pn, label,
                                             'owed at year end' if k == n - 1
                                             else 'carried forward', '', '',
                                             fmt_money(carried)]))
                    if drec:
                        out.append(csv_line([rn, pn, label, 'draw recovered', '', '',
                                             fmt_money(-drec)]))
                    if dpaid:
                        out.append(csv_line([rn, pn, label, 'draw (recoverable)'
                                             if plan['recoverable'] else
                                             'draw (non-recoverable)', '', '',
                                             fmt_money(dpaid)]))
                else:
                    dc, db, ds = C - prev[0], B - prev[1], S - prev[2]
                    if Q == 0:
                        att = ''
                    else:
                        att = fmt_ratio(Fraction(M) / Q)
                    qs = fmt_count(Q) if counted else fmt_money(Q)
                    ms = fmt_count(M) if counted else fmt_money(M)
                    # the balance brought in (earned before less paid
                    # before) and the one left unpaid
                    brought = prev[3] - paid
                    balance = -carried if carried is not None else 0
                    money = [E, paid, payout, dc, db, ds, brought, balance]
                    if draws:
                        money += [dpaid, drec, owed]
                    if c_base is not None:
                        money += [pb[k], pb[k] + payout]
                    assert dc + db + ds + brought + dpaid - drec == payout + balance
                    out.append(csv_line([rn, pn, label, qs, ms, att] +
                                        [fmt_money(x) for x in money]))
                    key = (s1, (s1 - s0).days)
                    t = totals.setdefault(key, [label, [0] * len(money)])
                    t[1] = [a + b for a, b in zip(t[1], money)]
            paid += t_earn   # the earnings paid: draws apart
            prev = (C, B, S, E)
    for key in sorted(totals):
        label, money = totals[key]
        out.append(csv_line(['Total', '', label, '', '', ''] +
                            [fmt_money(x) for x in money]))
    sys.stdout.write(''.join(out))
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main(sys.argv[1:]))
    except (Err, KeyError, ValueError, IndexError, ZeroDivisionError) as e:
        sys.stderr.write('commission_ref: %s\n' % (e,))
        sys.exit(2)
