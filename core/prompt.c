/* prompt: /dev/tty questions before the console starts (see prompt.h). */
#include "prompt.h"

#include <stdio.h>
#include <string.h>

int rw_prompt_mfa(void *ud, const char *serial, char *code, size_t n)
{
    (void)ud;
    FILE *tty = fopen("/dev/tty", "r+");
    if (!tty)
        return -1;
    fprintf(tty, "MFA code for %s: ", serial);
    fflush(tty);
    int ok = fgets(code, (int)n, tty) != NULL;
    fclose(tty);
    if (!ok)
        return -1;
    code[strcspn(code, "\r\n")] = '\0';
    return code[0] ? 0 : -1;
}
