/* The subcommands. Each takes the arguments after its name (argv[0] is the
 * subcommand's name) and returns the process exit code: 0 success, 1 the
 * document (or some documents) failed, 2 usage error. */
#ifndef MSP_CMD_H
#define MSP_CMD_H

int msp_cmd_render(int argc, char **argv);
int msp_cmd_build(int argc, char **argv);
int msp_cmd_check(int argc, char **argv);
int msp_cmd_fo(int argc, char **argv);
int msp_cmd_batch(int argc, char **argv);
int msp_cmd_reissue(int argc, char **argv);

/* The project root (templates/, data/, fonts/): $MSP_ROOT, else the build's
 * source root. Borrowed. */
const char *msp_cli_root(void);

#define MSP_EXIT_OK 0
#define MSP_EXIT_FAILED 1
#define MSP_EXIT_USAGE 2

#endif
