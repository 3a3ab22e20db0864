/* overlay.c: benchmark of the edition overlay (bs_overlay, GEOS).
 *
 * Overlays all Dutch wijken of one edition on those of another: by default
 * the 3,340 wijken of 2022 (../shared/data/nl-wijken-2022, RD New) on the
 * 3,475 of 2024 (../shared/data/nl-wijken-2024, GeoJSON in WGS84, which
 * buurtscan cannot read yet: converted once with
 * `ogr2ogr -t_srs EPSG:28992` into a temporary directory, untimed).
 * Prints the best wall time of three overlays, the crosswalk's size and
 * the peak resident memory of the process (getrusage).
 *
 * Built by meson as build/src/bench-overlay (not a test):
 *   build/src/bench-overlay [FROM.shp FROM_KEY TO.shp|TO.geojson TO_KEY [THREADS]]
 * THREADS: worker threads (default 0 = one per CPU).
 * Run from the repository root (the defaults are relative to it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include "buurtscan/crs.h"
#include "buurtscan/overlay.h"
#include "buurtscan/shapefile.h"

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU seconds (user + system) of the process so far. */
static double cpu(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6
           + (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
}

static void count_warning(void *ud, const char *msg)
{
    (void)msg;
    ++*(size_t *)ud;
}

/* A GeoJSON file converted to a shapefile in RD New (path in buf). */
static int convert(const char *src, char *dir, char *buf, size_t n)
{
    char cmd[8400];

    if (!mkdtemp(dir))
        return -1;
    snprintf(buf, n, "%s/to.shp", dir);
    snprintf(cmd, sizeof cmd, "ogr2ogr -t_srs EPSG:28992 -nlt MULTIPOLYGON "
             "-f 'ESRI Shapefile' '%s' '%s' 2>/dev/null", buf, src);
    return system(cmd) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    const char *from_path = argc > 4 ? argv[1] : "../shared/data/nl-wijken-2022/NLD_dist_2022.shp";
    const char *from_key = argc > 4 ? argv[2] : "code";
    const char *to_path = argc > 4 ? argv[3] : "../shared/data/nl-wijken-2024/wijken_2024.geojson";
    const char *to_key = argc > 4 ? argv[4] : "wijkcode";
    char dir[] = "/tmp/bs-bench-overlay-XXXXXX", shp[4096], cmd[4200];
    bs_areas *from = NULL, *to = NULL;
    bs_crosswalk *cw = NULL;
    bs_overlay_info info;
    bs_error err;
    size_t warnings = 0;
    bs_diag diag = { count_warning, &warnings };
    double best = 1e30, best_cpu = 1e30, t, c;
    bs_overlay_options opt = { 0, 0 };
    struct rusage ru;
    int k, converted = 0;

    if (argc > 5)
        opt.threads = (unsigned)strtoul(argv[5], NULL, 10);
    if (strlen(to_path) > 8 && strcmp(to_path + strlen(to_path) - 8, ".geojson") == 0) {
        if (convert(to_path, dir, shp, sizeof shp)) {
            fprintf(stderr, "bench-overlay: cannot convert %s with ogr2ogr\n", to_path);
            return 1;
        }
        to_path = shp;
        converted = 1;
    }
    if (bs_shapefile_read(from_path, NULL, &from, NULL, &err)
        || bs_shapefile_read(to_path, NULL, &to, NULL, &err)) {
        fprintf(stderr, "bench-overlay: %s\n", err.msg);
        return 1;
    }
    if (bs_crs_equivalent(from->crs, to->crs, &err) != 1) {
        fprintf(stderr, "bench-overlay: the two sets are not in the same CRS\n");
        return 1;
    }
    for (k = 0; k < 3; k++) {
        warnings = 0;
        t = now();
        c = cpu();
        if (bs_overlay(from, from_key, to, to_key, &opt, &cw, &info, &diag, &err)) {
            fprintf(stderr, "bench-overlay: %s\n", err.msg);
            return 1;
        }
        t = now() - t;
        c = cpu() - c;
        if (t < best)
            best = t;
        if (c < best_cpu)
            best_cpu = c;
        if (k < 2)
            bs_crosswalk_free(cw);
    }
    getrusage(RUSAGE_SELF, &ru);
    printf("overlay %zu x %zu areas (%zu + %zu vertices)\n", from->n, to->n,
           from->npts, to->npts);
    printf("  pairs whose boxes meet     %8zu\n", info.candidates);
    printf("  intersections computed     %8zu\n", info.intersections);
    printf("  crosswalk rows             %8zu\n", info.rows);
    printf("  polygons made valid        %8zu + %zu (%zu warnings)\n",
           info.repaired_from, info.repaired_to, warnings);
    printf("  wall time (best of 3)      %8.3f s\n", best);
    printf("  CPU time (best of 3)       %8.3f s (user + system, all threads)\n",
           best_cpu);
    printf("  peak RSS                   %8.1f MB\n", ru.ru_maxrss / 1024.0);
    bs_crosswalk_free(cw);
    bs_areas_free(from);
    bs_areas_free(to);
    if (converted) {
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            fprintf(stderr, "bench-overlay: could not remove %s\n", dir);
    }
    return 0;
}
