#ifndef JOURNEYWALK_CNCURSES_H
#define JOURNEYWALK_CNCURSES_H

/* The wide-character curses API needs these before the header; SwiftPM drops pkg-config's flags. */
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <stdbool.h>

/* Result kinds of jw_read_key. */
enum { JW_KEY_CHAR = 0, JW_KEY_FUNCTION = 1, JW_KEY_TIMEOUT = 2, JW_KEY_CLOSED = 3, JW_KEY_RESIZE = 4, JW_KEY_SIGNAL = 5 };

/* Function keys, as jw_read_key reports them. */
enum {
    JW_FK_UP = 1, JW_FK_DOWN, JW_FK_LEFT, JW_FK_RIGHT, JW_FK_HOME, JW_FK_END,
    JW_FK_BACKSPACE, JW_FK_DELETE, JW_FK_PAGE_UP, JW_FK_PAGE_DOWN, JW_FK_ENTER, JW_FK_BACK_TAB, JW_FK_OTHER
};

/* Attribute bits for jw_set_style (mapped to curses attributes in C, where the macros work). */
enum { JW_BOLD = 1, JW_REVERSE = 2, JW_DIM = 4, JW_UNDERLINE = 8 };

/* Sets the locale from the environment, falling back to C.UTF-8; returns 1 when UTF-8 is in force. */
int jw_setup_locale(void);
/* Unblocks SIGWINCH, SIGHUP, SIGTERM and SIGINT (a parent may have blocked them). */
void jw_unblock_signals(void);
/* Opens curses on the given descriptors with the given terminal name; 0 on success. */
int jw_open(int in_fd, int out_fd, const char *term, int use_color);
/* Leaves curses mode and restores the terminal. Safe to call twice. */
void jw_close(void);
int jw_rows(void);
int jw_cols(void);
/* Defines colour pair n (1...); fg/bg are curses colour numbers, -1 for the default. */
void jw_define_pair(int pair, int fg, int bg);
void jw_set_style(int pair, int attributes);
void jw_erase(void);
/* Sets the background every cleared cell gets: colour pair n (0 for the terminal's own). */
void jw_set_background(int pair);
/* Clears one row from its first column, for a row drawn again. */
void jw_clear_row(int row);
/* 1 when the text written on a row ran on into the next one (curses measured a character wider
   than the caller did); ending exactly at the right margin, which moves the cursor to the start of
   the next row, does not count. */
int jw_row_overflowed(int row);
/* Writes UTF-8 text at a position (no wrapping: the caller clips). */
void jw_put(int row, int column, const char *utf8);
void jw_refresh(void);
/* 1 when input is waiting to be read (a paste in progress), without reading it. */
int jw_input_pending(void);
/* Waits up to timeout_ms for a key; stores a character or function key code in *code. */
int jw_read_key(int timeout_ms, unsigned int *code);
/* Catches SIGINT, SIGTERM and SIGHUP: jw_read_key then reports JW_KEY_SIGNAL with the signal number,
   so the walk saves what is being typed and restores the terminal instead of dying mid-sentence.
   Install before jw_open, so curses keeps its own handlers off them. */
void jw_install_interrupt_handlers(void);
/* The signal caught and not yet reported (0 for none); clears it. */
int jw_take_signal(void);
/* Ctrl-Z: restores the terminal, stops the job like a shell's Ctrl-Z, and redraws when continued. */
void jw_suspend(void);
/* Installs handlers for fatal signals that restore the terminal before the process dies. */
void jw_install_crash_handlers(void);

/* Pseudo-terminal helpers for tests and benchmarks: opens a master and returns the slave's path. */
int jw_open_pty(char *slave_path, int path_size);
void jw_set_pty_size(int fd, int rows, int cols);

#endif
