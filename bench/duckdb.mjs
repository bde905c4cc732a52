// bench/duckdb.mjs FILE [THREADS] - make bench's DuckDB contender (npm
// @duckdb/node-api, pinned in bench/package.json, installed by .ci/deps
// bench): the same group-by sum as `forecast -g owner` and bench/sum.py.
// Prints "OWNER<TAB>SUM" lines, SUM in dollars and cents as DuckDB's
// DECIMAL prints it; on stderr the version, the threads it ran on and the
// rows it summed.  THREADS: DuckDB's threads setting (default: DuckDB's,
// one per core).
//
// The amounts ("$1,234.50") are read as text (all_varchar) and cast, once
// "$" and "," are gone, to DECIMAL(18,2): exact integers of cents, summed
// into a DECIMAL(38,2); a DOUBLE never holds money here.  Text that is no
// number fails the cast and the query, as it should.  An empty amount is
// NULL, which SUM passes over: a group of none sums to 0.  Rows whose
// number of fields is not the header's (the report footer) are skipped
// (ignore_errors), as bench/sum.py skips them; the rows summed are
// printed so that a skipped deal would show.
//
// Exit status: 0; 1 if DuckDB fails (its message on stderr); 2 for a bad
// usage; 3 if the package is not installed, which bench/compare says in
// its table and goes on.
const fail = (status, msg) => {
	process.stderr.write(`bench/duckdb.mjs: ${msg}\n`);
	process.exit(status);
};
process.on('uncaughtException', (e) => fail(1, e.message));
process.on('unhandledRejection', (e) => fail(1, e.message));

const [file, threads] = process.argv.slice(2);
if (!file)
	fail(2, 'usage: node bench/duckdb.mjs FILE [THREADS]');
let DuckDBInstance;
try {
	({ DuckDBInstance } = await import('@duckdb/node-api'));
} catch (e) {
	fail(3, `@duckdb/node-api not installed (.ci/deps bench runs npm ` +
	    `ci in bench/): ${e.message.split('\n')[0]}`);
}
const instance = await DuckDBInstance.create(':memory:',
    threads ? { threads: String(threads) } : {});
const con = await instance.connect();
const csv = `read_csv($file, header = true, all_varchar = true,
    ignore_errors = true)`;
const groups = await con.runAndReadAll(`
    SELECT "Opportunity Owner",
	CAST(COALESCE(SUM(CAST(replace(replace("Amount", '$', ''), ',', '')
	    AS DECIMAL(18, 2))), 0) AS VARCHAR),
	count(*)
    FROM ${csv}
    GROUP BY 1 ORDER BY 1`, { file });
const info = await con.runAndReadAll(
    `SELECT version(), current_setting('threads')`);
let rows = 0n;
let out = '';
for (const [owner, sum, n] of groups.getRows()) {
	out += `${owner}\t${sum}\n`;
	rows += BigInt(n);
}
process.stdout.write(out);
const [version, nthreads] = info.getRows()[0];
process.stderr.write(`duckdb ${version}: ${nthreads} ` +
    `thread${String(nthreads) === '1' ? '' : 's'}, ${rows} rows summed\n`);
