/*
 * history.c - stage history: the rows of a stage history export
 * (Salesforce's Opportunity History: Opportunity ID, From Stage, To Stage,
 * Last Modified) or a field history (Salesforce's Opportunity Field
 * History, HubSpot's property history), checked, one at a time; and
 * HubSpot's Date entered "STAGE" columns of a deals export.
 */
#include "su.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct su_hist {
	struct su_opts o; /* the input's options, less --rejects */
	struct su_in *in;
	int col[SU_R_NROLES];
	struct su_rec hdr;
};

struct su_hist *
su_hist_open(const struct su_opts *o, const char *file)
{
	struct su_hist *h = su_xmalloc(sizeof *h);
	unsigned char want[SU_R_NROLES];

	memset(h, 0, sizeof *h);
	h->o = *o;
	h->o.rejects = NULL; /* --rejects holds the input's rows */
	h->in = su_in_new(&h->o, 1, (char **)&file);
	if (su_in_header(h->in, &h->hdr) < 0)
		goto fail;
	memset(want, 0, sizeof want);
	want[SU_R_ID] = want[SU_R_TO_STAGE] = want[SU_R_CHANGED] =
	    SU_COL_REQUIRED;
	want[SU_R_FROM_STAGE] = want[SU_R_FIELD] = SU_COL_OPTIONAL;
	if (su_columns_resolve(h->hdr.file, &h->hdr, &h->o, want, h->col))
		goto fail;
	return h;
fail:
	su_hist_free(h);
	return NULL;
}

/* the field a field history's row names: by the names Salesforce's field
 * history and HubSpot's property history give (normalised as headers) */
static int
field_of(const char *s, size_t len)
{
	static const struct {
		const char *norm;
		int field;
	} names[] = {
		{"stage", SU_HF_STAGE}, {"stagename", SU_HF_STAGE},
		{"dealstage", SU_HF_STAGE}, {"opportunitystage", SU_HF_STAGE},
		{"closedate", SU_HF_CLOSE},
		{"champion", SU_HF_CHAMPION},
		{"meddpiccchampion", SU_HF_CHAMPION},
		{"economicbuyer", SU_HF_EB},
		{"meddpicceconomicbuyer", SU_HF_EB},
		{"eb", SU_HF_EB}, {"decisionmaker", SU_HF_EB},
	};
	char n[64];
	size_t i;

	su_trim(&s, &len);
	if (len >= sizeof n)
		return SU_HF_OTHER;
	su_norm(s, len, n);
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(n, names[i].norm) == 0)
			return names[i].field;
	return SU_HF_OTHER;
}

/* a close-date row's dates: 0; -1 the old value is no date, -2 the new
 * (*why says why) */
static int
close_dates(struct su_hist *h, struct su_hrow *row, const char **why)
{
	int k;

	row->has_from_date = row->has_to_date = 0;
	if (row->fromlen) {
		if ((k = su_date_parse(row->from, row->fromlen, h->o.dmy,
		    &row->from_date, why)) < 0)
			return -1;
		row->has_from_date = k == 0;
	}
	if ((k = su_date_parse(row->to, row->tolen, h->o.dmy, &row->to_date,
	    why)) < 0)
		return -2;
	row->has_to_date = k == 0;
	return 0;
}

int
su_hist_next(struct su_hist *h, struct su_hrow *row)
{
	struct su_rec r;
	const char *why;
	int k, c;

	while ((k = su_in_next(h->in, &r)) > 0) {
		row->id = r.f[h->col[SU_R_ID]];
		row->idlen = r.len[h->col[SU_R_ID]];
		su_trim(&row->id, &row->idlen);
		row->to = r.f[h->col[SU_R_TO_STAGE]];
		row->tolen = r.len[h->col[SU_R_TO_STAGE]];
		row->from = "";
		row->fromlen = 0;
		if ((c = h->col[SU_R_FROM_STAGE]) >= 0)
			row->from = r.f[c], row->fromlen = r.len[c];
		row->file = r.file;
		row->line = r.line;
		if (row->idlen == 0) {
			if (su_in_reject(h->in, &r, "no opportunity id") ==
			    SU_STOP)
				return -1;
			continue;
		}
		c = h->col[SU_R_CHANGED];
		if ((k = su_date_parse(r.f[c], r.len[c], h->o.dmy, &row->date,
		    &why)) != 0) {
			if (su_in_reject(h->in, &r, "%s \"%s\": %s",
			    h->hdr.f[c], r.f[c], k > 0 ? "no date" : why) ==
			    SU_STOP)
				return -1;
			continue;
		}
		row->has_from = h->col[SU_R_FROM_STAGE] >= 0;
		row->field = SU_HF_STAGE;
		row->fname = "", row->fnamelen = 0;
		if ((c = h->col[SU_R_FIELD]) >= 0) {
			row->field = field_of(r.f[c], r.len[c]);
			row->fname = r.f[c], row->fnamelen = r.len[c];
		}
		if (row->field == SU_HF_CLOSE &&
		    (k = close_dates(h, row, &why)) < 0) {
			c = h->col[k == -1 ? SU_R_FROM_STAGE : SU_R_TO_STAGE];
			if (su_in_reject(h->in, &r, "%s \"%s\": %s",
			    h->hdr.f[c], r.f[c], why) == SU_STOP)
				return -1;
			continue;
		}
		return 1;
	}
	if (k == 0 && su_in_finish(h->in))
		return -1;
	return k;
}

void
su_hist_free(struct su_hist *h)
{
	if (!h)
		return;
	su_in_free(h->in);
	free(h);
}

size_t
su_date_entered(const struct su_rec *hdr, struct su_dentered **out)
{
	static const char pre[] = "date entered \"";
	struct su_dentered *d = NULL;
	size_t i, n = 0, len;

	for (i = 0; i < hdr->n; i++) {
		len = hdr->len[i];
		if (len <= sizeof pre || strncasecmp(hdr->f[i], pre,
		    sizeof pre - 1) != 0 || hdr->f[i][len - 1] != '"')
			continue;
		d = su_xrealloc(d, (n + 1) * sizeof *d);
		d[n].col = (int)i;
		d[n].label = su_xmalloc(len);
		memcpy(d[n].label, hdr->f[i] + sizeof pre - 1,
		    len - sizeof pre);
		d[n].label[len - sizeof pre] = '\0';
		n++;
	}
	*out = d;
	return n;
}

int
su_dentered_stage(const struct su_pipeline *p, const char *label)
{
	const char *paren = strstr(label, " (");
	int j = su_model_stage(p, label, strlen(label));

	if (j < 0 && paren) /* "STAGE (PIPELINE)" */
		j = su_model_stage(p, label, (size_t)(paren - label));
	return j;
}

void
su_dentered_free(struct su_dentered *d, size_t n)
{
	while (n)
		free(d[--n].label);
	free(d);
}
