/* surface.c: a map page on its surface: PDF (with metadata, so that a fixed
 * date gives the same bytes), SVG in points (its page group numbered alike
 * in every file), or PNG, drawn in bands whose pixel rows go to io's PNG
 * writer. */
#include "mapint.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>

#include "buurtscan/bigmem.h"
#include "buurtscan/png.h"
#include "buurtscan/svgfile.h"

static int surface_error(cairo_surface_t *s, const char *what, const char *path,
                         bs_error *err)
{
    cairo_status_t st = cairo_surface_status(s);
    if (st == CAIRO_STATUS_SUCCESS)
        return 0;
    return bs_error_set(err, "%s: cannot %s: %s", path, what, cairo_status_to_string(st));
}

/* --- an image surface as it is ------------------------------------------ */

/* The rows of an image surface already drawn. */
static int surface_rows(void *ud, int top, int n, const unsigned char **data,
                        size_t *stride, bs_error *err)
{
    cairo_surface_t *s = ud;

    (void)n, (void)err;
    *stride = (size_t)cairo_image_surface_get_stride(s);
    *data = cairo_image_surface_get_data(s) + (size_t)top * *stride;
    return 0;
}

int bs_map_write_png(cairo_surface_t *s, double dpi, const char *path,
                     bs_error *err)
{
    const unsigned char *data;
    cairo_format_t fmt;
    bs_png_picture pic;
    int stride;

    if (cairo_surface_get_type(s) != CAIRO_SURFACE_TYPE_IMAGE)
        return bs_error_set(err, "%s: cannot write PNG: not an image surface", path);
    fmt = cairo_image_surface_get_format(s);
    if (fmt != CAIRO_FORMAT_RGB24 && fmt != CAIRO_FORMAT_ARGB32)
        return bs_error_set(err, "%s: cannot write PNG: unsupported pixel format", path);
    if (!(dpi > 0 && dpi <= 2400))
        return bs_error_set(err, "%s: PNG resolution %g dpi is out of range", path, dpi);
    cairo_surface_flush(s);
    data = cairo_image_surface_get_data(s);
    memset(&pic, 0, sizeof pic);
    pic.width = cairo_image_surface_get_width(s);
    pic.height = cairo_image_surface_get_height(s);
    stride = cairo_image_surface_get_stride(s);
    if (!data || pic.width < 1 || pic.height < 1)
        return bs_error_set(err, "%s: cannot write PNG: empty image", path);
    /* an opaque ARGB32 surface (a white page) is written as RGB, as RGB24 is */
    pic.alpha = fmt == CAIRO_FORMAT_ARGB32 &&
                !bs_png_opaque(data, pic.width, pic.height, (size_t)stride);
    pic.dpi = dpi;
    pic.band = pic.height;
    pic.rows = surface_rows;
    pic.ud = s;
    return bs_png_write(path, &pic, err);
}

/* --- a page as PNG, in bands -------------------------------------------- */

/* A PNG page is drawn in bands of at most this many bytes of pixels: an
 * A4 page at 300 dpi (35 MB) in two halves, each drawn from the whole map
 * and clipped by its surface, its rows written before the next is drawn.
 * The national England map then needs 10 MB less at its peak (129 -> 119
 * MB). A band leaves out the areas wholly above or below its rows
 * (choropleth.c), so the two halves together cost little more than the
 * page drawn whole. The pixels are those of the page drawn whole, bit for
 * bit, but for hatch lines and text, which can be a few steps of 255
 * apart where a band is drawn (tests/render/test_choropleth.c). */
#define PNG_BAND_BYTES (18u << 20)

typedef struct png_page {
    bs_map_page_fn draw;
    const void *ud;
    double s;                 /* pixels per point */
    const char *path;
    cairo_surface_t *band;    /* band rows high, the page's width */
} png_page;

/* Draws the band of the page from row top on and hands over its rows. */
static int draw_band(void *ud, int top, int n, const unsigned char **data,
                     size_t *stride, bs_error *err)
{
    const png_page *pg = ud;
    cairo_t *cr = cairo_create(pg->band);
    cairo_status_t st;
    int rc;

    (void)n;
    cairo_translate(cr, 0, -top);
    cairo_scale(cr, pg->s, pg->s);
    rc = pg->draw(cr, pg->ud, err);
    st = cairo_status(cr);
    cairo_destroy(cr);
    if (rc == 0 && st != CAIRO_STATUS_SUCCESS)
        rc = bs_error_set(err, "%s: drawing the map failed: %s", pg->path,
                          cairo_status_to_string(st));
    if (rc != 0)
        return rc;
    cairo_surface_flush(pg->band);
    *data = cairo_image_surface_get_data(pg->band);
    *stride = (size_t)cairo_image_surface_get_stride(pg->band);
    return 0;
}

static int render_png(double wpt, double hpt, double dpi, const char *path,
                      bs_map_page_fn draw, const void *ud, bs_error *err)
{
    png_page pg = { draw, ud, dpi / 72.0, path, NULL };
    double pw = round(wpt * pg.s), ph = round(hpt * pg.s);
    bs_png_picture pic;
    unsigned char *pixels;
    int stride, band_h, rc;

    if (!(dpi >= 10 && dpi <= 2400))
        return bs_error_set(err, "%s: PNG resolution %g dpi is out of range", path, dpi);
    if (pw > 32767 || ph > 32767)
        return bs_error_set(err, "%s: %g dpi makes the PNG too large", path, dpi);
    stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, (int)pw);
    if (stride <= 0)
        return bs_error_set(err, "%s: %g dpi makes an empty PNG", path, dpi);
    band_h = (int)(PNG_BAND_BYTES / (unsigned)stride);
    if (band_h < 1)
        band_h = 1;
    if (band_h >= (int)ph) {
        band_h = (int)ph;
    } else {   /* equal bands: two halves rather than one and a sliver */
        int nb = ((int)ph + band_h - 1) / band_h;
        band_h = ((int)ph + nb - 1) / nb;
    }
    /* the band's pixels in huge pages (bigmem.h), cleared as cairo clears
     * its own */
    if (!(pixels = bs_big_alloc((size_t)stride * (size_t)band_h)))
        return bs_error_set(err, "%s: out of memory for the page", path);
    memset(pixels, 0, (size_t)stride * (size_t)band_h);
    pg.band = cairo_image_surface_create_for_data(pixels, CAIRO_FORMAT_RGB24, (int)pw,
                                                  band_h, stride);
    if (surface_error(pg.band, "create the map file", path, err) != 0) {
        cairo_surface_destroy(pg.band);
        free(pixels);
        return -1;
    }
    memset(&pic, 0, sizeof pic);
    pic.width = (int)pw;
    pic.height = (int)ph;
    pic.dpi = dpi;
    pic.band = band_h;
    pic.rows = draw_band;
    pic.ud = &pg;
    rc = bs_png_write(path, &pic, err);
    cairo_surface_destroy(pg.band);
    free(pixels);
    return rc;
}

/* --- SVG ------------------------------------------------------------------ */

/* The SVG goes through io's writer, which numbers its page group alike in
 * every file (svgfile.h). */
static cairo_status_t svg_write(void *closure, const unsigned char *data,
                                unsigned int length)
{
    return bs_svg_write(closure, data, length) == 0 ? CAIRO_STATUS_SUCCESS
                                                    : CAIRO_STATUS_WRITE_ERROR;
}

/* --- PDF and SVG -------------------------------------------------------- */

/* Creates the surface for a W x H mm page, lets draw fill it and writes
 * the file. */
int bs_map_render_page(double W, double H, const char *title, const char *iso_date,
                       bs_format fmt, double dpi, const char *path, bs_map_page_fn draw,
                       const void *ud, bs_error *err)
{
    double wpt = MM(W), hpt = MM(H);
    bs_svg_file *svg = NULL;
    cairo_surface_t *surf;
    cairo_status_t st;
    cairo_t *cr;
    int rc;

    switch (fmt) {
    case BS_FORMAT_PDF:
        surf = cairo_pdf_surface_create(path, wpt, hpt);
        break;
    case BS_FORMAT_SVG:
        if (!(svg = bs_svg_open(path, err)))
            return -1;
        surf = cairo_svg_surface_create_for_stream(svg_write, svg, wpt, hpt);
        break;
    case BS_FORMAT_PNG:
        return render_png(wpt, hpt, dpi, path, draw, ud, err);
    default:
        return bs_error_set(err, "%s: unknown output format", path);
    }
    if (surface_error(surf, "create the map file", path, err) != 0) {
        cairo_surface_destroy(surf);
        bs_svg_close(svg, NULL);
        return -1;
    }
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
    if (fmt == BS_FORMAT_PDF) {
        if (title)
            cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "buurtscan");
        /* a fixed date makes the PDF byte-reproducible */
        if (iso_date) {
            cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE,
                                           iso_date);
            cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_MOD_DATE,
                                           iso_date);
        }
    }
    if (fmt == BS_FORMAT_SVG)
        cairo_svg_surface_set_document_unit(surf, CAIRO_SVG_UNIT_PT);
#endif

    cr = cairo_create(surf);
    rc = draw(cr, ud, err);
    st = cairo_status(cr);
    cairo_destroy(cr);
    if (rc == 0 && st != CAIRO_STATUS_SUCCESS)
        rc = bs_error_set(err, "%s: drawing the map failed: %s", path,
                          cairo_status_to_string(st));
    cairo_surface_finish(surf);
    if (rc == 0)
        rc = surface_error(surf, "write the map file", path, err);
    cairo_surface_destroy(surf);
    if (bs_svg_close(svg, rc == 0 ? err : NULL) != 0)
        rc = -1;
    return rc;
}
