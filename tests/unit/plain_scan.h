/*
 * plain_scan.h - lib/scan.c once more, built with its plain search (a
 * loop a byte, -DSU_SCAN_PLAIN) in place of SSE2's and AVX2's, its
 * functions named plain_scan_*: for the tests that compare the searches
 * (tests/unit/scan.c, tests/fuzz/fuzz_scan.c).  Included once, after
 * su.h.
 */
#define su_scan_init plain_scan_init
#define su_scan_record plain_scan_record
#define su_scan_unescape plain_scan_unescape
#define su_scan_reset plain_scan_reset
#define su_scan_free plain_scan_free
#define SU_SCAN_PLAIN
#include "../../lib/scan.c"
#undef su_scan_init
#undef su_scan_record
#undef su_scan_unescape
#undef su_scan_reset
#undef su_scan_free
