/* columns.c - find columns by role (SPEC §7) and resolve -g */
#include "su.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Header names per role, as Salesforce report and API (Data Loader,
 * Workbench, SOQL) exports, HubSpot deals exports, flat snake_case exports
 * (such as the Maven CRM data set: sales_agent, deal_stage, engage_date,
 * close_value), API names of other CRMs (EstimatedValue, OpportunityStage)
 * and hand-made sheets write them.  Matched after su_norm(), so "Close
 * Date" = "close_date" = "CloseDate" (and the API's Owner.Name = "Owner
 * Name"); a report's "Field: Full Name" or "Field: Name" matches as Field
 * does.  A fallback name is taken only when no alias is there: an API
 * export has both OwnerId and Owner.Name, ForecastCategory (API values)
 * and ForecastCategoryName (labels), and the label is the one a person
 * reads.  No two names of one role may both be in a real export (the
 * Salesforce API shape, tests/reader.bats): that would stop it with
 * "both look like".  "Amount (converted) Currency" is no currency name: it
 * is the currency of "Amount (converted)" alone (see currency_of()). */
#define SU_MAX_ALIASES 12
static const struct {
	const char *name;
	const char *aliases[SU_MAX_ALIASES];
	const char *fallback[2];
} roles[SU_R_NROLES] = {
	[SU_R_ID] = {"id", {"Opportunity ID", "Record ID", "Deal ID", "Id",
	    "Opportunity ID 18", "Opportunity 18 Digit ID"}, {0}},
	[SU_R_NAME] = {"name", {"Opportunity Name", "Deal Name", "Name"}, {0}},
	[SU_R_ACCOUNT] = {"account", {"Account Name", "Associated Company",
	    "Company", "Account", "Company Name"},
	    {"AccountId"}},
	[SU_R_OWNER] = {"owner", {"Opportunity Owner", "Deal owner", "Owner",
	    "Rep", "Owner Name", "Opportunity Owner Name", "Sales Rep",
	    "Sales Agent"},
	    {"OwnerId"}},
	[SU_R_STAGE] = {"stage", {"Stage", "Deal Stage", "StageName",
	    "Stage Name", "Opportunity Stage"}, {0}},
	[SU_R_AMOUNT] = {"amount", {"Amount", "ARR", "ACV",
	    "Total Contract Value", "Deal Amount", "Close Value", "Deal Value",
	    "Estimated Value"}, {0}},
	[SU_R_PROBABILITY] = {"probability", {"Probability (%)",
	    "Deal probability", "Probability", "Deal Stage Probability"}, {0}},
	[SU_R_CATEGORY] = {"category", {"ForecastCategoryName",
	    "Forecast Category Name"}, {"Forecast Category"}},
	[SU_R_CLOSE] = {"close_date", {"Close Date", "CloseDate"}, {0}},
	[SU_R_CREATED] = {"created_date", {"Created Date", "Create Date",
	    "CreatedDate", "Engage Date"}, {0}},
	[SU_R_TYPE] = {"type", {"Type", "Deal Type", "Opportunity Type"}, {0}},
	[SU_R_CURRENCY] = {"currency", {"Opportunity Currency",
	    "Amount Currency", "Currency", "Deal Currency Code",
	    "CurrencyIsoCode"}, {0}},
	[SU_R_METRICS] = {"metrics", {"Metrics", "MEDDPICC Metrics"}, {0}},
	[SU_R_ECONOMIC_BUYER] = {"economic_buyer", {"Economic Buyer",
	    "MEDDPICC Economic Buyer", "EB"}, {0}},
	[SU_R_DECISION_CRITERIA] = {"decision_criteria", {"Decision Criteria",
	    "MEDDPICC Decision Criteria"}, {0}},
	[SU_R_DECISION_PROCESS] = {"decision_process", {"Decision Process",
	    "MEDDPICC Decision Process"}, {0}},
	[SU_R_PAPER_PROCESS] = {"paper_process", {"Paper Process",
	    "MEDDPICC Paper Process"}, {0}},
	[SU_R_IDENTIFY_PAIN] = {"identify_pain", {"Identify Pain",
	    "Identified Pain", "Pain", "Implicate Pain",
	    "MEDDPICC Identify Pain"}, {0}},
	[SU_R_CHAMPION] = {"champion", {"Champion", "MEDDPICC Champion"}, {0}},
	[SU_R_COMPETITION] = {"competition", {"Competition", "Competitors",
	    "Competitor", "MEDDPICC Competition"}, {0}},
	[SU_R_PAIN_SCORE] = {"pain_score", {"Pain Score", "Pain (1-10)",
	    "Pain Score (1-10)"}, {0}},
	[SU_R_LOSS_REASON] = {"loss_reason", {"Loss Reason",
	    "Closed Lost Reason", "Lost Reason", "Reason Lost"}, {0}},
	[SU_R_FROM_STAGE] = {"from_stage", {"From Stage", "Old Value",
	    "Previous Stage", "Old Stage"}, {0}},
	[SU_R_TO_STAGE] = {"to_stage", {"To Stage", "New Value", "New Stage",
	    "Property Value", "Value"}, {0}},
	[SU_R_CHANGED] = {"changed_date", {"Last Modified",
	    "Last Modified Date", "Stage Change Date", "Changed Date",
	    "Edit Date", "Date", "Timestamp"}, {0}},
	[SU_R_SEGMENT] = {"segment", {"Segment", "Customer Segment",
	    "Market Segment", "Account Segment"}, {0}},
	[SU_R_SQL_DATE] = {"sql_date", {"Became a Sales Qualified Lead Date",
	    "SQL Date", "Date Became SQL", "Sales Qualified Date"}, {0}},
	[SU_R_MQL_DATE] = {"mql_date", {
	    "Became a Marketing Qualified Lead Date", "MQL Date",
	    "Date Became MQL", "Marketing Qualified Date", "MQL Timestamp"}, {0}},
	[SU_R_RESPONSE] = {"response_date", {"First Response Date",
	    "First Response", "Time of First Engagement",
	    "First Engagement Date", "First Contacted", "First Outreach Date",
	    "First Touch Date", "Date of First Engagement"}, {0}},
	[SU_R_SOURCE] = {"source", {"Original Source", "Lead Source",
	    "Source", "Original Source Type"}, {0}},
	[SU_R_IS_CLOSED] = {"is_closed", {"IsClosed"}, {0}},
	[SU_R_IS_WON] = {"is_won", {"IsWon", "Is Closed Won"}, {0}},
	[SU_R_REP] = {"rep", {"Rep", "Name", "Rep Name", "Sales Rep", "Owner",
	    "Employee"}, {0}},
	[SU_R_PLAN] = {"plan", {"Plan", "Comp Plan", "Plan Name"}, {0}},
	[SU_R_QUOTA] = {"quota", {"Quota", "Annual Quota"}, {0}},
	[SU_R_VARIABLE] = {"variable", {"Variable", "Variable Pay",
	    "Target Incentive", "Target Variable"}, {0}},
	[SU_R_START] = {"start_date", {"Start Date", "Start", "Hire Date"},
	    {0}},
	[SU_R_TEAM] = {"team", {"Team"}, {0}},
	[SU_R_PERIOD] = {"period", {"Period"}, {0}},
	[SU_R_METRIC] = {"metric", {"Metric"}, {0}},
	[SU_R_VALUE] = {"value", {"Value"}, {0}},
	[SU_R_ACTIVITY_DATE] = {"activity_date", {"Date", "Activity Date",
	    "Meeting Date", "Completed Date", "Close Date"}, {0}},
	[SU_R_SPLIT] = {"split", {"Split %", "Split Percentage",
	    "Split Percent", "Split"}, {0}},
	[SU_R_EB_TITLE] = {"eb_title", {"Economic Buyer Title", "EB Title",
	    "Economic Buyer Role"}, {0}},
	[SU_R_NEXT_STEP] = {"next_step", {"Next Step", "NextStep",
	    "Next Action"}, {0}},
	[SU_R_NEXT_STEP_DATE] = {"next_step_date", {"Next Step Date",
	    "Next Step Due Date", "Next Action Date", "Next Action Due Date",
	    "Next Activity Date"}, {0}},
	[SU_R_FIELD] = {"field", {"Field / Event", "Field", "Property",
	    "Property Name", "Field Name"}, {0}},
	[SU_R_RENEWAL_DATE] = {"renewal_date", {"Renewal Date",
	    "Contract End Date", "Contract End", "Renewal Due Date",
	    "Subscription End Date"}, {0}},
	[SU_R_BASE] = {"base", {"Base", "Base Salary", "Base Pay"}, {0}},
	[SU_R_MANAGER] = {"manager", {"Manager", "Reports To"}, {0}},
	[SU_R_DRAW] = {"draw", {"Draw", "Draw Amount"}, {0}},
};

const char *
su_role_name(int role)
{
	return roles[role].name;
}

/* su_norm's byte for each byte: itself, lowercase, or 0 (dropped) */
#define N8(b) (b), (b) + 1, (b) + 2, (b) + 3, (b) + 4, (b) + 5, (b) + 6, \
    (b) + 7
static const unsigned char normtab[256] = {
	['0'] = '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
	['A'] = N8('a'), N8('i'), N8('q'), 'y', 'z',
	['a'] = N8('a'), N8('i'), N8('q'), 'y', 'z',
	[0x80] = N8(0x80), N8(0x88), N8(0x90), N8(0x98), N8(0xa0), N8(0xa8),
	N8(0xb0), N8(0xb8), N8(0xc0), N8(0xc8), N8(0xd0), N8(0xd8), N8(0xe0),
	N8(0xe8), N8(0xf0), N8(0xf8),
};
#undef N8

size_t
su_norm(const char *s, size_t len, char *out)
{
	size_t i, n = 0;
	unsigned char c;

	/* each byte written, and kept (n moves on) unless dropped: no
	 * branch a byte; out holds len + 1 */
	for (i = 0; i < len; i++) {
		c = normtab[(unsigned char)s[i]];
		out[n] = (char)c;
		n += c != 0;
	}
	out[n] = '\0';
	return n;
}

int
su_role_lookup(const char *name)
{
	int r;

	for (r = 0; r < SU_R_NROLES; r++)
		if (su_normeq(name, roles[r].name))
			return r;
	return -1;
}

/* is a normalised header one of role r's names (its fallbacks: fb 1)? */
static int
alias_of(int r, const char *nh, int fb)
{
	const char *const *names = fb ? roles[r].fallback : roles[r].aliases;
	size_t k, max = fb ? 2 : SU_MAX_ALIASES;
	char a[64];

	for (k = 0; k < max && names[k]; k++) {
		su_norm(names[k], strlen(names[k]), a);
		if (strcmp(nh, a) == 0)
			return 1;
	}
	return 0;
}

void
su_header_list(const struct su_rec *hdr, char *buf, size_t size)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < hdr->n && n + 4 < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s\"%s\"",
		    i ? ", " : "", hdr->f[i]);
	if (n >= size)
		strcpy(buf + size - 5, "...");
}

int
su_find_header(const struct su_rec *hdr, const char *name)
{
	size_t i;
	int found = -1;

	for (i = 0; i < hdr->n; i++)
		if (strcmp(hdr->f[i], name) == 0) {
			if (found >= 0)
				return -2;
			found = (int)i;
		}
	if (found >= 0)
		return found;
	for (i = 0; i < hdr->n; i++)
		if (su_normeq(hdr->f[i], name)) {
			if (found >= 0)
				return -2;
			found = (int)i;
		}
	return found;
}

/* A report's lookup field, "Opportunity Owner: Full Name": the field's
 * normalised name, or NULL when h is no "Field: Full Name" / "Field: Name" */
static char *
field_of(const char *h)
{
	const char *colon = strrchr(h, ':');
	char *sub, *f;
	size_t n;

	if (!colon || colon == h)
		return NULL;
	sub = su_normdup(colon + 1);
	n = strcmp(sub, "fullname") == 0 || strcmp(sub, "name") == 0;
	free(sub);
	if (!n)
		return NULL;
	f = su_xmalloc((size_t)(colon - h) + 1);
	if (su_norm(h, (size_t)(colon - h), f) == 0) {
		free(f);
		return NULL;
	}
	return f;
}

/* nh[i]: header i normalised; nh[n + i]: its field (field_of) or NULL */
static char **
norm_headers(const struct su_rec *hdr)
{
	char **nh = su_xmalloc((2 * hdr->n + 1) * sizeof *nh);
	size_t i;

	for (i = 0; i < hdr->n; i++) {
		nh[i] = su_normdup(hdr->f[i]);
		nh[hdr->n + i] = field_of(hdr->f[i]);
	}
	return nh;
}

static void
free_headers(char **nh, size_t n)
{
	size_t i;

	if (!nh)
		return;
	for (i = 0; i < 2 * n; i++)
		free(nh[i]);
	free(nh);
}

/* is header i one of role r's names, itself or as a report's field? */
static int
header_is(int r, char **nh, size_t n, size_t i, int fb)
{
	return alias_of(r, nh[i], fb) ||
	    (nh[n + i] && alias_of(r, nh[n + i], fb));
}

/* A converted amount (Salesforce's "Amount (converted)", HubSpot's "Amount
 * in company currency") is in another currency than the record's own: the
 * currency column of the record would label it wrongly. */
static int
converted(const char *h)
{
	char *n = su_normdup(h);
	int yes = strstr(n, "converted") || strstr(n, "companycurrency");

	free(n);
	return yes;
}

/* The currency column of the amount column a (a >= 0), not given with -c:
 * "<amount header> Currency" when there is one ("Amount (converted)
 * Currency", "Amount Currency"); for a converted amount that or none; else
 * the currency names.  cols[SU_R_CURRENCY], or -1 (said) when two match. */
static int
currency_of(const char *file, const struct su_rec *hdr, char **nh, int a,
            int *col)
{
	size_t i, len = strlen(hdr->f[a]);
	char *own = su_xmalloc(len + sizeof " Currency");
	int c;

	memcpy(own, hdr->f[a], len);
	memcpy(own + len, " Currency", sizeof " Currency");
	c = su_find_header(hdr, own);
	free(own);
	if (c >= 0 || c == -2 || converted(hdr->f[a])) {
		*col = c >= 0 ? c : -1;
		if (c == -2)
			su_msg(file, 1, "several columns are \"%s Currency\"; "
			    "choose one with -c currency=HEADER", hdr->f[a]);
		return c == -2 ? -1 : 0;
	}
	*col = -1;
	for (i = 0; i < hdr->n; i++) {
		if (!header_is(SU_R_CURRENCY, nh, hdr->n, i, 0))
			continue;
		if (*col >= 0) {
			su_msg(file, 1, "columns \"%s\" and \"%s\" both look "
			    "like the currency column; choose one with -c "
			    "currency=HEADER", hdr->f[*col], hdr->f[i]);
			return -1;
		}
		*col = (int)i;
	}
	return 0;
}

int
su_columns_resolve(const char *file, const struct su_rec *hdr,
                   const struct su_opts *o, const unsigned char *want,
                   int *cols)
{
	char list[1024], tried[512], **nh = NULL;
	size_t i, k, n;
	int r, c, fallback;

	for (r = 0; r < SU_R_NROLES; r++) {
		cols[r] = -1;
		if (!want[r])
			continue;
		for (k = 0; k < o->nover; k++)
			if (o->over[k].role == r)
				break;
		if (k < o->nover) {
			c = su_find_header(hdr, o->over[k].header);
			if (c < 0) {
				su_header_list(hdr, list, sizeof list);
				su_msg(file, 0, "-c %s=%s: %s; the headers "
				    "are: %s", roles[r].name,
				    o->over[k].header, c == -1 ?
				    "no such column" : "several columns match",
				    list);
				return free_headers(nh, hdr->n), -1;
			}
			cols[r] = c;
			continue;
		}
		fallback = -1;
		if (!nh) /* each header normalised once, for every role */
			nh = norm_headers(hdr);
		if (r == SU_R_CURRENCY && want[SU_R_AMOUNT] &&
		    cols[SU_R_AMOUNT] >= 0) {
			if (currency_of(file, hdr, nh, cols[SU_R_AMOUNT],
			    &cols[r]))
				return free_headers(nh, hdr->n), -1;
			continue;
		}
		for (i = 0; i < hdr->n; i++) {
			if (!header_is(r, nh, hdr->n, i, 0))
				continue;
			if (cols[r] >= 0) {
				su_msg(file, 1, "columns \"%s\" and \"%s\" "
				    "both look like the %s column; choose "
				    "one with -c %s=HEADER", hdr->f[cols[r]],
				    hdr->f[i], roles[r].name, roles[r].name);
				return free_headers(nh, hdr->n), -1;
			}
			cols[r] = (int)i;
		}
		for (i = 0; cols[r] < 0 && i < hdr->n; i++)
			if (header_is(r, nh, hdr->n, i, 1)) {
				if (fallback >= 0) {
					su_msg(file, 1, "columns \"%s\" and "
					    "\"%s\" both look like the %s "
					    "column; choose one with -c "
					    "%s=HEADER", hdr->f[fallback],
					    hdr->f[i], roles[r].name,
					    roles[r].name);
					return free_headers(nh, hdr->n), -1;
				}
				fallback = (int)i;
			}
		if (cols[r] < 0)
			cols[r] = fallback;
		if (cols[r] < 0 && want[r] == SU_COL_REQUIRED) {
			su_header_list(hdr, list, sizeof list);
			for (k = n = 0; k < SU_MAX_ALIASES &&
			    roles[r].aliases[k]; k++)
				n += (size_t)snprintf(tried + n,
				    sizeof tried - n, "%s\"%s\"", k ? ", " : "",
				    roles[r].aliases[k]);
			su_msg(file, 1, "no %s column (tried %s; or name it "
			    "with -c %s=HEADER); the headers are: %s",
			    roles[r].name, tried, roles[r].name, list);
			return free_headers(nh, hdr->n), -1;
		}
	}
	free_headers(nh, hdr->n);
	return 0;
}

int
su_row_currency(const struct su_rec *hdr, const struct su_rec *r, int col,
                char cur[SU_CUR_LEN], char *msg, size_t size)
{
	const char *s;
	size_t i, n;
	char code[SU_CUR_LEN];

	if (col < 0)
		return 0;
	s = r->f[col];
	n = r->len[col];
	su_trim(&s, &n);
	if (!n)
		return 0;
	/* three ASCII letters: "€" is three bytes too, but no code */
	for (i = 0; n == 3 && i < 3; i++)
		if ((unsigned char)s[i] > 0x7f || !isalpha((unsigned char)s[i]))
			n = 0;
	if (n != 3) {
		snprintf(msg, size, "%s \"%s\": not a currency code such as "
		    "USD", hdr->f[col], r->f[col]);
		return -1;
	}
	for (i = 0; i < 3; i++)
		code[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 'a' + 'A' :
		    s[i]);
	code[3] = '\0';
	if (cur[0] && strcmp(cur, code) != 0) {
		snprintf(msg, size, "the amount is in %s but %s says %s", cur,
		    hdr->f[col], code);
		return -1;
	}
	memcpy(cur, code, sizeof code);
	return 0;
}

int
su_group_resolve(const char *file, const char *spec,
                 const struct su_rec *hdr, const struct su_opts *o,
                 struct su_gcol **out, size_t *n)
{
	static const struct { const char *kw; enum su_gkind kind; } kw[] = {
		{"quarter", SU_G_QUARTER}, {"month", SU_G_MONTH},
		{"fiscal_year", SU_G_FY}, {"week", SU_G_WEEK},
	};
	char *copy = su_xstrdup(spec), *tok, *save = NULL, list[1024];
	struct su_gcol *g = NULL;
	unsigned char want[SU_R_NROLES];
	int cols[SU_R_NROLES], r, c;
	size_t k, cnt = 0;

	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		g = su_xrealloc(g, (cnt + 1) * sizeof *g);
		g[cnt].kind = SU_G_COLUMN;
		g[cnt].col = -1;
		/* 1. a header, exactly */
		for (k = 0; k < hdr->n; k++)
			if (strcmp(hdr->f[k], tok) == 0)
				g[cnt].col = (int)k;
		/* 2. a role */
		if (g[cnt].col < 0 && (r = su_role_lookup(tok)) >= 0) {
			memset(want, 0, sizeof want);
			want[r] = SU_COL_OPTIONAL;
			if (su_columns_resolve(file, hdr, o, want, cols))
				goto fail;
			g[cnt].col = cols[r];
		}
		/* 3. a computed column */
		for (k = 0; g[cnt].col < 0 && k < sizeof kw / sizeof kw[0]; k++)
			if (strcmp(tok, kw[k].kw) == 0) {
				g[cnt].kind = kw[k].kind;
				g[cnt].name = kw[k].kw;
			}
		/* 4. a header, normalised */
		if (g[cnt].kind == SU_G_COLUMN && g[cnt].col < 0) {
			c = su_find_header(hdr, tok);
			if (c < 0) {
				su_header_list(hdr, list, sizeof list);
				su_msg(file, 0, "-g %s: %s (use a header, a "
				    "role such as owner or stage, or quarter, "
				    "month, week, fiscal_year); the headers are: "
				    "%s",
				    tok, c == -1 ? "no such column" :
				    "several columns match", list);
				goto fail;
			}
			g[cnt].col = c;
		}
		if (g[cnt].kind == SU_G_COLUMN)
			g[cnt].name = hdr->f[g[cnt].col];
		cnt++;
	}
	free(copy);
	if (cnt == 0) {
		su_msg(NULL, 0, "-g: no column named");
		free(g);
		return -1;
	}
	*out = g;
	*n = cnt;
	return 0;
fail:
	free(copy);
	free(g);
	return -1;
}
