#!/usr/bin/env python3
"""commission_diff.py SEED N BIN - a seeded random differential test of
commission(1) against tests/commission_ref.py, a reference written from
the man pages alone.

Each case is a small random compensation setup: plans with retroactive
and marginal bands, flat bands, thresholds, caps, quarterly/monthly/annual
payout, clawback, unit plans counting activities (count quotas not whole
per period), team and role plans, bonuses, spiffs, ramped quotas,
mid-year starts (count plans' too), split deals, clawbacks
(negative bookings), a stage column, rep names in another case or with
spaces, and now and then an input that must be refused (exit 2, nothing
written).  BIN/commission and the reference run on the same files; their
standard output and exit status must agree byte for byte.  Every mismatch
is printed with its inputs and both outputs; the last line is
"commission-diff: N passed, M failed".

DIFF_AVOID (comma-separated) leaves features out, to see what else fails
once a known difference is understood: names (rep names in another case
or with spaces), openblank (a blank amount on an open deal), evensplit
(annual figures that do not split to the cent), stage (rows not closed
won), errors (inputs that must be refused), unitthr (threshold and cap
on unit plans), countbonus (bonuses on count plans), flatfrom (flat bands
with a cap), roleshare (a role named on one share of a split deal only),
sticky (clawbacks of a whole deal, which undo a bonus's condition).
"""

import contextlib
import datetime
import io
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import commission_ref  # noqa: E402

# DIFF_AVOID=names,openblank,... leaves a feature out, to see what else fails
AVOID = set(filter(None, os.environ.get('DIFF_AVOID', '').split(',')))

NAMES = ['Ana Ruiz', 'Ben Cho', 'Chloe Martin', 'Dev Patel', 'Eve Stone',
         'Fay Wong', 'Gus Lee', 'Hal Diaz', 'Ruiz, Ana', '@Zed', 'Ivy "Q" Noor']


def money_text(r, cents):
    """A money value in one of the spellings salesutils(7) accepts."""
    neg = cents < 0
    c = abs(cents)
    d, m = divmod(c, 100)
    choice = r.randrange(6)
    if m == 0 and d % 1000 == 0 and choice == 5 and not neg:
        return '%dk' % (d // 1000)
    plain = '%d.%02d' % (d, m) if m or r.random() < 0.5 else '%d' % d
    grouped = '{:,}'.format(d) + ('.%02d' % m if m or r.random() < 0.5 else '')
    if choice in (0, 5):
        s = plain
    elif choice in (1, 2):
        s = '$' + grouped
    elif choice == 3:
        s = grouped
    else:
        s = 'USD ' + grouped
    if neg:
        return '(%s)' % s if r.random() < 0.5 else '-' + s
    return s


def date_text(r, d):
    if r.random() < 0.6:
        return d.isoformat()
    return '%d/%d/%d' % (d.month, d.day, d.year)


def csv_text(rows):
    out = io.StringIO()
    for row in rows:
        out.write(commission_ref.csv_line([str(x) for x in row]))
    return out.getvalue()


def rand_date(r, y, lo=None):
    start = datetime.date(y, 1, 1)
    if lo is not None and lo > start:
        start = lo
    end = datetime.date(y, 12, 31)
    return start + datetime.timedelta(days=r.randrange((end - start).days + 1))


def gen_bands(r, base):
    """Bands covering 0 to no end; text lines."""
    if base == 'unit':
        cut = r.choice([5, 10, 20, 30])
        rates = r.sample(['$250', '$375', '$100', '$50.50', '400'], 2)
        if r.random() < 0.3:
            return ['band = 0-%d: %s' % (cut, rates[0]),
                    'band = %d-%d: %s' % (cut, cut * 2, rates[1]),
                    'band = %d-: $500' % (cut * 2)]
        return ['band = 0-%d: %s' % (cut, rates[0]),
                'band = %d-: %s' % (cut, rates[1])]
    points = [0] + sorted(r.sample([25, 50, 75, 100, 110, 125, 150], r.randint(1, 4)))
    if r.random() < 0.15:
        points = [0, 37.5, 100] if r.random() < 0.5 else [0, 100]
    lines = []
    for i, lo in enumerate(points):
        hi = points[i + 1] if i + 1 < len(points) else None
        fmt = lambda x: ('%g%%' % x)
        rng = '%s-%s' % (fmt(lo), fmt(hi) if hi is not None else '')
        if base == 'variable':
            rate = r.choice(['0', '0.5', '1.0', '1.25', '1.5', '125%', '0.375', '2',
                             '0.123456789', '1.33335'])
            flat = ' flat' if (i > 0 and r.random() < 0.25) else ''
        else:
            rate = r.choice(['8%', '8', '12.5%', '10', '5%', '0.5%', '15', '7.125%'])
            flat = ''
        lines.append('band = %s: %s%s' % (rng, rate, flat))
    return lines


def gen_case(r):
    year = 2026 if r.random() < 0.85 else 2025
    files = {}
    err = None  # what the case breaks on purpose
    if r.random() < 0.08 and 'errors' not in AVOID:
        err = r.choice(['dup-id', 'split-sum', 'empty-amount', 'unknown-rep',
                        'out-of-year', 'zero-quota', 'currency', 'cycle'])

    # plans
    nplans = r.randint(1, 3)
    plans = []
    plan_text = []
    kinds = ['variable', 'variable', 'amount', 'unit', 'team', 'role',
             'org', 'below']
    used = set()
    for i in range(nplans):
        kind = r.choice(kinds)
        if kind in ('team', 'role', 'unit', 'org', 'below') and kind in used:
            kind = 'variable'
        used.add(kind)
        name = {'variable': 'AE', 'amount': 'ISR', 'unit': 'SDR', 'team': 'VP',
                'role': 'SE', 'org': 'RVP', 'below': 'OVR'}[kind] + str(i + 1)
        base = {'variable': 'variable', 'amount': 'amount', 'unit': 'unit',
                'team': 'variable', 'role': 'variable', 'org': 'variable',
                'below': 'amount'}[kind]
        measure = {'variable': 'credit', 'amount': 'credit', 'unit': 'count',
                   'team': 'team', 'role': 'role Solutions Engineer',
                   'org': 'org', 'below': 'below'}[kind]
        payout = r.choice(['quarterly', 'quarterly', 'monthly', 'annual'])
        lines = ['[plan %s]' % name, 'measure = %s' % measure, 'base = %s' % base]
        if base == 'unit':
            lines.append("count = Qualified = 'yes'")
        mode = r.choice(['marginal', 'retroactive'])
        if base == 'variable' or r.random() < 0.5:
            lines.append('mode = %s' % mode)
        else:
            mode = 'marginal'
        if payout != 'quarterly' or r.random() < 0.5:
            lines.append('payout = %s' % payout)
        if r.random() < 0.25 and not (base == 'unit' and 'unitthr' in AVOID):
            lines.append('threshold = %s' % r.choice(['25%', '50%', '40%']))
        has_cap = r.random() < 0.25 and not (base == 'unit' and 'unitthr' in AVOID)
        if has_cap:
            lines.append('cap = %s' % (r.choice(['100%', '200%']) if base == 'unit'
                                       else r.choice(['150%', '112.5%', '200%', '120%'])))
        if r.random() < 0.2:
            lines.append('clawback = yes')
        if r.random() < 0.25:
            lines.append('draw = %s' % r.choice(['5000', '$1,250.50', '800']))
        if r.random() < 0.35:   # with the plan's draw, or for the roster's
            lines.append('recoverable = %s' % r.choice(['yes', 'no']))
        bands = gen_bands(r, base)
        if has_cap and 'flatfrom' in AVOID:
            bands = [b.replace(' flat', '') for b in bands]
        lines += bands
        plan_text.append('\n'.join(lines) + '\n')
        plans.append({'name': name, 'kind': kind, 'payout': payout})
    for p in plans:
        if r.random() < 0.3 and not (p['kind'] == 'unit' and 'countbonus' in AVOID):
            plan_text.append('[bonus b-%s]\nplan = %s\namount = %s\nwhen = attainment >= %d\n'
                             % (p['name'], p['name'], r.choice(['5000', '$2,500.50', '10000']),
                                r.choice([25, 50, 100, 150])))
    money_plans = [p['name'] for p in plans if p['kind'] in ('variable', 'amount', 'team',
                                                             'org', 'below')]
    if money_plans and r.random() < 0.5:
        for j in range(r.randint(1, 2)):
            pl = r.sample(money_plans, r.randint(1, len(money_plans)))
            plan_text.append('[spiff s%d]\nplans = %s\naward = %s\namount = %s\n%s'
                             % (j, ','.join(pl), r.choice(['first', 'largest', 'most']),
                                r.choice(['1000', '5000', '100.01', '$10,000']),
                                r.choice(['', 'period = monthly\n', 'period = annual\n',
                                          'period = quarterly\n'])))
    files['plans.ini'] = '\n'.join(plan_text)

    # roster
    nreps = r.randint(2, 5)
    names = r.sample(NAMES, nreps)
    roster = []
    reps = []
    with_start = r.random() < 0.3
    with_base = r.random() < 0.3
    with_draw = r.random() < 0.3
    for i, nm in enumerate(names):
        p = plans[i % len(plans)] if i < len(plans) else r.choice(plans)
        counted = p['kind'] == 'unit'
        if counted:
            # some not whole per period: split to the hundredth
            quota = str(r.choice([12, 24, 48, 120, 10, 33, '8.5']))
        else:
            q = r.choice([1200000, 1500000, 1000000, 400000, 777700])
            if 'evensplit' in AVOID:
                q = r.choice([1200000, 1500000, 600000])
            quota = money_text(r, q * 100)
        var = r.choice([120000, 30000, 70000, 100001])
        if 'evensplit' in AVOID:
            var = r.choice([120000, 30000, 60000])
        start = ''
        if with_start and p['kind'] in ('variable', 'amount', 'unit') and r.random() < 0.5:
            start = rand_date(r, year).isoformat()
        team = r.choice(['East', 'West'])
        roster.append([nm, p['name'], quota, money_text(r, var * 100), start, team])
        if with_draw:
            # a rep's own draw, only on a plan that says recoverable
            ok = 'recoverable =' in plan_text[plans.index(p)]
            roster[-1].append(str(r.choice([1000, 3000])) if ok and r.random() < 0.6
                              else '')
        if with_base:
            # plain numbers: the reference does not hold a Base's
            # currency against the bookings' (tests/commission.bats does)
            roster[-1].append(str(r.choice([60000, 120000, 80001])))
        reps.append({'name': nm, 'plan': p, 'start': start, 'quota': quota, 'team': team})
    if err == 'zero-quota':
        roster[0][2] = '0'
    # a hierarchy: each rep's manager an earlier rep, so no cycle, but
    # the 'cycle' case makes the first report to the last
    with_mgr = err == 'cycle' or any(p['kind'] in ('org', 'below') for p in plans) \
        or r.random() < 0.2
    if with_mgr:
        for i, row in enumerate(roster):
            row.append(roster[r.randrange(i)][0] if i and r.random() < 0.7 else '')
        if err == 'cycle':
            roster[0][-1] = roster[-1][0]
            if len(roster) > 1 and roster[-1][-1] == '':
                roster[-1][-1] = roster[0][0]
    files['roster.csv'] = csv_text([['Rep', 'Plan', 'Quota', 'Variable', 'Start Date', 'Team']
                                    + (['Draw'] if with_draw else [])
                                    + (['Base'] if with_base else [])
                                    + (['Manager'] if with_mgr else [])] + roster)

    # ramped quotas for some reps of money plans with their own credit
    qrows = []
    for rp in reps:
        if rp['plan']['kind'] in ('variable', 'amount') and not rp['start'] and r.random() < 0.3:
            A = commission_ref.parse_money(rp['quota'])[0]
            n = {'quarterly': 4, 'monthly': 12, 'annual': 1}[rp['plan']['payout']]
            w = [r.randint(1, 4) for _ in range(n)]
            parts = [A * x // sum(w) // 100 * 100 for x in w]
            parts[-1] += A - sum(parts)
            if r.random() < 0.2:
                parts[-1] += 100000 * 100   # ramps that add up to more than the roster's quota
            labels = [lab for lab, _, _ in commission_ref.payout_periods(rp['plan']['payout'], year)]
            for lab, c in zip(labels, parts):
                qrows.append([rp['name'], lab, money_text(r, c)])
    if qrows:
        files['quotas.csv'] = csv_text([['Rep', 'Period', 'Quota']] + qrows)

    # bookings
    owners = [rp for rp in reps if rp['plan']['kind'] in ('variable', 'amount', 'team')]
    if not owners:
        owners = reps[:1]  # someone must own the deals (a count/role rep)
    ses = [rp['name'] for rp in reps if rp['plan']['kind'] == 'role']
    use_split = r.random() < 0.4
    use_stage = r.random() < 0.3
    header = ['Opportunity ID', 'Opportunity Owner', 'Amount', 'Close Date']
    if use_split:
        header.append('Split %')
    if use_stage:
        header.append('Stage')
    if ses:
        header.append('Solutions Engineer')
    rows = []
    did = 0

    def owner_text(rp):
        nm = rp['name']
        x = r.random()
        if 'names' in AVOID:
            return nm
        if x < 0.1:
            return nm.upper()
        if x < 0.2:
            return ' ' + nm + ' '
        return nm

    def role_text(nm):
        if 'names' not in AVOID and r.random() < 0.2:
            return r.choice([nm.upper(), ' ' + nm])
        return nm

    def row(rid, rp, cents, d, split='', stage='Closed Won', se=''):
        out = [rid, owner_text(rp), money_text(r, cents), date_text(r, d)]
        if use_split:
            out.append(split)
        if use_stage:
            out.append(stage)
        if ses:
            out.append(se)
        return out
    used_dates = []
    for _ in range(r.randint(3, 12)):
        did += 1
        rp = r.choice(owners)
        lo = datetime.date.fromisoformat(rp['start']) if rp['start'] else None
        d = rand_date(r, year, lo)
        if used_dates and r.random() < 0.25:
            # the same day as another deal: spiff ties for the first deal
            same = r.choice(used_dates)
            if lo is None or same >= lo:
                d = same
        used_dates.append(d)
        cents = r.choice([25000, 40000, 60000, 85000, 120000, 150000, 400000, 900000]) * 100
        if r.random() < 0.3:
            cents += r.randrange(100)
        x = r.random()
        if use_split and x < 0.3 and len(owners) >= 2:
            who = r.sample(owners, min(len(owners), r.choice([2, 2, 3])))
            if any(w['start'] for w in who):
                d = rand_date(r, year, max(datetime.date.fromisoformat(w['start'])
                                           for w in who if w['start']))
            pcts = {2: r.choice([['50%', '50%'], ['60%', '40'], ['33.33%', '66.67%']]),
                    3: [['33.33%', '33.33%', '33.34%'], ['50%', '25%', '25%']][r.randrange(2)]}[len(who)]
            if err == 'split-sum':
                pcts = ['50%'] * len(who) + []
                pcts[-1] = '40%'
            se_at = r.randrange(len(who)) if ses and r.random() < 0.6 else None
            se_name = r.choice(ses) if se_at is not None else ''
            for k, (w, pc) in enumerate(zip(who, pcts)):
                named = k == se_at or (se_at is not None and 'roleshare' in AVOID)
                rows.append(row('D%03d' % did, w, cents, d, split=pc,
                                se=role_text(se_name) if named else ''))
            continue
        se = role_text(r.choice(ses)) if ses and r.random() < 0.6 else ''
        if use_stage and r.random() < 0.25 and 'stage' not in AVOID:
            rows.append(row('D%03d' % did, rp, cents, d,
                            stage=r.choice(['Closed Lost', 'Negotiation', 'Proposal']), se=se))
            continue
        rows.append(row('D%03d' % did, rp, cents, d, se=se))
        if r.random() < 0.15:
            # a clawback of part of it, later in the year
            d2 = rand_date(r, year, d)
            did += 1
            back = r.choice([5000, 20000, 40000] + ([] if 'sticky' in AVOID else [cents // 100]))
            rows.append(row('D%03d' % did, rp, -back * 100, d2, se=se))
    if use_stage and r.random() < 0.3 and 'openblank' not in AVOID:
        # an open deal with no amount yet: not closed-won, so not read
        did += 1
        rr = row('D%03d' % did, owners[0], 100, rand_date(r, year), stage='Negotiation')
        rr[2] = ''
        rows.append(rr)
    if err == 'dup-id':
        if use_split:
            rows.append(list(rows[0]))
            rows[-1][4] = ''
            rows[0][4] = ''
        else:
            rows.append(list(rows[0]))
    elif err == 'empty-amount':
        rows[0][2] = ''
        if use_stage:
            rows[0][header.index('Stage')] = 'Closed Won'
    elif err == 'unknown-rep':
        rows[-1][1] = 'Nobody Here'
        if use_stage:
            rows[-1][header.index('Stage')] = 'Closed Won'
    elif err == 'currency':
        rows[-1][2] = 'EUR 1,000.00'
        if use_stage:
            rows[-1][header.index('Stage')] = 'Closed Won'
    elif err == 'out-of-year':
        rows[-1][3] = '%d-06-30' % (year + 1)
        if use_stage:
            rows[-1][header.index('Stage')] = 'Closed Won'
    r.shuffle(rows)
    files['bookings.csv'] = csv_text([header] + rows)

    # activities
    counters = [rp for rp in reps if rp['plan']['kind'] == 'unit']
    if counters:
        arows = []
        for rp in counters:
            for _ in range(r.randint(0, 40)):
                arows.append([rp['name'] if r.random() < 0.9 or 'names' in AVOID
                              else rp['name'].lower(),
                              rand_date(r, year).isoformat(),
                              'yes' if r.random() < 0.8 else 'no'])
        if not arows:
            arows.append([counters[0]['name'], '%d-03-03' % year, 'no'])
        r.shuffle(arows)
        files['meetings.csv'] = csv_text([['Rep', 'Date', 'Qualified']] + arows)

    # options
    args = ['-p', 'plans.ini', '-r', 'roster.csv']
    if 'quotas.csv' in files:
        args += ['--quotas', 'quotas.csv']
    if 'meetings.csv' in files:
        args += ['--activities', 'meetings.csv']
    per = r.choice([None, None, '%d-Q2', '%d-05', '%d', 'FY%d-Q3', '%d-Q4',
                    '%d-04-01..%d-09-30'])
    if per is None:
        args += ['--as-of', rand_date(r, year).isoformat()]
    else:
        args += ['--period', per.replace('%d', str(year))]
    if r.random() < 0.5:
        args.append('--detail')
    args.append('bookings.csv')
    return files, args


def run_ref(args):
    out, errs = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(errs):
        try:
            rc = commission_ref.main(args)
        except (commission_ref.Err, KeyError, ValueError, IndexError,
                ZeroDivisionError) as e:
            errs.write('commission_ref: %s\n' % e)
            rc = 2
    if rc != 0:
        return '', rc, errs.getvalue()   # nothing written on an error
    return out.getvalue(), rc, errs.getvalue()


def main():
    if len(sys.argv) != 4:
        sys.stderr.write('usage: commission_diff.py SEED N BIN\n')
        return 2
    seed, n, bindir = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    prog = os.path.join(os.path.abspath(bindir), 'commission')
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix='commission-diff.') as tmp:
        for i in range(n):
            r = random.Random('%d/%d' % (seed, i))
            files, args = gen_case(r)
            d = os.path.join(tmp, 'c%d' % i)
            os.mkdir(d)
            for name, text in files.items():
                with open(os.path.join(d, name), 'w', encoding='utf-8', newline='') as f:
                    f.write(text)
            cwd = os.getcwd()
            os.chdir(d)
            try:
                ref_out, ref_rc, ref_err = run_ref(args)
            finally:
                os.chdir(cwd)
            p = subprocess.run([prog] + args, cwd=d, capture_output=True,
                               env=dict(os.environ, LC_ALL='C', TZ='UTC'))
            got_out = p.stdout.decode('utf-8', 'replace')
            if p.returncode == ref_rc and got_out == ref_out:
                passed += 1
                continue
            failed += 1
            print('=== case %d (seed %d): commission %s' % (i, seed, ' '.join(args)))
            for name, text in files.items():
                print('--- %s' % name)
                sys.stdout.write(text if text.endswith('\n') else text + '\n')
            print('--- commission: exit %d' % p.returncode)
            sys.stdout.write(got_out)
            if p.stderr:
                sys.stdout.write(p.stderr.decode('utf-8', 'replace'))
            print('--- reference: exit %d' % ref_rc)
            sys.stdout.write(ref_out)
            if ref_err:
                sys.stdout.write(ref_err)
            print()
    print('commission-diff: %d passed, %d failed' % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
