/* indsats-cli.h: the headless commands */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int indsats_cli_run (int    argc,
                     char **argv);

G_END_DECLS
