/* housestyle.c: the house style of maps (contract in housestyle.h). */
#include "buurtscan/housestyle.h"

#include <stdio.h>
#include <string.h>

static bs_colour grey(double v)
{
    bs_colour c = {v, v, v};
    return c;
}

void bs_style_default(bs_style *s)
{
    memset(s, 0, sizeof *s);
    snprintf(s->font, sizeof s->font, "%s", "DejaVu Sans,Sans");
    s->title_size = 18.0;
    s->subtitle_size = 11.0;
    s->legend_title_size = 10.0;
    s->legend_size = 9.0;
    s->scale_size = 7.5;
    s->north_size = 9.0;
    s->source_size = 7.0;
    s->min_size = 7.0;
    s->panel_title_size = 9.0;
    s->label_size = 8.0;
    s->label_min_size = 6.5;
    s->text_colour = grey(0.10);
    s->subtle_colour = grey(0.30);
    s->source_colour = grey(0.42);
    s->outline_colour = grey(0.45);
    s->hatch_colour = grey(0.50);
    s->context_colour = grey(0.90);
    s->context_outline_colour = grey(1.0);
    s->highlight_colour = grey(0.10);
    s->leader_colour = grey(0.25);
    s->halo_colour = grey(1.0);
    s->inset_colour.r = 0xe3 / 255.0;    /* ColorBrewer Set1/Paired red */
    s->inset_colour.g = 0x1a / 255.0;
    s->inset_colour.b = 0x1c / 255.0;
    s->outline_width = 0.25;
    s->hatch_width = 0.45;
    s->context_outline_width = 0.4;
    s->highlight_width = 1.5;
    s->leader_width = 0.4;
    s->halo_width = 0.8;
    s->hatch_step = 2.5;
    s->fade = 0.35;
    s->halo = 1;
    s->inset_size = 32.0;
}
