/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cw-sandbox-model-parameters.c: the databases' SQL users and parameter groups
 *
 * Each database has a master user and a few SQL users, a backup retention, and a DB
 * parameter group (an Aurora cluster: a DB cluster parameter group, its members a DB
 * parameter group of their own). A group holds only what its owner set; every other
 * parameter is the family's, as RDS lists it: sorted by name, with what RDS itself
 * sets (Source "system") or nothing (Source "engine-default"). The default groups,
 * default.<family>, are AWS's and cannot be modified.
 */
#define G_LOG_DOMAIN "cw-sandbox-model"

#include "config.h"

#include <string.h>

#include "cw-sandbox.h"
#include "cw-sandbox-model-private.h"
#include "cw-sandbox-private.h"

/* Who else signs in to every simulated database: an application's user, which may not
 * read the binlog. */
#define APP_USER     "app"
#define APP_PASSWORD "App-Sandbox-5tY7uI9oP3"

enum {
  MYSQL = 1 << 0,             /* RDS for MySQL and MariaDB: a DB parameter group */
  AURORA_CLUSTER = 1 << 1,    /* Aurora MySQL: the DB cluster parameter group */
  AURORA_INSTANCE = 1 << 2,   /* Aurora MySQL: its instances' DB parameter group */
  POSTGRES = 1 << 3,
};

#define MA  (MYSQL | AURORA_INSTANCE)
#define MC  (MYSQL | AURORA_CLUSTER)
#define ALL (MYSQL | AURORA_CLUSTER | AURORA_INSTANCE)

typedef struct {
  const char *name;
  guint       scopes;
  const char *data_type;
  const char *allowed_values;
  gboolean    dynamic;
  gboolean    modifiable;
  const char *system_value;    /* what RDS sets in every group, or NULL */
  const char *description;
  const char *engine_value;    /* what the engine does when nothing is set */
} Spec;

#define B "boolean", "0,1"
#define I(range) "integer", range
#define S(values) "string", values

/* Sorted by name, as RDS answers. */
static const Spec specs[] = {
  { "aurora_binlog_replication_max_yield_seconds", AURORA_CLUSTER, I ("0-36000"), TRUE, TRUE, NULL, "Controls the number of seconds that binary log dump thread waits", NULL },
  { "aurora_enable_repl_bin_log_filtering", AURORA_CLUSTER, B, TRUE, TRUE, "1", "Enables filtering of replicated binary log events", NULL },
  { "aurora_load_from_s3_role", AURORA_CLUSTER, S (NULL), TRUE, TRUE, NULL, "IAM role ARN used to load data from AWS S3", NULL },
  { "aurora_select_into_s3_role", AURORA_CLUSTER, S (NULL), TRUE, TRUE, NULL, "IAM role ARN used to select data into AWS S3", NULL },
  { "auto_increment_increment", ALL, I ("1-65535"), TRUE, TRUE, NULL, "Intended for use with master-to-master replication, and can be used to control the operation of AUTO_INCREMENT columns", NULL },
  { "auto_increment_offset", ALL, I ("1-65535"), TRUE, TRUE, NULL, "Determines the starting point for the AUTO_INCREMENT column value", NULL },
  { "autocommit", MA, B, TRUE, TRUE, NULL, "Sets the autocommit mode", NULL },
  { "automatic_sp_privileges", MA, B, TRUE, TRUE, NULL, "When this variable has a value of 1 (the default), the server automatically grants the EXECUTE and ALTER ROUTINE privileges to the creator of a stored routine", NULL },
  { "aws_default_lambda_role", AURORA_CLUSTER, S (NULL), TRUE, TRUE, NULL, "IAM role ARN used for the lambda_sync and lambda_async functions", NULL },
  { "back_log", MA, I ("1-65535"), FALSE, TRUE, NULL, "The number of outstanding connection requests MySQL can have", NULL },
  { "basedir", MYSQL, S (NULL), FALSE, FALSE, "/rdsdbbin/mysql", "The MySQL installation base directory.", NULL },
  { "binlog_cache_size", MC, I ("4096-18446744073709547520"), TRUE, TRUE, "32768", "The size of the cache to hold the SQL statements for the binary log during a transaction.", NULL },
  { "binlog_checksum", MC, S ("NONE,CRC32"), TRUE, TRUE, NULL, "Causes the master to write a checksum for each event in the binary log.", NULL },
  { "binlog_error_action", MC, S ("IGNORE_ERROR,ABORT_SERVER"), TRUE, TRUE, NULL, "Controls what happens when the server cannot write to the binary log.", NULL },
  { "binlog_format", MC, S ("ROW,STATEMENT,MIXED,OFF"), TRUE, TRUE, NULL, "Binary logging format for replication", NULL },
  { "binlog_group_commit_sync_delay", MC, I ("0-1000000"), TRUE, TRUE, NULL, "Sets the number of microseconds to wait before synchronizing transactions to disk", NULL },
  { "binlog_max_flush_queue_time", MC, I ("0-100000"), TRUE, TRUE, NULL, "How long in microseconds to keep reading transactions from the flush queue before proceeding with the group commit", NULL },
  { "binlog_order_commits", MC, B, TRUE, TRUE, NULL, "Issue the commits in the same order as writes to the binary log", NULL },
  { "binlog_row_image", MC, S ("full,minimal,noblob"), TRUE, TRUE, NULL, "Whether to log full or minimal rows.", "full" },
  { "binlog_rows_query_log_events", MC, B, TRUE, TRUE, NULL, "Allows write of Rows_query_log events into binary log.", NULL },
  { "binlog_stmt_cache_size", MC, I ("4096-18446744073709547520"), TRUE, TRUE, NULL, "The size of the cache to hold nontransactional statements issued during a transaction.", NULL },
  { "binlog_transaction_dependency_tracking", MC, S ("COMMIT_ORDER,WRITESET,WRITESET_SESSION"), TRUE, TRUE, NULL, "The source of dependency information that the master uses to determine which transactions can be executed in parallel", NULL },
  { "block_encryption_mode", MA, S ("aes-128-ecb,aes-192-ecb,aes-256-ecb,aes-128-cbc,aes-192-cbc,aes-256-cbc"), TRUE, TRUE, NULL, "Controls the block encryption mode for block-based algorithms such as AES", NULL },
  { "bulk_insert_buffer_size", MA, I ("0-18446744073709551615"), TRUE, TRUE, NULL, "Limits the MyISAM cache tree size in bytes per thread.", NULL },
  { "character_set_client", ALL, S ("big5,dec8,cp850,hp8,koi8r,latin1,latin2,swe7,ascii,ujis,sjis,hebrew,tis620,euckr,koi8u,gb2312,greek,cp1250,gbk,latin5,armscii8,utf8,ucs2,cp866,keybcs2,macce,macroman,cp852,latin7,utf8mb4,cp1251,utf16,cp1256,cp1257,utf32,binary,geostd8,cp932,eucjpms"), TRUE, TRUE, NULL, "The character set for statements that arrive from the client.", NULL },
  { "character_set_connection", ALL, S ("big5,latin1,latin2,ascii,utf8,utf8mb4,binary"), TRUE, TRUE, NULL, "The character set used for literals that do not have a character set introducer and for number-to-string conversion.", NULL },
  { "character_set_database", ALL, S ("big5,latin1,latin2,ascii,utf8,utf8mb4"), TRUE, TRUE, NULL, "The character set used by the default database.", NULL },
  { "character_set_filesystem", ALL, S ("big5,latin1,latin2,ascii,utf8,utf8mb4,binary"), TRUE, TRUE, "binary", "The file system character set.", NULL },
  { "character_set_results", ALL, S ("big5,latin1,latin2,ascii,utf8,utf8mb4,binary"), TRUE, TRUE, NULL, "The character set used for returning query results to the client.", NULL },
  { "character_set_server", ALL, S ("big5,latin1,latin2,ascii,utf8,utf8mb4"), TRUE, TRUE, NULL, "The server's default character set.", NULL },
  { "collation_connection", ALL, S ("utf8mb4_0900_ai_ci,utf8mb4_general_ci,utf8mb4_bin,latin1_swedish_ci,utf8_general_ci"), TRUE, TRUE, NULL, "The collation of the connection character set.", NULL },
  { "collation_server", ALL, S ("utf8mb4_0900_ai_ci,utf8mb4_general_ci,utf8mb4_bin,latin1_swedish_ci,utf8_general_ci"), TRUE, TRUE, NULL, "The server's default collation.", NULL },
  { "completion_type", MA, S ("NO_CHAIN,CHAIN,RELEASE,0,1,2"), TRUE, TRUE, NULL, "The transaction completion type.", NULL },
  { "concurrent_insert", MA, S ("NEVER,AUTO,ALWAYS,0,1,2"), TRUE, TRUE, NULL, "If set to 1 (the default), MyISAM allows INSERT and SELECT statements to run concurrently for MyISAM tables", NULL },
  { "connect_timeout", MA, I ("2-31536000"), TRUE, TRUE, NULL, "The number of seconds that the mysqld server waits for a connect packet before responding with Bad handshake", NULL },
  { "datadir", MYSQL, S (NULL), FALSE, FALSE, "/rdsdbdata/db/", "The path to the MySQL server data directory", NULL },
  { "default_password_lifetime", MA, I ("0-65535"), TRUE, TRUE, NULL, "Defines the global automatic password expiration policy in days.", NULL },
  { "default_tmp_storage_engine", MA, S ("InnoDB,MyISAM,MEMORY"), TRUE, TRUE, NULL, "The default storage engine for TEMPORARY tables.", NULL },
  { "default_week_format", MA, I ("0-7"), TRUE, TRUE, NULL, "The default mode value to use for the WEEK() function.", NULL },
  { "delay_key_write", MA, S ("ON,OFF,ALL"), TRUE, TRUE, NULL, "Specifies how MyISAM tables handle CREATE TABLE DELAY_KEY_WRITE option.", NULL },
  { "div_precision_increment", MA, I ("0-30"), TRUE, TRUE, NULL, "The number of digits of precision by which to increase the result of division operations", NULL },
  { "end_markers_in_json", MA, B, TRUE, TRUE, NULL, "Whether optimizer JSON output should add end markers.", NULL },
  { "enforce_gtid_consistency", MC, S ("OFF,WARN,ON"), FALSE, TRUE, NULL, "Prevents execution of statements that cannot be logged in a transactionally safe manner", NULL },
  { "eq_range_index_dive_limit", MA, I ("0-4294967295"), TRUE, TRUE, NULL, "The number of equality ranges at which the optimizer switches from index dives to index statistics.", NULL },
  { "event_scheduler", MA, S ("ON,OFF"), TRUE, TRUE, NULL, "Indicates the status of the Event Scheduler", NULL },
  { "explicit_defaults_for_timestamp", MA, B, TRUE, TRUE, NULL, "Controls whether the server enables certain nonstandard behaviors for default values and NULL-value handling in TIMESTAMP columns.", NULL },
  { "flush", MA, B, TRUE, TRUE, NULL, "Sync all writes to disk after each SQL statement.", NULL },
  { "flush_time", MA, I ("0-31536000"), TRUE, TRUE, NULL, "Frees up resources and synchronizes unflushed data to disk every flush_time seconds.", NULL },
  { "ft_max_word_len", MA, I ("10-4294967295"), FALSE, TRUE, NULL, "The maximum length of the word to be included in a FULLTEXT index.", NULL },
  { "ft_min_word_len", MA, I ("1-3600"), FALSE, TRUE, NULL, "The minimum length of the word to be included in a FULLTEXT index.", NULL },
  { "ft_query_expansion_limit", MA, I ("0-1000"), FALSE, TRUE, NULL, "The number of top matches to use for full-text searches performed using WITH QUERY EXPANSION.", NULL },
  { "general_log", MA, B, TRUE, TRUE, NULL, "Whether the general query log is enabled", NULL },
  { "group_concat_max_len", MA, I ("4-18446744073709551615"), TRUE, TRUE, NULL, "The maximum allowed result length in bytes for the GROUP_CONCAT() function.", NULL },
  { "gtid-mode", MC, S ("OFF,OFF_PERMISSIVE,ON_PERMISSIVE,ON"), FALSE, TRUE, NULL, "Controls whether GTID based logging is enabled and what type of transactions the logs can contain", NULL },
  { "host_cache_size", MA, I ("0-65536"), TRUE, TRUE, NULL, "The size of the internal host cache.", NULL },
  { "init_connect", MA, S (NULL), TRUE, TRUE, NULL, "A string to be executed by the server for each client that connects.", NULL },
  { "innodb_adaptive_hash_index", MA, B, TRUE, TRUE, NULL, "Whether innodb adaptive hash indexes are enabled or disabled", NULL },
  { "innodb_autoinc_lock_mode", MC, I ("0-2"), FALSE, TRUE, NULL, "The locking mode to use for generating auto-increment values", NULL },
  { "innodb_buffer_pool_size", MA, I ("5242880-9223372036854775807"), FALSE, TRUE, "{DBInstanceClassMemory*3/4}", "The size in bytes of the memory buffer innodb uses to cache data and indexes of its tables", NULL },
  { "innodb_change_buffering", MA, S ("inserts,deletes,purges,changes,all,none"), TRUE, TRUE, NULL, "Whether InnoDB performs change buffering", NULL },
  { "innodb_deadlock_detect", MA, B, TRUE, TRUE, NULL, "Enables or disables deadlock detection.", NULL },
  { "innodb_file_per_table", MC, B, TRUE, TRUE, "1", "Use tablespaces or files for Innodb.", NULL },
  { "innodb_flush_log_at_trx_commit", MC, S ("0,1,2"), TRUE, TRUE, "1", "Determines Innodb transaction durability", NULL },
  { "innodb_io_capacity", MA, I ("100-18446744073709551615"), TRUE, TRUE, NULL, "The number of I/O operations per second that InnoDB background tasks may perform", NULL },
  { "innodb_lock_wait_timeout", MA, I ("1-1073741824"), TRUE, TRUE, NULL, "Timeout in seconds an innodb transaction may wait for a row lock before giving up", NULL },
  { "innodb_log_buffer_size", MA, I ("262144-4294967295"), FALSE, TRUE, "8388608", "The size in bytes of the buffer that InnoDB uses to write to the log files on disk.", NULL },
  { "innodb_lru_scan_depth", MA, I ("100-18446744073709551615"), TRUE, TRUE, NULL, "How far down the buffer pool LRU page list the page cleaner thread scans", NULL },
  { "innodb_open_files", MA, I ("10-2147483647"), FALSE, TRUE, NULL, "The maximum number of .ibd files that MySQL can keep open at one time", NULL },
  { "innodb_print_all_deadlocks", MA, B, TRUE, TRUE, NULL, "Whether all deadlocks in InnoDB user transactions are printed in the error log", NULL },
  { "innodb_read_io_threads", MA, I ("1-64"), FALSE, TRUE, NULL, "The number of I/O threads for read operations in InnoDB.", NULL },
  { "innodb_sort_buffer_size", MA, I ("65536-67108864"), FALSE, TRUE, NULL, "Specifies the sort buffer size for online DDL operations that create or rebuild secondary indexes.", NULL },
  { "innodb_stats_persistent", MA, B, TRUE, TRUE, NULL, "Specifies whether InnoDB index statistics are persisted to disk.", NULL },
  { "innodb_strict_mode", MA, B, TRUE, TRUE, NULL, "Whether InnoDB returns errors rather than warnings for exceptional conditions", NULL },
  { "innodb_thread_concurrency", MA, I ("0-1000"), TRUE, TRUE, NULL, "Sets the maximum number of threads allowed inside InnoDB.", NULL },
  { "innodb_write_io_threads", MA, I ("1-64"), FALSE, TRUE, NULL, "The number of I/O threads for write operations in InnoDB.", NULL },
  { "interactive_timeout", MA, I ("1-31536000"), TRUE, TRUE, NULL, "The number of seconds the server waits for activity on an interactive connection before closing it.", NULL },
  { "join_buffer_size", MA, I ("128-18446744073709547520"), TRUE, TRUE, NULL, "The minimum size of the buffer that is used for plain index scans, range index scans, and joins that do not use indexes", NULL },
  { "key_buffer_size", MA, I ("8-9223372036854775807"), TRUE, TRUE, "16777216", "Increase the buffer size to get better index handling used for index blocks (for all reads and multiple writes).", NULL },
  { "local_infile", MA, B, TRUE, TRUE, "1", "Controls whether LOCAL is supported for LOAD DATA INFILE", NULL },
  { "lock_wait_timeout", MA, I ("1-31536000"), TRUE, TRUE, NULL, "Specifies the timeout in seconds for attempts to acquire metadata locks", NULL },
  { "log_bin_trust_function_creators", MA, B, TRUE, TRUE, NULL, "Enforces restrictions on stored functions / triggers - logging for replication.", NULL },
  { "log_error_verbosity", MA, S ("1,2,3"), TRUE, TRUE, NULL, "Specifies the verbosity for handling events intended for the error log", NULL },
  { "log_output", MA, S ("TABLE,FILE,NONE"), TRUE, TRUE, "TABLE", "Controls where to store query logs", NULL },
  { "log_queries_not_using_indexes", MA, B, TRUE, TRUE, NULL, "Logs queries that are expected to retrieve all rows to slow query log", NULL },
  { "long_query_time", MA, "float", "0-31536000", TRUE, TRUE, NULL, "Defines what MySQL considers long queries", NULL },
  { "lower_case_table_names", MC, S ("0,1"), FALSE, TRUE, NULL, "Affects how the server handles identifier case sensitivity", NULL },
  { "max_allowed_packet", MA, I ("1024-1073741824"), TRUE, TRUE, NULL, "This value by default is small, to catch large (possibly incorrect) packets. Must be increased if using large BLOB columns or long strings.", NULL },
  { "max_binlog_size", MC, I ("4096-1073741824"), TRUE, TRUE, "134217728", "Server rotates the binlog once it reaches this size.", NULL },
  { "max_connect_errors", MA, I ("1-18446744073709551615"), TRUE, TRUE, NULL, "A host is blocked from further connections if there are more than this number of interrupted connections", NULL },
  { "max_connections", MA, I ("1-100000"), TRUE, TRUE, "{DBInstanceClassMemory/12582880}", "The number of simultaneous client connections allowed.", NULL },
  { "max_execution_time", MA, I ("0-4294967295"), TRUE, TRUE, NULL, "Kill SELECT statements that take longer than this many milliseconds", NULL },
  { "max_heap_table_size", MA, I ("16384-1844674407370954752"), TRUE, TRUE, NULL, "Maximum size to which MEMORY tables are allowed to grow.", NULL },
  { "max_prepared_stmt_count", MA, I ("0-1048576"), TRUE, TRUE, NULL, "Limits the total number of prepared statements in the server.", NULL },
  { "max_user_connections", MA, I ("0-4294967295"), TRUE, TRUE, NULL, "The maximum number of simultaneous connections permitted to any given MySQL account.", NULL },
  { "min_examined_row_limit", MA, I ("0-18446744073709547520"), TRUE, TRUE, NULL, "Queries examining fewer than this number of rows are not logged to the slow query log.", NULL },
  { "net_buffer_length", MA, I ("1024-1048576"), TRUE, TRUE, NULL, "Each client thread is associated with a connection buffer and result buffer.", NULL },
  { "net_read_timeout", MA, I ("1-31536000"), TRUE, TRUE, NULL, "The number of seconds to wait for more data from a connection before aborting the read.", NULL },
  { "net_write_timeout", MA, I ("1-31536000"), TRUE, TRUE, NULL, "The number of seconds to wait for a block to be written to a connection before aborting the write.", NULL },
  { "optimizer_switch", MA, S (NULL), TRUE, TRUE, NULL, "Controls the query optimizer behavior", NULL },
  { "performance_schema", MA, B, FALSE, TRUE, NULL, "Enables or disables the Performance Schema", NULL },
  { "read_buffer_size", MA, I ("8200-2147479552"), TRUE, TRUE, "262144", "Each thread that does a sequential scan allocates this buffer.", NULL },
  { "read_only", MA, B, TRUE, TRUE, "{TrueIfReplica}", "When it is enabled, the server permits no updates except from updates performed by slave threads.", NULL },
  { "read_rnd_buffer_size", MA, I ("1-2147483647"), TRUE, TRUE, "524288", "Avoids disk reads when reading rows in sorted order following a key-sorting operation.", NULL },
  { "relay_log_recovery", MA, B, FALSE, TRUE, "1", "Enables automatic relay log recovery right after the database startup.", NULL },
  { "require_secure_transport", MC, B, TRUE, TRUE, NULL, "Whether client connections to the server are required to use some form of secure transport", "0" },
  { "secure_file_priv", MA, S (NULL), FALSE, FALSE, "/secure-file-priv", "Limits the effect of LOAD_FILE(), LOAD DATA, and SELECT INTO OUTFILE to specified directory.", NULL },
  { "server_audit_logging", MC, B, TRUE, TRUE, NULL, "Enables or disables audit logging", NULL },
  { "skip_name_resolve", MA, B, FALSE, TRUE, NULL, "Do not resolve host names when checking client connections", NULL },
  { "slow_query_log", MA, B, TRUE, TRUE, NULL, "Enable or disable the slow query log", NULL },
  { "sort_buffer_size", MA, I ("32768-18446744073709551615"), TRUE, TRUE, NULL, "Larger value improves perf for ORDER BY or GROUP BY operations.", NULL },
  { "sql_mode", MA, "list", "ALLOW_INVALID_DATES,ANSI_QUOTES,ERROR_FOR_DIVISION_BY_ZERO,HIGH_NOT_PRECEDENCE,IGNORE_SPACE,NO_AUTO_VALUE_ON_ZERO,NO_BACKSLASH_ESCAPES,NO_DIR_IN_CREATE,NO_ENGINE_SUBSTITUTION,NO_UNSIGNED_SUBTRACTION,NO_ZERO_DATE,NO_ZERO_IN_DATE,ONLY_FULL_GROUP_BY,PAD_CHAR_TO_FULL_LENGTH,PIPES_AS_CONCAT,REAL_AS_FLOAT,STRICT_ALL_TABLES,STRICT_TRANS_TABLES,TIME_TRUNCATE_FRACTIONAL", TRUE, TRUE, NULL, "Current SQL Server Mode.", NULL },
  { "sync_binlog", MYSQL, I ("0-18446744073709547520"), TRUE, TRUE, NULL, "Sync binlog (MySQL flush to disk or rely on OS).", NULL },
  { "table_definition_cache", MA, I ("400-524288"), TRUE, TRUE, "{DBInstanceClassMemory*393040/1073741824}", "The number of table definitions that can be stored in the definition cache", NULL },
  { "table_open_cache", MA, I ("1-524288"), TRUE, TRUE, "{DBInstanceClassMemory*1179121/1073741824}", "The number of open tables for all threads.", NULL },
  { "thread_cache_size", MA, I ("0-16384"), TRUE, TRUE, NULL, "How many threads the server should cache for reuse.", NULL },
  { "thread_stack", MA, I ("131072-18446744073709551615"), FALSE, TRUE, NULL, "If the thread stack size is too small, it limits the complexity of the SQL statements that the server can handle", NULL },
  { "time_zone", MC, S ("Africa/Cairo,America/New_York,Asia/Tokyo,Europe/Berlin,Europe/London,UTC"), TRUE, TRUE, NULL, "The server time zone", NULL },
  { "tls_version", MC, S ("TLSv1.2,TLSv1.3"), FALSE, TRUE, "TLSv1.2,TLSv1.3", "TLS protocols the server permits for encrypted connections", NULL },
  { "tmp_table_size", MA, I ("1024-18446744073709551615"), TRUE, TRUE, NULL, "If an in-memory temporary table exceeds the limit, MySQL automatically converts it to an on-disk table", NULL },
  { "tmpdir", MA, S (NULL), FALSE, FALSE, "/rdsdbdata/tmp/", "The directory used for temporary files and temporary tables", NULL },
  { "transaction_isolation", MA, S ("READ-UNCOMMITTED,READ-COMMITTED,REPEATABLE-READ,SERIALIZABLE"), TRUE, TRUE, NULL, "Sets the default transaction isolation level.", NULL },
  { "wait_timeout", MA, I ("1-31536000"), TRUE, TRUE, NULL, "The number of seconds the server waits for activity on a noninteractive TCP/IP connection before closing it.", NULL },
  /* PostgreSQL: a few, for a family that has no binlog at all. */
  { "autovacuum", POSTGRES, B, TRUE, TRUE, NULL, "Starts the autovacuum subprocess.", NULL },
  { "log_min_duration_statement", POSTGRES, I ("-1-2147483647"), TRUE, TRUE, NULL, "Sets the minimum execution time above which statements will be logged.", NULL },
  { "max_connections", POSTGRES, I ("6-262143"), FALSE, TRUE, "LEAST({DBInstanceClassMemory/9531392},5000)", "Sets the maximum number of concurrent connections.", NULL },
  { "rds.force_ssl", POSTGRES, B, TRUE, TRUE, "1", "Force SSL connections.", NULL },
  { "rds.logical_replication", POSTGRES, B, FALSE, TRUE, NULL, "Enables logical decoding.", NULL },
  { "shared_buffers", POSTGRES, I ("16-1073741823"), FALSE, TRUE, "{DBInstanceClassMemory/32768}", "Sets the number of shared memory buffers used by the server.", NULL },
  { "work_mem", POSTGRES, I ("64-2147483647"), TRUE, TRUE, NULL, "Sets the maximum memory to be used for query workspaces.", NULL },
};

#undef B
#undef I
#undef S

/* ---- families ---- */

/* The family of an engine version: mysql8.0, mariadb10.11, aurora-mysql8.0, postgres15. */
char *
cw_sb_model_parameter_family (const char *engine,
                              const char *engine_version)
{
  g_auto(GStrv) parts = g_strsplit (engine_version, ".", 3);
  gboolean major_only = g_str_equal (engine, "postgres");

  if (g_str_equal (engine, "aurora-mysql"))
    return g_strdup_printf ("aurora-mysql%s.0", parts[0]);
  if (major_only || parts[1] == NULL)
    return g_strconcat (engine, parts[0], NULL);
  return g_strdup_printf ("%s%s.%s", engine, parts[0], parts[1]);
}

static guint
scope_of (CwSbParameterGroup *group)
{
  if (g_str_has_prefix (group->family, "postgres"))
    return POSTGRES;
  if (g_str_has_prefix (group->family, "aurora-mysql"))
    return group->base.kind == CW_SB_DB_CLUSTER_PARAMETER_GROUP ? AURORA_CLUSTER : AURORA_INSTANCE;
  return MYSQL;
}

/* What RDS sets that differs by family: Aurora keeps its binlog off until told, RDS for
 * MySQL writes MIXED events unless told otherwise. */
static const char *
family_value (guint        scope,
              const Spec  *spec)
{
  if (g_str_equal (spec->name, "binlog_format"))
    return scope == AURORA_CLUSTER ? "OFF" : "MIXED";
  return spec->system_value;
}

static const Spec *
find_spec (guint       scope,
           const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    if ((specs[i].scopes & scope) && g_str_equal (specs[i].name, name))
      return &specs[i];
  return NULL;
}

/* ---- groups ---- */

static void
free_group_fields (CwSbParameterGroup *group)
{
  g_free (group->family);
  g_free (group->description);
  g_hash_table_unref (group->values);
}

/* @kind: CW_SB_DB_PARAMETER_GROUP or CW_SB_DB_CLUSTER_PARAMETER_GROUP. */
CwSbParameterGroup *
cw_sb_model_add_parameter_group (CwSandboxWorld *world,
                                 const char     *region,
                                 CwSbKind        kind,
                                 const char     *name,
                                 const char     *family,
                                 const char     *description)
{
  CwSbParameterGroup *group = cw_sandbox_world_add (world, kind, name, region);

  group->family = g_strdup (family);
  group->description = g_strdup (description);
  group->is_default = g_str_has_prefix (name, "default.");
  group->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return group;
}

/* AWS makes default.<family> when a database of the family first needs it. */
static CwSbParameterGroup *
default_group (CwSandboxWorld *world,
               const char     *region,
               CwSbKind        kind,
               const char     *family)
{
  g_autofree char *name = g_strconcat ("default.", family, NULL);
  g_autofree char *description = g_strconcat (kind == CW_SB_DB_CLUSTER_PARAMETER_GROUP ? "Default cluster parameter group for "
                                                                                        : "Default parameter group for ",
                                              family, NULL);
  CwSbParameterGroup *group = cw_sandbox_world_peek (world, kind, name);

  return group ? group : cw_sb_model_add_parameter_group (world, region, kind, name, family, description);
}

/* Sets what the group's owner would with ModifyDBParameterGroup; FALSE when AWS would
 * refuse: a default group, or a parameter the family has not or that is not modifiable. */
gboolean
cw_sb_model_set_parameter (CwSbParameterGroup *group,
                           const char         *name,
                           const char         *value)
{
  const Spec *spec = find_spec (scope_of (group), name);

  if (group->is_default || spec == NULL || !spec->modifiable)
    return FALSE;
  g_hash_table_replace (group->values, g_strdup (name), g_strdup (value));
  return TRUE;
}

/* Every parameter of the group, sorted by name as RDS lists them. */
GArray *
cw_sb_model_parameters (CwSbParameterGroup *group)
{
  GArray *parameters = g_array_new (FALSE, TRUE, sizeof (CwSbParameter));
  guint scope = scope_of (group);

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      const Spec *spec = &specs[i];
      const char *own = g_hash_table_lookup (group->values, spec->name);
      CwSbParameter parameter = {
        i, spec->name, own ? own : family_value (scope, spec), NULL, spec->description, spec->dynamic ? "dynamic" : "static",
        spec->data_type, spec->allowed_values, spec->modifiable,
      };

      if (!(spec->scopes & scope))
        continue;
      parameter.source = own ? "user" : parameter.value ? "system" : "engine-default";
      g_array_append_val (parameters, parameter);
    }
  return parameters;
}

/* ---- databases ---- */

static void
sql_user_free (CwSbSqlUser *user)
{
  g_free (user->name);
  cw_sb_wipe (user->password);
  g_free (user);
}

static void
add_user (CwSbDbAccess *access,
          const char   *name,
          const char   *password,
          gboolean      replication)
{
  CwSbSqlUser *user = g_new0 (CwSbSqlUser, 1);

  user->name = g_strdup (name);
  user->password = g_strdup (password);
  user->replication = replication;
  g_ptr_array_add (access->users, user);
}

/* What a database made by RDS has: the master user, an application's user, one day of
 * automated backups (the API's default) and its family's default group. An Aurora
 * member's users and backups are its cluster's: it keeps only its parameter group. */
void
cw_sb_model_init_db_access (CwSandboxWorld *world,
                            CwSbDbAccess   *access,
                            const char     *region,
                            CwSbKind        group_kind,
                            const char     *engine,
                            const char     *engine_version,
                            gboolean        aurora_member)
{
  g_autofree char *family = cw_sb_model_parameter_family (engine, engine_version);

  access->users = g_ptr_array_new_with_free_func ((GDestroyNotify) sql_user_free);
  access->parameter_group = g_strdup (default_group (world, region, group_kind, family)->base.id);
  if (aurora_member)
    return;
  access->master_user = g_strdup (CW_SANDBOX_MYSQL_USER);
  access->backup_retention = 1;
  add_user (access, CW_SANDBOX_MYSQL_USER, CW_SANDBOX_MYSQL_PASSWORD, TRUE);
  add_user (access, APP_USER, APP_PASSWORD, FALSE);
}

void
cw_sb_db_access_clear (CwSbDbAccess *access)
{
  g_free (access->master_user);
  g_clear_pointer (&access->users, g_ptr_array_unref);
  g_free (access->parameter_group);
}

/* Where a database's users, backups and binlog settings live: an Aurora member's are
 * its cluster's. */
CwSbDbAccess *
cw_sb_model_db_access (CwSandboxWorld *world,
                       CwSbDbInstance *db)
{
  CwSbDbCluster *cluster = cw_sandbox_world_peek (world, CW_SB_DB_CLUSTER, db->cluster_id);

  return cluster ? &cluster->access : &db->access;
}

const CwSbSqlUser *
cw_sb_model_find_sql_user (CwSbDbAccess *access,
                           const char   *name,
                           const char   *password)
{
  for (guint i = 0; access->users != NULL && i < access->users->len; i++)
    {
      CwSbSqlUser *user = access->users->pdata[i];

      if (g_strcmp0 (user->name, name) == 0 && g_strcmp0 (user->password, password) == 0)
        return user;
    }
  return NULL;
}

static const char *
group_value (CwSbParameterGroup *group,
             const char         *name,
             gboolean           *has)
{
  const Spec *spec = group ? find_spec (scope_of (group), name) : NULL;
  const char *own = spec ? g_hash_table_lookup (group->values, name) : NULL;
  const char *value = own ? own : spec ? family_value (scope_of (group), spec) : NULL;

  *has = spec != NULL;
  return value ? value : spec ? spec->engine_value : NULL;
}

/* The value the running database has for @name: an Aurora member's binlog settings come
 * from its cluster's group. NULL when its family has no such parameter. */
const char *
cw_sb_model_db_parameter (CwSandboxWorld *world,
                          CwSbDbInstance *db,
                          const char     *name)
{
  CwSbDbCluster *cluster = cw_sandbox_world_peek (world, CW_SB_DB_CLUSTER, db->cluster_id);
  gboolean has = FALSE;
  const char *value;

  if (cluster != NULL)
    {
      value = group_value (cw_sandbox_world_peek (world, CW_SB_DB_CLUSTER_PARAMETER_GROUP,
                                                  cluster->access.parameter_group), name, &has);
      if (has)
        return value;
    }
  return group_value (cw_sandbox_world_peek (world, CW_SB_DB_PARAMETER_GROUP, db->access.parameter_group), name, &has);
}

/* RDS for MySQL writes a binlog only while automated backups are on; Aurora MySQL only
 * while its cluster's binlog_format is not OFF. */
gboolean
cw_sb_model_binlog_enabled (CwSandboxWorld *world,
                            CwSbDbInstance *db)
{
  if (db->cluster_id != NULL)
    return g_ascii_strcasecmp (cw_sb_model_db_parameter (world, db, "binlog_format") ?: "OFF", "OFF") != 0;
  return db->access.backup_retention > 0;
}

/* ---- freeing the kinds after CW_SB_TIDB_LINK ---- */

void
cw_sb_model_free_fields (CwSbResource *resource)
{
  if (resource->kind == CW_SB_DB_PARAMETER_GROUP || resource->kind == CW_SB_DB_CLUSTER_PARAMETER_GROUP)
    free_group_fields ((CwSbParameterGroup *) resource);
  else
    cw_sb_model_free_dataflow_fields (resource);
}
