/* testutil.c: helpers shared by the Check suites (paths, temp dirs, CLI runs). */
#define _XOPEN_SOURCE 700
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "testutil.h"

static const char *env_or(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

const char *bs_test_shared(const char *rel)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", env_or("BS_SHARED", "../shared"), rel);
    return buf;
}

const char *bs_test_src(const char *rel)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", env_or("BS_SRCDIR", "."), rel);
    return buf;
}

char *bs_test_tmpdir(void)
{
    static char buf[256];
    snprintf(buf, sizeof buf, "%s/bstest-XXXXXX", env_or("TMPDIR", "/tmp"));
    if (!mkdtemp(buf)) {
        perror("mkdtemp");
        abort();
    }
    return buf;
}

char *bs_test_write(const char *dir, const char *name, const char *text)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    FILE *f;

    snprintf(path, n, "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (!f) {
        perror(path);
        abort();
    }
    fwrite(text, 1, strlen(text), f);
    fclose(f);
    return path;
}

static int rm_one(const char *path, const struct stat *sb, int flag,
                  struct FTW *ftw)
{
    (void)sb; (void)flag; (void)ftw;
    return remove(path);
}

void bs_test_rmtree(const char *dir)
{
    nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int bs_test_run_cli(const char *cwd, const char *const *argv, char *err,
                    size_t errn)
{
    const char *bin = env_or("BS_BIN", "buurtscan");
    int pipefd[2], status;
    pid_t pid;
    size_t used = 0, argc = 0, i;
    char **args;

    while (argv[argc])
        argc++;
    args = calloc(argc + 2, sizeof *args);
    args[0] = (char *)bin;
    for (i = 0; i < argc; i++)
        args[i + 1] = (char *)argv[i];
    if (pipe(pipefd) != 0)
        abort();
    pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        dup2(pipefd[1], 2);
        if (devnull >= 0)
            dup2(devnull, 1);
        close(pipefd[0]);
        if (cwd && chdir(cwd) != 0)
            _exit(127);
        execv(bin, args);
        _exit(127);
    }
    close(pipefd[1]);
    for (;;) {
        char tmp[4096];
        ssize_t r = read(pipefd[0], tmp, sizeof tmp);
        if (r <= 0)
            break;
        if (err && used + 1 < errn) {
            size_t take = (size_t)r;
            if (take > errn - 1 - used)
                take = errn - 1 - used;
            memcpy(err + used, tmp, take);
            used += take;
        }
    }
    if (err && errn)
        err[used] = '\0';
    close(pipefd[0]);
    free(args);
    if (waitpid(pid, &status, 0) < 0)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

char *bs_test_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    long n;
    char *buf;

    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        fclose(f);
        return NULL;
    }
    buf[n] = '\0';
    fclose(f);
    return buf;
}

int bs_test_count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

/* Splits one line in place into fields; returns their number. */
static int split_line(char *line, char **field, int max)
{
    char *p = line, *end = line + strlen(line);
    int n = 0;

    if (end > line && end[-1] == '\r')
        *--end = '\0';
    for (;;) {
        char *sep;
        if (*p == '"') {
            char *q = strchr(p + 1, '"');
            if (!q)
                abort();
            *q = '\0';
            p++;
            sep = q[1] == ',' ? q + 1 : NULL;
        } else {
            sep = strchr(p, ',');
        }
        if (sep)
            *sep = '\0';
        if (n < max)
            field[n] = p;
        n++;
        if (!sep)
            return n;
        p = sep + 1;
    }
}

void bs_test_csv_read(const char *path, bs_test_csv *c)
{
    char *line, *save = NULL, *fields[512];
    int cap = 0, n, i;

    memset(c, 0, sizeof *c);
    c->text = bs_test_slurp(path);
    if (!c->text) {
        fprintf(stderr, "cannot read %s\n", path);
        abort();
    }
    for (line = strtok_r(c->text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        n = split_line(line, fields, 512);
        if (n > 512)
            abort();
        if (!c->head) {
            c->ncols = n;
            c->head = malloc((size_t)n * sizeof *c->head);
            memcpy(c->head, fields, (size_t)n * sizeof *fields);
            continue;
        }
        if (c->nrows == cap) {
            cap = cap ? 2 * cap : 64;
            c->cell = realloc(c->cell, (size_t)cap * sizeof *c->cell);
        }
        c->cell[c->nrows] = calloc((size_t)c->ncols, sizeof(char *));
        for (i = 0; i < c->ncols; i++)
            c->cell[c->nrows][i] = i < n ? fields[i] : "";
        c->nrows++;
    }
}

void bs_test_csv_free(bs_test_csv *c)
{
    int r;
    for (r = 0; r < c->nrows; r++)
        free(c->cell[r]);
    free(c->cell);
    free(c->head);
    free(c->text);
    memset(c, 0, sizeof *c);
}

int bs_test_csv_col(const bs_test_csv *c, const char *name)
{
    int i;
    for (i = 0; i < c->ncols; i++)
        if (strcmp(c->head[i], name) == 0)
            return i;
    fprintf(stderr, "no column %s\n", name);
    abort();
}

int bs_test_csv_row(const bs_test_csv *c, const char *key)
{
    int r;
    for (r = 0; r < c->nrows; r++)
        if (strcmp(c->cell[r][0], key) == 0)
            return r;
    fprintf(stderr, "no row %s\n", key);
    abort();
}

double bs_test_csv_num(const bs_test_csv *c, int row, const char *col)
{
    const char *s = c->cell[row][bs_test_csv_col(c, col)];
    /* empty, or the CBS sign "." for unknown: missing */
    return *s && strcmp(s, ".") != 0 ? strtod(s, NULL) : NAN;
}

const char *bs_test_path(const char *dir, const char *name)
{
    static char buf[4352];
    snprintf(buf, sizeof buf, "%s/%s", dir, name);
    return buf;
}

const char *bs_test_run_project(const char *ini, const char *dir)
{
    static char out[4200];
    char err[16384];
    const char *argv[] = { "-q", "run", ini, "-o", out, NULL };

    snprintf(out, sizeof out, "%s/out", dir);
    if (bs_test_run_cli(dir, argv, err, sizeof err) != 0) {
        fprintf(stderr, "buurtscan run %s failed: %s\n", ini, err);
        abort();
    }
    return out;
}

/* ---- reading PDFs back ---- */

char *bs_test_cmd(const char *fmt, ...)
{
    char cmd[4096], *out = NULL;
    size_t n = 0, cap = 0;
    FILE *p;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    p = popen(cmd, "r");
    if (!p)
        return NULL;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = (n + 4096 + 1) * 2;
            out = realloc(out, cap);
        }
        size_t r = fread(out + n, 1, 4096, p);
        if (r == 0)
            break;
        n += r;
    }
    out[n] = '\0';
    if (pclose(p) != 0) {
        free(out);
        return NULL;
    }
    return out;
}

int bs_test_pdf_pages(const char *path)
{
    char *info = bs_test_cmd("pdfinfo '%s'", path);
    const char *p;
    int n = -1;

    ck_assert_msg(info != NULL, "pdfinfo failed on %s", path);
    p = strstr(info, "Pages:");
    if (p)
        n = atoi(p + 6);
    free(info);
    return n;
}

char *bs_test_page_text(const char *path, int page)
{
    char *t = bs_test_cmd("pdftotext -layout -f %d -l %d '%s' -", page, page, path);
    ck_assert_msg(t != NULL, "pdftotext failed on page %d", page);
    return t;
}

int bs_test_pdf_outline(const char *path, bs_test_outline *out, int max)
{
    char *js = bs_test_cmd("qpdf --json --json-key=outlines '%s'", path);
    char *line, *save = NULL;
    int n = 0, page[8] = {0};

    ck_assert_msg(js != NULL, "qpdf --json failed (is qpdf installed?)");
    for (line = strtok_r(js, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        int ind = 0, depth;
        while (line[ind] == ' ')
            ind++;
        if ((ind - 2) % 4)
            continue;
        depth = (ind - 2) / 4;   /* entries at 6, kids at 10, ... */
        if (depth < 1 || depth > 7)
            continue;
        if (!strncmp(line + ind, "\"destpageposfrom1\":", 19))
            page[depth] = atoi(line + ind + 19);
        else if (!strncmp(line + ind, "\"title\": \"", 10) && n < max) {
            char *s = line + ind + 10, *e = strrchr(s, '"');
            out[n].depth = depth;
            out[n].page = page[depth];
            snprintf(out[n].title, sizeof out[n].title, "%.*s",
                     e ? (int)(e - s) : 0, s);
            n++;
        }
    }
    free(js);
    /* kids close before their parent: back into reading order */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && (out[j].page < out[j - 1].page ||
                                  (out[j].page == out[j - 1].page &&
                                   out[j].depth < out[j - 1].depth)); j--) {
            bs_test_outline t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    return n;
}

TCase *bs_test_national(Suite *s)
{
    TCase *tc = tcase_create("national");
    /* Check 0.15 filters test cases by tag (CK_EXCLUDE_TAGS), not by name */
    tcase_set_tags(tc, "national");
    tcase_set_timeout(tc, 600);
    suite_add_tcase(s, tc);
    return tc;
}

int bs_test_run_suite(Suite *s, int fork)
{
    SRunner *sr = srunner_create(s);
    int failed;

    if (!fork)
        srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
