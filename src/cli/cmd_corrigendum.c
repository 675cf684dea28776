/* placeholder replaced below */
#include "cli/cmd.h"
int msp_cmd_corrigendum(int argc, char **argv) { (void)argc; (void)argv; return 2; }
