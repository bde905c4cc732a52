# tests/waterfall-pairs.awk: one snapshot of a random pair (forecast.bats)
# awk -v seed=N -v which=0|1: 40 deal ids, the same for both snapshots of
# a seed; which=0 the earlier export, 1 the later.  Amounts in cents stay
# exact in awk (below 2^53).
BEGIN {
	srand(seed)
	print "Opportunity ID,Owner,Amount,Forecast Category,Close Date,Stage"
	split("ana ben chloe", owner, " ")
	split("Commit,Best Case,Pipeline,Omitted", cat, ",")
	split("2026-03-30 2026-04-01 2026-05-15 2026-06-30 2026-07-01 -", date, " ")
	for (i = 1; i <= 40; i++)
		for (k = 0; k <= 1; k++) {
			r = rand()
			if (r < 0.15) {		# not in this export
				rand(); rand(); rand(); rand(); rand()
				continue
			}
			o = owner[int(rand() * 3) + 1]
			a = int(rand() * 100000) / 100
			if (rand() < 0.05) a = ""
			s = rand()
			st = s < 0.1 ? "Closed Won" : s < 0.2 ? "Closed Lost" : "Negotiation"
			c = st == "Closed Won" ? "Closed" : st == "Closed Lost" ? "Omitted" : cat[int(rand() * 4) + 1]
			d = date[int(rand() * 6) + 1]
			if (d == "-") d = ""
			if (k == which)
				printf "D%02d,%s,%s,%s,%s,%s\n", i, o, a, c, d, st
		}
}
