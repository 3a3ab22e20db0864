/* palette.c: the ColorBrewer schemes: 18 sequential (3 to 9 classes) and
 * 9 diverging (3 to 11 classes), with their colourblind and print flags.
 *
 * This product includes color specifications and designs developed by
 * Cynthia Brewer (http://colorbrewer.org/), Apache License 2.0. Colours as
 * published on colorbrewer2.org: the sequential ones checked against two
 * independent packagings, the diverging ones taken from the npm package
 * colorbrewer 1.7.0 (index.js) and checked against colorbrewer2.org's own
 * colorbrewer_schemes.js (github axismaps/colorbrewer), which is also where
 * the flags come from: its 'properties' 'blind' and 'print' arrays, one
 * entry per k from 3 up (a single entry holds for every k). */
#include "buurtscan/palette.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MIN_K 3
#define MAX_K 11
#define SEQ_MAX_K 9
#define SIDE_MAX 5            /* classes on one side of a diverging centre */

/* Each row holds k colours as 6k hex digits, in ColorBrewer's order; the
 * flag strings hold one digit (bs_palette_flag) per k from 3 up. */
typedef struct scheme {
    const char *name;
    bs_palette_kind kind;
    const char *blind;
    const char *print;
    const char *hex[MAX_K - MIN_K + 1];
} scheme;

static const scheme schemes[] = {
    /* sequential */
    {"Blues", BS_PALETTE_SEQUENTIAL, "1111111", "1200000", {
        "deebf79ecae13182bd",
        "eff3ffbdd7e76baed62171b5",
        "eff3ffbdd7e76baed63182bd08519c",
        "eff3ffc6dbef9ecae16baed63182bd08519c",
        "eff3ffc6dbef9ecae16baed64292c62171b5084594",
        "f7fbffdeebf7c6dbef9ecae16baed64292c62171b5084594",
        "f7fbffdeebf7c6dbef9ecae16baed64292c62171b508519c08306b",
    }},
    {"BuGn", BS_PALETTE_SEQUENTIAL, "1111111", "1120000", {
        "e5f5f999d8c92ca25f",
        "edf8fbb2e2e266c2a4238b45",
        "edf8fbb2e2e266c2a42ca25f006d2c",
        "edf8fbccece699d8c966c2a42ca25f006d2c",
        "edf8fbccece699d8c966c2a441ae76238b45005824",
        "f7fcfde5f5f9ccece699d8c966c2a441ae76238b45005824",
        "f7fcfde5f5f9ccece699d8c966c2a441ae76238b45006d2c00441b",
    }},
    {"BuPu", BS_PALETTE_SEQUENTIAL, "1111111", "1122000", {
        "e0ecf49ebcda8856a7",
        "edf8fbb3cde38c96c688419d",
        "edf8fbb3cde38c96c68856a7810f7c",
        "edf8fbbfd3e69ebcda8c96c68856a7810f7c",
        "edf8fbbfd3e69ebcda8c96c68c6bb188419d6e016b",
        "f7fcfde0ecf4bfd3e69ebcda8c96c68c6bb188419d6e016b",
        "f7fcfde0ecf4bfd3e69ebcda8c96c68c6bb188419d810f7c4d004b",
    }},
    {"GnBu", BS_PALETTE_SEQUENTIAL, "1111111", "1112220", {
        "e0f3dba8ddb543a2ca",
        "f0f9e8bae4bc7bccc42b8cbe",
        "f0f9e8bae4bc7bccc443a2ca0868ac",
        "f0f9e8ccebc5a8ddb57bccc443a2ca0868ac",
        "f0f9e8ccebc5a8ddb57bccc44eb3d32b8cbe08589e",
        "f7fcf0e0f3dbccebc5a8ddb57bccc44eb3d32b8cbe08589e",
        "f7fcf0e0f3dbccebc5a8ddb57bccc44eb3d32b8cbe0868ac084081",
    }},
    {"Greens", BS_PALETTE_SEQUENTIAL, "1111111", "1000000", {
        "e5f5e0a1d99b31a354",
        "edf8e9bae4b374c476238b45",
        "edf8e9bae4b374c47631a354006d2c",
        "edf8e9c7e9c0a1d99b74c47631a354006d2c",
        "edf8e9c7e9c0a1d99b74c47641ab5d238b45005a32",
        "f7fcf5e5f5e0c7e9c0a1d99b74c47641ab5d238b45005a32",
        "f7fcf5e5f5e0c7e9c0a1d99b74c47641ab5d238b45006d2c00441b",
    }},
    {"Greys", BS_PALETTE_SEQUENTIAL, "1111111", "1120000", {
        "f0f0f0bdbdbd636363",
        "f7f7f7cccccc969696525252",
        "f7f7f7cccccc969696636363252525",
        "f7f7f7d9d9d9bdbdbd969696636363252525",
        "f7f7f7d9d9d9bdbdbd969696737373525252252525",
        "fffffff0f0f0d9d9d9bdbdbd969696737373525252252525",
        "fffffff0f0f0d9d9d9bdbdbd969696737373525252252525000000",
    }},
    {"Oranges", BS_PALETTE_SEQUENTIAL, "1111111", "1200000", {
        "fee6cefdae6be6550d",
        "feeddefdbe85fd8d3cd94701",
        "feeddefdbe85fd8d3ce6550da63603",
        "feeddefdd0a2fdae6bfd8d3ce6550da63603",
        "feeddefdd0a2fdae6bfd8d3cf16913d948018c2d04",
        "fff5ebfee6cefdd0a2fdae6bfd8d3cf16913d948018c2d04",
        "fff5ebfee6cefdd0a2fdae6bfd8d3cf16913d94801a636037f2704",
    }},
    {"OrRd", BS_PALETTE_SEQUENTIAL, "1111111", "1100000", {
        "fee8c8fdbb84e34a33",
        "fef0d9fdcc8afc8d59d7301f",
        "fef0d9fdcc8afc8d59e34a33b30000",
        "fef0d9fdd49efdbb84fc8d59e34a33b30000",
        "fef0d9fdd49efdbb84fc8d59ef6548d7301f990000",
        "fff7ecfee8c8fdd49efdbb84fc8d59ef6548d7301f990000",
        "fff7ecfee8c8fdd49efdbb84fc8d59ef6548d7301fb300007f0000",
    }},
    {"PuBu", BS_PALETTE_SEQUENTIAL, "1111111", "1220000", {
        "ece7f2a6bddb2b8cbe",
        "f1eef6bdc9e174a9cf0570b0",
        "f1eef6bdc9e174a9cf2b8cbe045a8d",
        "f1eef6d0d1e6a6bddb74a9cf2b8cbe045a8d",
        "f1eef6d0d1e6a6bddb74a9cf3690c00570b0034e7b",
        "fff7fbece7f2d0d1e6a6bddb74a9cf3690c00570b0034e7b",
        "fff7fbece7f2d0d1e6a6bddb74a9cf3690c00570b0045a8d023858",
    }},
    {"PuBuGn", BS_PALETTE_SEQUENTIAL, "1111111", "1220000", {
        "ece2f0a6bddb1c9099",
        "f6eff7bdc9e167a9cf02818a",
        "f6eff7bdc9e167a9cf1c9099016c59",
        "f6eff7d0d1e6a6bddb67a9cf1c9099016c59",
        "f6eff7d0d1e6a6bddb67a9cf3690c002818a016450",
        "fff7fbece2f0d0d1e6a6bddb67a9cf3690c002818a016450",
        "fff7fbece2f0d0d1e6a6bddb67a9cf3690c002818a016c59014636",
    }},
    {"PuRd", BS_PALETTE_SEQUENTIAL, "1111111", "1110000", {
        "e7e1efc994c7dd1c77",
        "f1eef6d7b5d8df65b0ce1256",
        "f1eef6d7b5d8df65b0dd1c77980043",
        "f1eef6d4b9dac994c7df65b0dd1c77980043",
        "f1eef6d4b9dac994c7df65b0e7298ace125691003f",
        "f7f4f9e7e1efd4b9dac994c7df65b0e7298ace125691003f",
        "f7f4f9e7e1efd4b9dac994c7df65b0e7298ace125698004367001f",
    }},
    {"Purples", BS_PALETTE_SEQUENTIAL, "1111111", "1000000", {
        "efedf5bcbddc756bb1",
        "f2f0f7cbc9e29e9ac86a51a3",
        "f2f0f7cbc9e29e9ac8756bb154278f",
        "f2f0f7dadaebbcbddc9e9ac8756bb154278f",
        "f2f0f7dadaebbcbddc9e9ac8807dba6a51a34a1486",
        "fcfbfdefedf5dadaebbcbddc9e9ac8807dba6a51a34a1486",
        "fcfbfdefedf5dadaebbcbddc9e9ac8807dba6a51a354278f3f007d",
    }},
    {"RdPu", BS_PALETTE_SEQUENTIAL, "1111111", "1112000", {
        "fde0ddfa9fb5c51b8a",
        "feebe2fbb4b9f768a1ae017e",
        "feebe2fbb4b9f768a1c51b8a7a0177",
        "feebe2fcc5c0fa9fb5f768a1c51b8a7a0177",
        "feebe2fcc5c0fa9fb5f768a1dd3497ae017e7a0177",
        "fff7f3fde0ddfcc5c0fa9fb5f768a1dd3497ae017e7a0177",
        "fff7f3fde0ddfcc5c0fa9fb5f768a1dd3497ae017e7a017749006a",
    }},
    {"Reds", BS_PALETTE_SEQUENTIAL, "1111111", "1220000", {
        "fee0d2fc9272de2d26",
        "fee5d9fcae91fb6a4acb181d",
        "fee5d9fcae91fb6a4ade2d26a50f15",
        "fee5d9fcbba1fc9272fb6a4ade2d26a50f15",
        "fee5d9fcbba1fc9272fb6a4aef3b2ccb181d99000d",
        "fff5f0fee0d2fcbba1fc9272fb6a4aef3b2ccb181d99000d",
        "fff5f0fee0d2fcbba1fc9272fb6a4aef3b2ccb181da50f1567000d",
    }},
    {"YlGn", BS_PALETTE_SEQUENTIAL, "1111111", "1110000", {
        "f7fcb9addd8e31a354",
        "ffffccc2e69978c679238443",
        "ffffccc2e69978c67931a354006837",
        "ffffccd9f0a3addd8e78c67931a354006837",
        "ffffccd9f0a3addd8e78c67941ab5d238443005a32",
        "ffffe5f7fcb9d9f0a3addd8e78c67941ab5d238443005a32",
        "ffffe5f7fcb9d9f0a3addd8e78c67941ab5d238443006837004529",
    }},
    {"YlGnBu", BS_PALETTE_SEQUENTIAL, "1111111", "1112220", {
        "edf8b17fcdbb2c7fb8",
        "ffffcca1dab441b6c4225ea8",
        "ffffcca1dab441b6c42c7fb8253494",
        "ffffccc7e9b47fcdbb41b6c42c7fb8253494",
        "ffffccc7e9b47fcdbb41b6c41d91c0225ea80c2c84",
        "ffffd9edf8b1c7e9b47fcdbb41b6c41d91c0225ea80c2c84",
        "ffffd9edf8b1c7e9b47fcdbb41b6c41d91c0225ea8253494081d58",
    }},
    {"YlOrBr", BS_PALETTE_SEQUENTIAL, "1111111", "1120000", {
        "fff7bcfec44fd95f0e",
        "ffffd4fed98efe9929cc4c02",
        "ffffd4fed98efe9929d95f0e993404",
        "ffffd4fee391fec44ffe9929d95f0e993404",
        "ffffd4fee391fec44ffe9929ec7014cc4c028c2d04",
        "ffffe5fff7bcfee391fec44ffe9929ec7014cc4c028c2d04",
        "ffffe5fff7bcfee391fec44ffe9929ec7014cc4c02993404662506",
    }},
    {"YlOrRd", BS_PALETTE_SEQUENTIAL, "1111111", "1122000", {
        "ffeda0feb24cf03b20",
        "ffffb2fecc5cfd8d3ce31a1c",
        "ffffb2fecc5cfd8d3cf03b20bd0026",
        "ffffb2fed976feb24cfd8d3cf03b20bd0026",
        "ffffb2fed976feb24cfd8d3cfc4e2ae31a1cb10026",
        "ffffccffeda0fed976feb24cfd8d3cfc4e2ae31a1cb10026",
        "ffffccffeda0fed976feb24cfd8d3cfc4e2ae31a1cbd0026800026",
    }},
    /* diverging */
    {"BrBG", BS_PALETTE_DIVERGING, "111111111", "111100000", {
        "d8b365f5f5f55ab4ac",
        "a6611adfc27d80cdc1018571",
        "a6611adfc27df5f5f580cdc1018571",
        "8c510ad8b365f6e8c3c7eae55ab4ac01665e",
        "8c510ad8b365f6e8c3f5f5f5c7eae55ab4ac01665e",
        "8c510abf812ddfc27df6e8c3c7eae580cdc135978f01665e",
        "8c510abf812ddfc27df6e8c3f5f5f5c7eae580cdc135978f01665e",
        "5430058c510abf812ddfc27df6e8c3c7eae580cdc135978f01665e003c30",
        "5430058c510abf812ddfc27df6e8c3f5f5f5c7eae580cdc135978f01665e003c30",
    }},
    {"PiYG", BS_PALETTE_DIVERGING, "111111111", "112000000", {
        "e9a3c9f7f7f7a1d76a",
        "d01c8bf1b6dab8e1864dac26",
        "d01c8bf1b6daf7f7f7b8e1864dac26",
        "c51b7de9a3c9fde0efe6f5d0a1d76a4d9221",
        "c51b7de9a3c9fde0eff7f7f7e6f5d0a1d76a4d9221",
        "c51b7dde77aef1b6dafde0efe6f5d0b8e1867fbc414d9221",
        "c51b7dde77aef1b6dafde0eff7f7f7e6f5d0b8e1867fbc414d9221",
        "8e0152c51b7dde77aef1b6dafde0efe6f5d0b8e1867fbc414d9221276419",
        "8e0152c51b7dde77aef1b6dafde0eff7f7f7e6f5d0b8e1867fbc414d9221276419",
    }},
    {"PRGn", BS_PALETTE_DIVERGING, "111111111", "111100000", {
        "af8dc3f7f7f77fbf7b",
        "7b3294c2a5cfa6dba0008837",
        "7b3294c2a5cff7f7f7a6dba0008837",
        "762a83af8dc3e7d4e8d9f0d37fbf7b1b7837",
        "762a83af8dc3e7d4e8f7f7f7d9f0d37fbf7b1b7837",
        "762a839970abc2a5cfe7d4e8d9f0d3a6dba05aae611b7837",
        "762a839970abc2a5cfe7d4e8f7f7f7d9f0d3a6dba05aae611b7837",
        "40004b762a839970abc2a5cfe7d4e8d9f0d3a6dba05aae611b783700441b",
        "40004b762a839970abc2a5cfe7d4e8f7f7f7d9f0d3a6dba05aae611b783700441b",
    }},
    {"PuOr", BS_PALETTE_DIVERGING, "111111111", "112200000", {
        "f1a340f7f7f7998ec3",
        "e66101fdb863b2abd25e3c99",
        "e66101fdb863f7f7f7b2abd25e3c99",
        "b35806f1a340fee0b6d8daeb998ec3542788",
        "b35806f1a340fee0b6f7f7f7d8daeb998ec3542788",
        "b35806e08214fdb863fee0b6d8daebb2abd28073ac542788",
        "b35806e08214fdb863fee0b6f7f7f7d8daebb2abd28073ac542788",
        "7f3b08b35806e08214fdb863fee0b6d8daebb2abd28073ac5427882d004b",
        "7f3b08b35806e08214fdb863fee0b6f7f7f7d8daebb2abd28073ac5427882d004b",
    }},
    {"RdBu", BS_PALETTE_DIVERGING, "111111111", "111100000", {
        "ef8a62f7f7f767a9cf",
        "ca0020f4a58292c5de0571b0",
        "ca0020f4a582f7f7f792c5de0571b0",
        "b2182bef8a62fddbc7d1e5f067a9cf2166ac",
        "b2182bef8a62fddbc7f7f7f7d1e5f067a9cf2166ac",
        "b2182bd6604df4a582fddbc7d1e5f092c5de4393c32166ac",
        "b2182bd6604df4a582fddbc7f7f7f7d1e5f092c5de4393c32166ac",
        "67001fb2182bd6604df4a582fddbc7d1e5f092c5de4393c32166ac053061",
        "67001fb2182bd6604df4a582fddbc7f7f7f7d1e5f092c5de4393c32166ac053061",
    }},
    {"RdGy", BS_PALETTE_DIVERGING, "222222222", "111200000", {
        "ef8a62ffffff999999",
        "ca0020f4a582bababa404040",
        "ca0020f4a582ffffffbababa404040",
        "b2182bef8a62fddbc7e0e0e09999994d4d4d",
        "b2182bef8a62fddbc7ffffffe0e0e09999994d4d4d",
        "b2182bd6604df4a582fddbc7e0e0e0bababa8787874d4d4d",
        "b2182bd6604df4a582fddbc7ffffffe0e0e0bababa8787874d4d4d",
        "67001fb2182bd6604df4a582fddbc7e0e0e0bababa8787874d4d4d1a1a1a",
        "67001fb2182bd6604df4a582fddbc7ffffffe0e0e0bababa8787874d4d4d1a1a1a",
    }},
    {"RdYlBu", BS_PALETTE_DIVERGING, "111111111", "111120000", {
        "fc8d59ffffbf91bfdb",
        "d7191cfdae61abd9e92c7bb6",
        "d7191cfdae61ffffbfabd9e92c7bb6",
        "d73027fc8d59fee090e0f3f891bfdb4575b4",
        "d73027fc8d59fee090ffffbfe0f3f891bfdb4575b4",
        "d73027f46d43fdae61fee090e0f3f8abd9e974add14575b4",
        "d73027f46d43fdae61fee090ffffbfe0f3f8abd9e974add14575b4",
        "a50026d73027f46d43fdae61fee090e0f3f8abd9e974add14575b4313695",
        "a50026d73027f46d43fdae61fee090ffffbfe0f3f8abd9e974add14575b4313695",
    }},
    {"RdYlGn", BS_PALETTE_DIVERGING, "222000000", "111200000", {
        "fc8d59ffffbf91cf60",
        "d7191cfdae61a6d96a1a9641",
        "d7191cfdae61ffffbfa6d96a1a9641",
        "d73027fc8d59fee08bd9ef8b91cf601a9850",
        "d73027fc8d59fee08bffffbfd9ef8b91cf601a9850",
        "d73027f46d43fdae61fee08bd9ef8ba6d96a66bd631a9850",
        "d73027f46d43fdae61fee08bffffbfd9ef8ba6d96a66bd631a9850",
        "a50026d73027f46d43fdae61fee08bd9ef8ba6d96a66bd631a9850006837",
        "a50026d73027f46d43fdae61fee08bffffbfd9ef8ba6d96a66bd631a9850006837",
    }},
    {"Spectral", BS_PALETTE_DIVERGING, "222000000", "111000000", {
        "fc8d59ffffbf99d594",
        "d7191cfdae61abdda42b83ba",
        "d7191cfdae61ffffbfabdda42b83ba",
        "d53e4ffc8d59fee08be6f59899d5943288bd",
        "d53e4ffc8d59fee08bffffbfe6f59899d5943288bd",
        "d53e4ff46d43fdae61fee08be6f598abdda466c2a53288bd",
        "d53e4ff46d43fdae61fee08bffffbfe6f598abdda466c2a53288bd",
        "9e0142d53e4ff46d43fdae61fee08be6f598abdda466c2a53288bd5e4fa2",
        "9e0142d53e4ff46d43fdae61fee08bffffbfe6f598abdda466c2a53288bd5e4fa2",
    }},
};

#define NSCHEMES (sizeof schemes / sizeof schemes[0])
#define NSEQ 18
#define NDIV 9

static const char *const names[NSEQ + 1] = {
    "Blues", "BuGn", "BuPu", "GnBu", "Greens", "Greys", "Oranges", "OrRd",
    "PuBu", "PuBuGn", "PuRd", "Purples", "RdPu", "Reds", "YlGn", "YlGnBu",
    "YlOrBr", "YlOrRd", NULL
};

static const char *const div_names[NDIV + 1] = {
    "BrBG", "PiYG", "PRGn", "PuOr", "RdBu", "RdGy", "RdYlBu", "RdYlGn",
    "Spectral", NULL
};

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

static bs_rgb parse_rgb(const char *h)
{
    bs_rgb c;
    c.r = (unsigned char)(hexval(h[0]) * 16 + hexval(h[1]));
    c.g = (unsigned char)(hexval(h[2]) * 16 + hexval(h[3]));
    c.b = (unsigned char)(hexval(h[4]) * 16 + hexval(h[5]));
    return c;
}

static const scheme *find(const char *name)
{
    if (!name) return NULL;
    for (size_t i = 0; i < NSCHEMES; i++)
        if (strcasecmp(schemes[i].name, name) == 0) return &schemes[i];
    return NULL;
}

static int max_k(const scheme *s)
{
    return s->kind == BS_PALETTE_SEQUENTIAL ? SEQ_MAX_K : MAX_K;
}

/* The k-colour row of s, 3 <= k <= max_k(s). */
static void row(const scheme *s, int k, bs_rgb *out)
{
    const char *h = s->hex[k - MIN_K];
    for (int i = 0; i < k; i++) out[i] = parse_rgb(h + 6 * i);
}

int bs_palette_get(const char *name, int k, bs_rgb *out)
{
    const scheme *s = find(name);
    if (!s || !out || k > max_k(s)) return -1;
    if (k < MIN_K) {
        /* Too few classes for a ramp: take the ends of the 3-class scheme.
         * One class gets the darkest, so it never reads as the white
         * "geen gegevens" background. A diverging scheme needs a centre. */
        const char *h3 = s->hex[0];
        if (s->kind != BS_PALETTE_SEQUENTIAL || k < 1) return -1;
        if (k == 1) {
            out[0] = parse_rgb(h3 + 12);
        } else {
            out[0] = parse_rgb(h3);
            out[1] = parse_rgb(h3 + 12);
        }
        return 0;
    }
    row(s, k, out);
    return 0;
}

int bs_palette_info(const char *name, int k, bs_palette_kind *kind,
                    bs_palette_flag *colourblind_safe,
                    bs_palette_flag *print_friendly)
{
    const scheme *s = find(name);
    int lo = 1;

    if (!s) return -1;
    if (s->kind == BS_PALETTE_DIVERGING) lo = MIN_K;
    if (k < lo || k > max_k(s)) return -1;
    if (k < MIN_K) k = MIN_K;
    if (kind) *kind = s->kind;
    if (colourblind_safe) *colourblind_safe = (bs_palette_flag)(s->blind[k - MIN_K] - '0');
    if (print_friendly) *print_friendly = (bs_palette_flag)(s->print[k - MIN_K] - '0');
    return 0;
}

/* Steps from the centre: step[i] < 0 below it, > 0 above, 0 for the class
 * that holds it. Returns 1 when a class holds the centre (odd scheme), 0
 * when the centre is on a bound or above all classes (even scheme). */
static int centre_steps(int k, const double *upper, double centre, int *step)
{
    int j, c;

    for (j = 0; j < k - 1; j++)
        if (centre == upper[j]) {
            /* on the bound between j and j + 1 */
            for (int i = 0; i < k; i++) step[i] = i <= j ? i - j - 1 : i - j;
            return 0;
        }
    if (centre > upper[k - 1]) {
        for (int i = 0; i < k; i++) step[i] = i - k;
        return 0;
    }
    for (c = 0; c < k - 1 && centre > upper[c]; c++)
        ;
    for (int i = 0; i < k; i++) step[i] = i - c;
    return 1;
}

int bs_palette_diverging(const char *name, int k, const double *upper,
                         double centre, int reverse, bs_rgb *out)
{
    const scheme *s = find(name);
    bs_rgb ramp[MAX_K];
    int step[2 * SIDE_MAX + 1], side = 0, n, odd;

    if (!s || s->kind != BS_PALETTE_DIVERGING || !upper || !out || k < 1 ||
        k > 2 * SIDE_MAX + 1 || !isfinite(centre))
        return -1;
    for (int i = 0; i < k; i++)
        if (!(isfinite(upper[i]) && (i == 0 || upper[i] > upper[i - 1])))
            return -1;
    odd = centre_steps(k, upper, centre, step);
    for (int i = 0; i < k; i++)
        if (abs(step[i]) > side) side = abs(step[i]);
    if (side > SIDE_MAX) return -1;
    if (odd) {
        if (side < 1) side = 1;          /* one class: the middle of three */
        n = 2 * side + 1;
    } else {
        if (side < 2) side = 2;          /* ColorBrewer starts at 3 (4 even) */
        n = 2 * side;
    }
    row(s, n, ramp);
    for (int i = 0; i < k; i++) {
        /* odd: the neutral colour sits at index side; even: the two
         * lightest at side - 1 and side */
        int idx = side + step[i] - (!odd && step[i] > 0 ? 1 : 0);
        out[i] = ramp[reverse ? n - 1 - idx : idx];
    }
    return 0;
}

const char *const *bs_palette_names(void)
{
    return names;
}

const char *const *bs_palette_diverging_names(void)
{
    return div_names;
}

char *bs_rgb_hex(bs_rgb c, char buf[8])
{
    snprintf(buf, 8, "#%02x%02x%02x", c.r, c.g, c.b);
    return buf;
}
