/*
 * su_money.h - lib/money.c: amounts in minor units
 *
 * Prints nothing: a failure is -1 with a reason in *why.
 */
#ifndef SU_MONEY_H
#define SU_MONEY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SU_CUR_LEN 4 /* ISO 4217 code + NUL; "" = not stated */
/* Parse an amount (SPEC §1 "Money").  Returns 0 and *cents (and cur, a
 * 3-letter code or "") on success, 1 if the field is empty (blank), -1 with
 * *why on error. */
int su_money_parse(const char *s, size_t len, int decimal_comma,
                   int64_t *cents, char cur[SU_CUR_LEN], const char **why);
/* su_money_parse without its fast path for the plain shapes ("1234",
 * "$1,234.50"): every form, the reference the fast path is tested against */
int su_money_parse_ref(const char *s, size_t len, int decimal_comma,
                       int64_t *cents, char cur[SU_CUR_LEN],
                       const char **why);
/* "-1234.56"; buf needs 32 bytes; returns the length */
size_t su_money_fmt(char *buf, int64_t cents);
/* "$1,234,567" or "$1,234,567.89" (cents shown when show_cents), "-$5";
 * currency "" or "USD" gives "$", another code gives "1,234 EUR". 48 bytes. */
size_t su_money_fmt_table(char *buf, int64_t cents, const char *cur,
                          int show_cents);
/* a + b with overflow check: 0 ok, -1 overflow (inline: every row's sums) */
static inline int
su_add(int64_t a, int64_t b, int64_t *out)
{
	return __builtin_add_overflow(a, b, out) ? -1 : 0;
}

#endif
