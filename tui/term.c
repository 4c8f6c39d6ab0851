/* term: terminal setup and restore (see term.h). */
#include "term.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "core/xmalloc.h"

#define EXTRAS_ON "\033[?2004h"
#define EXTRAS_OFF "\033[?2004l\033[?1000l\033[?1002l\033[?1006l"

static struct termios saved_tio;
static int have_tio;
static volatile sig_atomic_t active;
static int utf8 = 1;
static WINDOW *input_pad;
static char restore_seq[256];   /* prepared at start for the signal handler */
static size_t restore_len;

static const int fatal_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP };

static void append_cap(const char *cap)
{
    const char *s = tigetstr((char *)cap);
    if (!s || s == (char *)-1)
        return;
    size_t n = strlen(s);
    if (restore_len + n < sizeof restore_seq) {
        memcpy(restore_seq + restore_len, s, n);
        restore_len += n;
    }
}

/* Only async-signal-safe calls from here on. */
static void on_fatal(int signo)
{
    if (active) {
        if (have_tio)
            tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
        ssize_t w = write(STDOUT_FILENO, restore_seq, restore_len);
        (void)w;
    }
    signal(signo, SIG_DFL);
    raise(signo);
}

static void install_fatal_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal;
    sa.sa_flags = SA_RESETHAND | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof fatal_signals / sizeof *fatal_signals; i++)
        sigaction(fatal_signals[i], &sa, NULL);
}

static void prepare_restore_seq(void)
{
    restore_len = 0;
    append_cap("sgr0");
    append_cap("cnorm");
    append_cap("rmcup");
    size_t n = strlen(EXTRAS_OFF);
    if (restore_len + n + 2 < sizeof restore_seq) {
        memcpy(restore_seq + restore_len, EXTRAS_OFF "\r\n", n + 2);
        restore_len += n + 2;
    }
}

static void extras(int on)
{
    fputs(on ? EXTRAS_ON : EXTRAS_OFF, stdout);
    fflush(stdout);
}

int term_start(struct rw_err *err)
{
    setlocale(LC_ALL, "");
    utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return rw_err_set(err, RW_E_USAGE,
                          "the console needs a terminal; use a sub-command for scripts "
                          "(see rollwatch --help)");
    have_tio = tcgetattr(STDIN_FILENO, &saved_tio) == 0;
    if (!getenv("ESCDELAY"))
        setenv("ESCDELAY", "25", 1);
    if (!newterm(NULL, stdout, stdin))
        return rw_err_set(err, RW_E_USAGE, "cannot start the terminal (TERM=%s)",
                          getenv("TERM") ? getenv("TERM") : "");
    active = 1;
    prepare_restore_seq();
    install_fatal_handlers();
    rw_set_die_hook(term_stop);
    set_escdelay(25);
    cbreak();
    noecho();
    nonl();
    curs_set(0);
    if (has_colors()) {
        start_color();
        use_default_colors();
    }
    mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
    input_pad = newpad(1, 1);
    keypad(input_pad, TRUE);
    nodelay(input_pad, TRUE);
    define_key("\033[200~", TERM_KEY_PASTE_BEGIN);
    define_key("\033[201~", TERM_KEY_PASTE_END);
    extras(1);
    return 0;
}

void term_stop(void)
{
    if (!active)
        return;
    active = 0;
    extras(0);
    endwin();
}

void term_resume(void)
{
    if (!active)
        return;
    reset_prog_mode();
    extras(1);
    clearok(curscr, TRUE);
}

void term_suspend(void)
{
    if (!active)
        return;
    extras(0);
    endwin();
    fflush(stdout);
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigaction(SIGTSTP, &sa, &old);
    raise(SIGTSTP);          /* stopped here until fg */
    sigaction(SIGTSTP, &old, NULL);
    term_resume();
}

void term_resize(void)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col)
        resizeterm(ws.ws_row, ws.ws_col);
}

WINDOW *term_input(void)
{
    return input_pad;
}

int term_active(void)
{
    return active;
}

int term_utf8(void)
{
    return utf8;
}

void term_box(WINDOW *w)
{
    if (utf8)
        box(w, 0, 0);
    else
        wborder(w, '|', '|', '-', '-', '+', '+', '+', '+');
}

const char *term_sep(void)
{
    return utf8 ? " \u00b7 " : " | ";
}
