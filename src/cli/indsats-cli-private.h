/* indsats-cli-private.h: what the command files share */
#pragma once

#include <glib.h>
#include <gmodule.h>
#include <json-glib/json-glib.h>

#include "indsats-import.h"
#include "indsats-store.h"

G_BEGIN_DECLS

enum
{
  INDSATS_EXIT_OK = 0,
  INDSATS_EXIT_FAILED = 1,
  INDSATS_EXIT_USAGE = 2,
};

typedef enum
{
  INDSATS_FORMAT_TSV,
  INDSATS_FORMAT_JSON,
} IndsatsOutputFormat;

typedef struct
{
  const char *database; /* NULL: the default path */
  const char *command;  /* "actions list", for messages */
} IndsatsCli;

typedef int (*IndsatsCliCommandFunc) (IndsatsCli *cli,
                                      int         argc,
                                      char      **argv);

typedef struct
{
  const char            *name;
  IndsatsCliCommandFunc  func;
} IndsatsCliSubcommand;

int           indsats_cli_dispatch    (IndsatsCli                 *cli,
                                       int                         argc,
                                       char                      **argv,
                                       const char                 *group,
                                       const IndsatsCliSubcommand *subcommands,
                                       guint                       n);

/* Reporting */
int           indsats_cli_fail        (IndsatsCli   *cli,
                                       const GError *error);
int           indsats_cli_fail_message (IndsatsCli *cli,
                                        const char *format,
                                        ...) G_GNUC_PRINTF (2, 3);
int           indsats_cli_usage       (IndsatsCli *cli,
                                       const char *format,
                                       ...) G_GNUC_PRINTF (2, 3);

/* Common steps */
IndsatsStore *indsats_cli_open_store  (IndsatsCli  *cli,
                                       GError     **error);
IndsatsStore *indsats_cli_open_store_to_read (IndsatsCli  *cli,
                                              GError     **error);
gboolean      indsats_cli_parse       (IndsatsCli    *cli,
                                       GOptionEntry  *entries,
                                       const char    *parameter_string,
                                       const char    *summary,
                                       int           *argc,
                                       char        ***argv,
                                       int           *exit_code);
gboolean      indsats_cli_parse_format (IndsatsCli          *cli,
                                        const char          *text,
                                        IndsatsOutputFormat *format,
                                        int                 *exit_code);
gboolean      indsats_cli_parse_id     (IndsatsCli   *cli,
                                        const char   *text,
                                        const char   *what,
                                        gint64        max,
                                        gint64       *id,
                                        int          *exit_code);
gboolean      indsats_cli_parse_plan   (IndsatsCli   *cli,
                                        const char   *text,
                                        gint64       *plan_id,
                                        int          *exit_code);
gboolean      indsats_cli_check_text   (IndsatsCli   *cli,
                                        const char   *option,
                                        const char   *text,
                                        const char   *what,
                                        int          *exit_code);
gint64        indsats_cli_resolve_plan (IndsatsStore  *store,
                                        gint64         plan_id,
                                        GError       **error);

/* Output of tables: tsv with a header row, or json as an array of objects */
typedef struct _IndsatsCliTable IndsatsCliTable;

IndsatsCliTable *indsats_cli_table_new      (IndsatsOutputFormat  format,
                                             const char * const  *columns);
void             indsats_cli_table_add_text (IndsatsCliTable     *table,
                                             const char          *text);
void             indsats_cli_table_add_int  (IndsatsCliTable     *table,
                                             gint64               value);
void             indsats_cli_table_add_number (IndsatsCliTable   *table,
                                               double             value);
void             indsats_cli_table_add_bool (IndsatsCliTable     *table,
                                             gboolean             value);
gboolean         indsats_cli_table_print    (IndsatsCliTable     *table,
                                             GError             **error);
void             indsats_cli_table_free     (IndsatsCliTable     *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsCliTable, indsats_cli_table_free)

/* The import summary's line for one file, on stderr */
void     indsats_cli_describe_import      (const IndsatsImportFile     *file);
gboolean indsats_cli_print_import_summary (const IndsatsImportSummary  *summary,
                                           IndsatsOutputFormat          format,
                                           gboolean                     fetched,
                                           gboolean                     dry_run,
                                           GError                     **error);

/* The commands */
int indsats_cli_demo    (IndsatsCli *cli, int argc, char **argv);
int indsats_cli_actions (IndsatsCli *cli, int argc, char **argv);
int indsats_cli_figure  (IndsatsCli *cli, int argc, char **argv);
int indsats_cli_import  (IndsatsCli *cli, int argc, char **argv);
int indsats_cli_series  (IndsatsCli *cli, int argc, char **argv);
int indsats_cli_snapshot (IndsatsCli *cli, int argc, char **argv);
int indsats_cli_changes (IndsatsCli *cli, int argc, char **argv);
int indsats_cli_copy    (IndsatsCli *cli, int argc, char **argv);

/* The commands that need libraries the others do not are modules of their
 * own (see indsats-module.h), which take the core from the program */

/* figure render: cairo, Pango, libdeflate */
#define INDSATS_CLI_RENDER_MODULE "indsats-cli-render"
/* export xlsx|pdf: those and libxlsxwriter, which brings minizip and OpenSSL's libcrypto */
#define INDSATS_CLI_EXPORT_MODULE "indsats-cli-export"
/* fetch: libsoup, libsecret */
#define INDSATS_CLI_FETCH_MODULE "indsats-cli-fetch"

/* Runs @command, a function of @module with the signature of a command */
int indsats_cli_run_module (IndsatsCli *cli,
                            const char *module,
                            const char *command,
                            int         argc,
                            char      **argv);

G_MODULE_EXPORT int indsats_cli_figure_render (IndsatsCli *cli, int argc, char **argv);
G_MODULE_EXPORT int indsats_cli_export        (IndsatsCli *cli, int argc, char **argv);
G_MODULE_EXPORT int indsats_cli_fetch         (IndsatsCli *cli, int argc, char **argv);

G_END_DECLS
