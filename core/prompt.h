/* prompt: questions to the person at the terminal, asked on /dev/tty before
 * curses owns it (an MFA code for assume-role). Never used once the console
 * runs: it blocks until a line is typed. */
#ifndef RW_PROMPT_H
#define RW_PROMPT_H

#include <stddef.h>

/* Ask for the MFA code of device serial on /dev/tty; 0 with code filled, or -1. */
int rw_prompt_mfa(void *ud, const char *serial, char *code, size_t n);

#endif
