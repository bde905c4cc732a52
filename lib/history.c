/*
 * history.c - stage history: the rows of a stage history export
 * (Salesforce's Opportunity History: Opportunity ID, From Stage, To Stage,
 * Last Modified), checked, one at a time; and HubSpot's Date entered
 * "STAGE" columns of a deals export.
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
	want[SU_R_FROM_STAGE] = SU_COL_OPTIONAL;
	if (su_columns_resolve(h->hdr.file, &h->hdr, &h->o, want, h->col))
		goto fail;
	return h;
fail:
	su_hist_free(h);
	return NULL;
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
