/* main.c: the buurtscan command line. The only place that prints to the
 * terminal or exits; everything else is the library. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "buurtscan/job.h"
#include "buurtscan/project.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

typedef struct cli {
    int quiet;
    int tty;          /* stderr is a terminal: progress overwrites one line */
    int step_open;    /* a progress line is on screen and not yet ended */
} cli;

static void usage(FILE *f)
{
    fputs("usage: buurtscan [-q] [demo]\n"
          "       buurtscan [-q] run PROJECT.ini [-o OUTDIR]\n"
          "       buurtscan [-q] validate PROJECT.ini\n"
          "       buurtscan [-q] verify OUTDIR\n"
          "       buurtscan --help | --version\n"
          "\n"
          "  demo        run the embedded default (Leeuwarden, geodata/ and\n"
          "              templates/gebiedsscan.ini); outputs go to ./out/\n"
          "  run         run a project: scores.csv and the maps it describes\n"
          "              (OUTDIR defaults to [project] output, else out/ beside\n"
          "              the project file)\n"
          "  validate    read and check everything, print what was found,\n"
          "              write nothing; exit 0 when the project can run\n"
          "  verify      check a run's inputs against OUTDIR/manifest.json, run\n"
          "              it again into a temporary directory and list every\n"
          "              output that differs; exit 0 only when none does\n"
          "  -q          quiet: no progress or warnings, only errors\n"
          "\n"
          "Exit status: 0 ok, 1 bad input or project file, 2 usage.\n", f);
}

static void end_step(cli *c)
{
    if (c->step_open) {
        fputs("\r\033[K", stderr);
        c->step_open = 0;
    }
}

static void on_step(void *ud, const char *what)
{
    cli *c = ud;
    if (c->quiet)
        return;
    if (c->tty) {
        fprintf(stderr, "\r\033[Kbuurtscan: %s ...", what);
        c->step_open = 1;
    } else {
        fprintf(stderr, "buurtscan: %s\n", what);
    }
    fflush(stderr);
}

static void on_warn(void *ud, const char *msg)
{
    cli *c = ud;
    if (c->quiet)
        return;
    end_step(c);
    fprintf(stderr, "buurtscan: warning: %s\n", msg);
}

static void print_error(cli *c, const bs_error *err)
{
    end_step(c);
    fprintf(stderr, "buurtscan: %s\n", err->msg);
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The buurtscan directory (with templates/ and geodata/): $BUURTSCAN_HOME,
 * the source tree it was built from, or the installed data directory. */
static const char *home_dir(void)
{
    static char buf[4096];
    const char *home = getenv("BUURTSCAN_HOME");
    const char *roots[3];
    size_t i;

    roots[0] = home && *home ? home : NULL;
    roots[1] = BS_SOURCE_ROOT;
    roots[2] = BS_DATADIR;
    for (i = 0; i < 3; i++) {
        if (!roots[i])
            continue;
        snprintf(buf, sizeof buf, "%s/templates/gebiedsscan.ini", roots[i]);
        if (file_exists(buf)) {
            snprintf(buf, sizeof buf, "%s", roots[i]);
            return buf;
        }
    }
    return NULL;
}

/* The embedded default project, under the buurtscan directory. */
static const char *default_project(char *buf, size_t n)
{
    const char *home = home_dir();
    if (!home)
        return NULL;
    snprintf(buf, n, "%s/templates/gebiedsscan.ini", home);
    return buf;
}

static int do_project(cli *c, const char *path, const char *outdir,
                      int validate_only)
{
    bs_project *p = NULL;
    bs_job *j = NULL;
    bs_error err;
    bs_job_hooks hooks;
    int rc = EXIT_INPUT;

    hooks.diag.warn = on_warn;
    hooks.diag.ud = c;
    hooks.step = on_step;
    hooks.ud = c;
    {
        static char tdir[4200];
        const char *home = home_dir();
        hooks.templates_dir = NULL;
        if (home) {
            snprintf(tdir, sizeof tdir, "%s/templates", home);
            hooks.templates_dir = tdir;
        }
    }
    if (bs_project_read(path, &p, &err) != 0) {
        print_error(c, &err);
        return EXIT_INPUT;
    }
    if (bs_job_load(p, &hooks, &j, &err) != 0) {
        print_error(c, &err);
        goto done;
    }
    if (validate_only) {
        char *s;
        if (bs_job_check_output(p->output.value, &err) != 0) {
            print_error(c, &err);
            goto done;
        }
        s = bs_job_summary(j);
        end_step(c);
        if (s)
            fputs(s, stdout);
        free(s);
        printf("ok: the project can run\n");
        rc = EXIT_OK;
        goto done;
    }
    if (!outdir)
        outdir = p->output.value;
    if (bs_job_write(j, outdir, &hooks, &err) != 0) {
        print_error(c, &err);
        goto done;
    }
    end_step(c);
    if (!c->quiet) {
        const bs_scan *s = bs_job_scan(j);
        size_t m;
        fprintf(stderr, "buurtscan: wrote %s/scores.csv (%zu areas, %zu scored)\n",
                outdir, s->n, s->nscored);
        for (m = 0; m < s->nmaps; m++)
            fprintf(stderr, "buurtscan: wrote %s/map-%s.* (%d classes)\n", outdir,
                    s->maps[m].name, s->maps[m].classes.k);
    }
    rc = EXIT_OK;
done:
    bs_job_free(j);
    bs_project_free(p);
    return rc;
}

/* issue 14: buurtscan verify OUTDIR */
static int do_verify(cli *c, const char *outdir)
{
    bs_job_hooks hooks;
    bs_error err;
    char *report = NULL;
    int n;

    memset(&hooks, 0, sizeof hooks);
    hooks.diag.warn = on_warn;
    hooks.diag.ud = c;
    hooks.step = on_step;
    hooks.ud = c;
    {
        static char tdir[4200];
        const char *home = home_dir();
        if (home) {
            snprintf(tdir, sizeof tdir, "%s/templates", home);
            hooks.templates_dir = tdir;
        }
    }
    n = bs_job_verify(outdir, &hooks, &report, &err);
    end_step(c);
    if (n < 0) {
        print_error(c, &err);
        return EXIT_INPUT;
    }
    if (report)
        fputs(report, stdout);
    free(report);
    if (n > 0) {
        printf("verify: %d difference%s: %s is not reproduced\n", n,
               n == 1 ? "" : "s", outdir);
        return EXIT_INPUT;
    }
    printf("verify: every input and output of %s is reproduced\n", outdir);
    return EXIT_OK;
}

/* Every output of one run carries one instant (manifest.json records it,
 * verify sets it again): SOURCE_DATE_EPOCH, now when it is not set. */
static void fix_run_date(void)
{
    char now[32];
    const char *e = getenv("SOURCE_DATE_EPOCH");
    if (e && *e)
        return;
    snprintf(now, sizeof now, "%lld", (long long)time(NULL));
    setenv("SOURCE_DATE_EPOCH", now, 1);
}

int main(int argc, char **argv)
{
    cli c = { 0, 0, 0 };
    const char *cmd = NULL, *project = NULL, *outdir = NULL;
    int i;

    c.tty = isatty(2);
    fix_run_date();
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return EXIT_OK;
        } else if (strcmp(a, "--version") == 0) {
            printf("buurtscan %s\n", BS_VERSION);
            return EXIT_OK;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            c.quiet = 1;
        } else if (strcmp(a, "-o") == 0) {
            if (++i >= argc) {
                fputs("buurtscan: -o needs a directory\n", stderr);
                return EXIT_USAGE;
            }
            outdir = argv[i];
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "buurtscan: unknown option %s\n", a);
            usage(stderr);
            return EXIT_USAGE;
        } else if (!cmd) {
            cmd = a;
        } else if (!project) {
            project = a;
        } else {
            fprintf(stderr, "buurtscan: unexpected argument %s\n", a);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (!cmd || strcmp(cmd, "demo") == 0) {
        char buf[4096];
        const char *def;
        if (project) {
            fprintf(stderr, "buurtscan: demo takes no project file\n");
            return EXIT_USAGE;
        }
        def = default_project(buf, sizeof buf);
        if (!def) {
            fprintf(stderr, "buurtscan: cannot find the embedded default "
                    "(templates/gebiedsscan.ini); set BUURTSCAN_HOME to the "
                    "buurtscan directory\n");
            return EXIT_INPUT;
        }
        return do_project(&c, def, outdir ? outdir : "out", 0);
    }
    if (strcmp(cmd, "verify") == 0) {
        if (!project || outdir) {
            fprintf(stderr, "buurtscan: verify needs an output directory "
                    "(and no -o)\n");
            usage(stderr);
            return EXIT_USAGE;
        }
        return do_verify(&c, project);
    }
    if (strcmp(cmd, "run") == 0 || strcmp(cmd, "validate") == 0) {
        if (!project) {
            fprintf(stderr, "buurtscan: %s needs a project file\n", cmd);
            usage(stderr);
            return EXIT_USAGE;
        }
        if (strcmp(cmd, "validate") == 0 && outdir) {
            fprintf(stderr, "buurtscan: validate writes nothing; -o makes no sense\n");
            return EXIT_USAGE;
        }
        return do_project(&c, project, outdir, strcmp(cmd, "validate") == 0);
    }
    fprintf(stderr, "buurtscan: unknown command '%s'\n", cmd);
    usage(stderr);
    return EXIT_USAGE;
}
