#define _GNU_SOURCE 1
#define _XOPEN_SOURCE 600
#include "CNcurses.h"

#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static SCREEN *jw_screen = NULL;
static volatile sig_atomic_t jw_pending_signal = 0;
static FILE *jw_in = NULL;
static FILE *jw_out = NULL;
static int jw_in_fd = -1;

int jw_setup_locale(void) {
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0)) return 1;
    if (setlocale(LC_CTYPE, "C.UTF-8") != NULL) return 1;
    return 0;
}

void jw_unblock_signals(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGWINCH);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

int jw_open(int in_fd, int out_fd, const char *term, int use_color) {
    if (jw_screen) return 0;
    int in_copy = dup(in_fd);
    int out_copy = dup(out_fd);
    if (in_copy < 0 || out_copy < 0) return -1;
    jw_in = fdopen(in_copy, "r");
    jw_out = fdopen(out_copy, "w");
    if (!jw_in || !jw_out) return -1;
    jw_screen = newterm(term, jw_out, jw_in);
    if (!jw_screen) {
        fclose(jw_in);
        fclose(jw_out);
        jw_in = jw_out = NULL;
        return -1;
    }
    jw_in_fd = in_copy;
    set_term(jw_screen);
    raw(); /* Ctrl-C arrives as a key: the walk leaves cleanly and says where it is saved */
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    intrflush(stdscr, FALSE);
    set_escdelay(25);
    curs_set(0);
    /* Until the screen has been left once, curses counts itself as not yet running and flushes its
       output after every cursor move: a frame went out as one write(2) per row it touched (18 for a
       verdict). It is left and entered once here, before anything is drawn, with its output pointed
       at /dev/null meanwhile: the terminal sees neither, and the terminal modes set above stay (on
       /dev/null they cannot be changed, and waiting for the terminal to drain its output would slow
       the first frame). From then on every frame is one write. */
    int quiet = open("/dev/null", O_WRONLY | O_CLOEXEC);
    int real = quiet >= 0 ? dup(out_copy) : -1;
    if (quiet >= 0 && real >= 0 && dup2(quiet, out_copy) >= 0) {
        endwin();
        refresh();
        fflush(jw_out);
        dup2(real, out_copy);
        /* The first real frame clears the screen, whatever curses believes is on it. */
        clearok(curscr, TRUE);
    }
    if (quiet >= 0) close(quiet);
    if (real >= 0) close(real);
    if (use_color && has_colors()) {
        start_color();
        use_default_colors();
    }
    return 0;
}

void jw_close(void) {
    if (!jw_screen) return;
    endwin();
    delscreen(jw_screen);
    jw_screen = NULL;
    if (jw_in) fclose(jw_in);
    if (jw_out) fclose(jw_out);
    jw_in = jw_out = NULL;
    jw_in_fd = -1;
}

int jw_rows(void) { return jw_screen ? getmaxy(stdscr) : 0; }
int jw_cols(void) { return jw_screen ? getmaxx(stdscr) : 0; }

void jw_define_pair(int pair, int fg, int bg) {
    if (jw_screen && has_colors() && pair < COLOR_PAIRS) init_pair((short)pair, (short)fg, (short)bg);
}

void jw_set_style(int pair, int attributes) {
    attr_t attrs = A_NORMAL;
    if (attributes & JW_BOLD) attrs |= A_BOLD;
    if (attributes & JW_REVERSE) attrs |= A_REVERSE;
    if (attributes & JW_DIM) attrs |= A_DIM;
    if (attributes & JW_UNDERLINE) attrs |= A_UNDERLINE;
    if (pair > 0 && has_colors()) attrs |= COLOR_PAIR(pair);
    attrset(attrs);
}

void jw_erase(void) { erase(); }

void jw_set_background(int pair) {
    if (!jw_screen) return;
    bkgdset(pair > 0 && has_colors() ? COLOR_PAIR(pair) : A_NORMAL);
    bkgd(pair > 0 && has_colors() ? COLOR_PAIR(pair) : A_NORMAL);
}

void jw_clear_row(int row) {
    move(row, 0);
    clrtoeol();
}

int jw_row_overflowed(int row) {
    if (!jw_screen) return 0;
    int y = getcury(stdscr), x = getcurx(stdscr);
    return y > row + 1 || (y == row + 1 && x > 0);
}

void jw_put(int row, int column, const char *utf8) { mvaddstr(row, column, utf8); }

void jw_refresh(void) { refresh(); }

static int jw_function_key(int key) {
    switch (key) {
    case KEY_UP: return JW_FK_UP;
    case KEY_DOWN: return JW_FK_DOWN;
    case KEY_LEFT: return JW_FK_LEFT;
    case KEY_RIGHT: return JW_FK_RIGHT;
    case KEY_HOME: return JW_FK_HOME;
    case KEY_END: return JW_FK_END;
    case KEY_BACKSPACE: return JW_FK_BACKSPACE;
    case KEY_DC: return JW_FK_DELETE;
    case KEY_PPAGE: return JW_FK_PAGE_UP;
    case KEY_NPAGE: return JW_FK_PAGE_DOWN;
    case KEY_ENTER: return JW_FK_ENTER;
    case KEY_BTAB: return JW_FK_BACK_TAB;
    default: return JW_FK_OTHER;
    }
}

/* The next key if it is already there (queued in curses or readable at once), without waiting:
   ERR when nothing is. */
static int jw_key_now(wint_t *ch) {
    nodelay(stdscr, TRUE);
    int kind = wget_wch(stdscr, ch);
    nodelay(stdscr, FALSE);
    return kind;
}

/* Puts a key read too far back in front of the queue. */
static void jw_unread(int kind, wint_t ch) {
    if (kind == KEY_CODE_YES) ungetch((int)ch);
    else if (kind == OK) unget_wch((wchar_t)ch);
}

/* What came with an Esc, when something did: curses decodes the sequences it knows (arrows, Home…)
   and gives any other one as 27 followed by its bytes. An Esc with more input at once is never a
   press of Esc: a CSI (ESC [ parameters final byte, e.g. a colour pasted as `ESC [31m`, bracketed
   paste marks) or SS3 sequence, a string (OSC, DCS…) up to BEL or ESC \, or an Alt chord (ESC and
   one key). All of it is swallowed, and only what is already there: keys typed later are keys.
   Returns 1 when the Esc stands alone and is a press of Esc. */
static int jw_swallow_escape(void) {
    wint_t next = 0;
    int kind = jw_key_now(&next);
    if (kind == ERR) return 1;
    if (kind == KEY_CODE_YES) {
        /* An Alt chord on a function key; a resize is kept for the next read. */
        if (next == KEY_RESIZE) jw_unread(kind, next);
        return 0;
    }
    if (next == 27) {
        /* Esc pressed twice before the first was read: this one is Esc, the next is looked at again. */
        jw_unread(kind, next);
        return 1;
    }
    wint_t c = 0;
    if (next == '[') {
        /* Parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, then a final byte 0x40–0x7E. */
        while ((kind = jw_key_now(&c)) == OK) {
            if (c >= 0x40 && c <= 0x7E) return 0;
            if (c < 0x20 || c > 0x3F) break;
        }
        jw_unread(kind, c);
        return 0;
    }
    if (next == 'O') {
        kind = jw_key_now(&c);
        if (!(kind == OK && c >= 0x40 && c <= 0x7E)) jw_unread(kind, c);
        return 0;
    }
    if (next == ']' || next == 'P' || next == '_' || next == '^' || next == 'X') {
        /* A string: up to BEL or the string terminator ESC \. */
        while ((kind = jw_key_now(&c)) == OK) {
            if (c == 7) return 0;
            if (c == 27) {
                wint_t end = 0;
                int after = jw_key_now(&end);
                if (after == OK && end == '\\') return 0;
                jw_unread(after, end);
            }
        }
        jw_unread(kind, c);
        return 0;
    }
    /* Alt and a key (ESC x): nothing. */
    return 0;
}

static int jw_take_key(unsigned int *code) {
    for (;;) {
        wint_t ch = 0;
        int kind = jw_key_now(&ch);
        if (kind == ERR) return JW_KEY_TIMEOUT;
        if (kind == KEY_CODE_YES) {
            if (ch == KEY_RESIZE) return JW_KEY_RESIZE;
            *code = (unsigned int)jw_function_key((int)ch);
            return JW_KEY_FUNCTION;
        }
        if (ch == 27 && !jw_swallow_escape()) continue;
        *code = (unsigned int)ch;
        return JW_KEY_CHAR;
    }
}

static int jw_signal_pipe[2] = { -1, -1 };

static void jw_note_signal(int signal_number) {
    int saved = errno;
    if (jw_pending_signal == 0) jw_pending_signal = signal_number;
    if (jw_signal_pipe[1] >= 0) {
        ssize_t ignored = write(jw_signal_pipe[1], "!", 1);
        (void)ignored;
    }
    errno = saved;
}

void jw_install_interrupt_handlers(void) {
    int signals[] = { SIGINT, SIGTERM, SIGHUP };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = jw_note_signal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = 0; /* no SA_RESTART: a wait in poll returns at once with EINTR */
        sigaction(signals[i], &action, NULL);
    }
    if (jw_signal_pipe[0] < 0 && pipe(jw_signal_pipe) == 0) {
        for (int i = 0; i < 2; i++) {
            fcntl(jw_signal_pipe[i], F_SETFD, FD_CLOEXEC);
            fcntl(jw_signal_pipe[i], F_SETFL, fcntl(jw_signal_pipe[i], F_GETFL) | O_NONBLOCK);
        }
    }
}

int jw_take_signal(void) {
    int number = jw_pending_signal;
    jw_pending_signal = 0;
    if (jw_signal_pipe[0] >= 0) {
        char drain[16];
        while (read(jw_signal_pipe[0], drain, sizeof drain) > 0) {}
    }
    return number;
}

void jw_suspend(void) {
    if (!jw_screen) return;
    endwin();
    fflush(jw_out);
    struct sigaction stop, previous;
    memset(&stop, 0, sizeof stop);
    stop.sa_handler = SIG_DFL;
    sigemptyset(&stop.sa_mask);
    sigaction(SIGTSTP, &stop, &previous);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    /* Like the terminal's own Ctrl-Z: stop the whole foreground job; `fg` continues here. */
    kill(0, SIGTSTP);
    sigaction(SIGTSTP, &previous, NULL);
    reset_prog_mode();
    clearok(curscr, TRUE);
    refresh();
}

int jw_input_pending(void) {
    if (!jw_screen || jw_in_fd < 0) return 0;
    struct pollfd p = { .fd = jw_in_fd, .events = POLLIN, .revents = 0 };
    return poll(&p, 1, 0) > 0 && (p.revents & POLLIN) ? 1 : 0;
}

int jw_read_key(int timeout_ms, unsigned int *code) {
    if (!jw_screen) return JW_KEY_CLOSED;
    if (jw_pending_signal != 0) {
        *code = (unsigned int)jw_take_signal();
        return JW_KEY_SIGNAL;
    }
    /* A resize or a key already queued inside curses comes first. */
    int queued = jw_take_key(code);
    if (queued != JW_KEY_TIMEOUT) return queued;
    /* The second descriptor is the signal pipe, so a signal that lands just before poll still wakes it. */
    struct pollfd polled[2] = {
        { .fd = jw_in_fd, .events = POLLIN, .revents = 0 },
        { .fd = jw_signal_pipe[0], .events = POLLIN, .revents = 0 },
    };
    int ready = poll(polled, jw_signal_pipe[0] >= 0 ? 2 : 1, timeout_ms);
    if (jw_pending_signal != 0) {
        *code = (unsigned int)jw_take_signal();
        return JW_KEY_SIGNAL;
    }
    struct pollfd p = polled[0];
    if (ready < 0) {
        if (errno == EINTR) return jw_take_key(code);
        return JW_KEY_CLOSED;
    }
    if (ready == 0 || p.revents == 0) return JW_KEY_TIMEOUT;
    if (p.revents & (POLLERR | POLLNVAL)) return JW_KEY_CLOSED;
    int available = 0;
    if (ioctl(jw_in_fd, FIONREAD, &available) == 0 && available == 0) return JW_KEY_CLOSED;
    int kind = jw_take_key(code);
    return kind;
}

static void jw_crash(int signal_number) {
    if (jw_screen) endwin();
    static const char message[] =
        "\njourneywalk stopped on an internal error. Every verdict and note it acknowledged is saved;"
        " `journeywalk resume` continues the walk.\n";
    ssize_t ignored = write(STDERR_FILENO, message, sizeof message - 1);
    (void)ignored;
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

void jw_install_crash_handlers(void) {
    int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = jw_crash;
        sigemptyset(&action.sa_mask);
        sigaction(signals[i], &action, NULL);
    }
}

int jw_open_pty(char *slave_path, int path_size) {
    int fd = posix_openpt(O_RDWR | O_NOCTTY);
    if (fd < 0) return -1;
    if (grantpt(fd) != 0 || unlockpt(fd) != 0) { close(fd); return -1; }
    const char *name = ptsname(fd);
    if (!name) { close(fd); return -1; }
    snprintf(slave_path, (size_t)path_size, "%s", name);
    return fd;
}

void jw_set_pty_size(int fd, int rows, int cols) {
    struct winsize size;
    memset(&size, 0, sizeof size);
    size.ws_row = (unsigned short)rows;
    size.ws_col = (unsigned short)cols;
    ioctl(fd, TIOCSWINSZ, &size);
}
