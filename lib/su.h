/*
 * su.h - the salesutils shared library: includes the header of every
 * module of lib/ (su_MODULE.h for lib/MODULE.c; lib/README maps them).
 *
 * Conventions (see salesutils(7)):
 *  - money is int64_t minor units (cents); rates are su_rate, fixed point
 *    with SU_RATE_ONE == 1.0; no binary floating point touches either;
 *  - each module's header says at its top whether its functions print:
 *    those that print nothing return -1 with a reason in *why (a static
 *    string), and the caller adds the file, line and column and prints
 *    through su_msg(); those that print say "(said)" where they fail;
 *  - no global state but the program name and the temporaries (err.c).
 */
#ifndef SU_H
#define SU_H

#include "su_err.h"
#include "su_text.h"
#include "su_money.h"
#include "su_rate.h"
#include "su_category.h"
#include "su_date.h"
#include "su_period.h"
#include "su_cli.h"
#include "su_columns.h"
#include "su_model.h"
#include "su_shipped.h"
#include "su_stats.h"
#include "su_history.h"
#include "su_expr.h"
#include "su_ini.h"
#include "su_rules.h"
#include "su_plan.h"
#include "su_payout.h"
#include "su_map.h"
#include "su_idset.h"
#include "su_groups.h"
#include "su_scan.h"
#include "su_csvin.h"
#include "su_csvout.h"
#include "su_run.h"
#include "su_ndjson.h"

#endif
