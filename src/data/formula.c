/* formula.c: indicator formulas, parsed by recursive descent into reverse
 * Polish notation and evaluated area by area on a small fixed stack.
 *
 *   expr    := term (('+' | '-') term)*
 *   term    := unary (('*' | '/') unary)*
 *   unary   := '-'* primary
 *   primary := number | name | '(' expr ')'
 *
 * Positions in messages are 1-based byte offsets into the formula text. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buurtscan/formula.h"
#include "buurtscan/number.h"

/* Parenthesis nesting limit: bounds the parser's recursion and, with it, the
 * evaluation stack (at most two pending operands per level, plus one). */
#define MAX_NEST 64
#define STACK_MAX (2 * MAX_NEST + 4)

typedef enum op_kind { OP_NUM, OP_COL, OP_NEG, OP_ADD, OP_SUB, OP_MUL, OP_DIV }
    op_kind;

typedef struct op {
    op_kind kind;
    double num;   /* OP_NUM */
    size_t col;   /* OP_COL */
} op;

struct bs_formula {
    op *ops;
    size_t nops, capops;
    char **cols;
    size_t ncols, capcols;
};

typedef enum tok_kind { T_END, T_NUM, T_NAME, T_PUNCT } tok_kind;

typedef struct token {
    tok_kind kind;
    size_t pos;          /* 0-based offset of the first character */
    size_t len;          /* length in the text (backticks included) */
    const char *name;    /* T_NAME: start of the name proper */
    size_t namelen;
    double num;          /* T_NUM */
    char punct;          /* T_PUNCT */
} token;

typedef struct parser {
    const char *text;
    const char *where;
    size_t pos;          /* next unread offset */
    token tok;           /* current token */
    int depth;
    size_t sp, maxsp;    /* simulated evaluation stack */
    bs_formula *f;
    bs_error *err;
} parser;

static int fail(parser *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int fail(parser *p, const char *fmt, ...)
{
    char msg[BS_ERROR_MAX / 2];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (p->where && *p->where)
        return bs_error_set(p->err, "%s: formula: %s", p->where, msg);
    return bs_error_set(p->err, "formula: %s", msg);
}

static int is_name_start(int c)
{
    return isalpha(c) || c == '_';
}

static int is_name_char(int c)
{
    return isalnum(c) || c == '_' || c == '.';
}

/* Reads the next token into p->tok. */
static int next(parser *p)
{
    const char *s = p->text;
    size_t i = p->pos, start;
    token *t = &p->tok;

    while (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')
        i++;
    start = i;
    memset(t, 0, sizeof *t);
    t->pos = start;
    if (s[i] == '\0') {
        t->kind = T_END;
    } else if (isdigit((unsigned char)s[i]) ||
               (s[i] == '.' && isdigit((unsigned char)s[i + 1]))) {
        char buf[128];
        while (isdigit((unsigned char)s[i]))
            i++;
        if (s[i] == '.')
            for (i++; isdigit((unsigned char)s[i]); i++)
                ;
        if ((s[i] == 'e' || s[i] == 'E') &&
            (isdigit((unsigned char)s[i + 1]) ||
             ((s[i + 1] == '+' || s[i + 1] == '-') &&
              isdigit((unsigned char)s[i + 2])))) {
            for (i += 2; isdigit((unsigned char)s[i]); i++)
                ;
        }
        /* "2x", "1.2.3", "1e": a number glued to more name characters. */
        if (is_name_char((unsigned char)s[i])) {
            while (is_name_char((unsigned char)s[i]))
                i++;
            return fail(p, "bad number '%.*s' at position %zu",
                        (int)(i - start), s + start, start + 1);
        }
        if (i - start >= sizeof buf)
            return fail(p, "number too long at position %zu", start + 1);
        memcpy(buf, s + start, i - start);
        buf[i - start] = '\0';
        if (bs_parse_number(buf, '.', &t->num) != BS_NUM_OK)
            return fail(p, "bad number '%s' at position %zu", buf, start + 1);
        t->kind = T_NUM;
    } else if (is_name_start((unsigned char)s[i])) {
        while (is_name_char((unsigned char)s[i]))
            i++;
        t->kind = T_NAME;
        t->name = s + start;
        t->namelen = i - start;
    } else if (s[i] == '`') {
        const char *close = strchr(s + i + 1, '`');
        if (!close)
            return fail(p, "unterminated ` at position %zu", start + 1);
        if (close == s + i + 1)
            return fail(p, "empty column name `` at position %zu", start + 1);
        t->kind = T_NAME;
        t->name = s + i + 1;
        t->namelen = (size_t)(close - (s + i + 1));
        i = (size_t)(close - s) + 1;
    } else if (strchr("+-*/()", s[i])) {
        t->kind = T_PUNCT;
        t->punct = s[i++];
    } else {
        return fail(p, "unexpected character '%c' at position %zu", s[i],
                    start + 1);
    }
    t->len = i - start;
    p->pos = i;
    return 0;
}

/* Reports the current token as unexpected. */
static int unexpected(parser *p)
{
    const token *t = &p->tok;

    switch (t->kind) {
    case T_END:
        return fail(p, "unexpected end of formula at position %zu",
                    t->pos + 1);
    case T_PUNCT:
        return fail(p, "unexpected '%c' at position %zu", t->punct,
                    t->pos + 1);
    case T_NUM:
    case T_NAME:
        break;
    }
    return fail(p, "unexpected %s '%.*s' at position %zu",
                t->kind == T_NUM ? "number" : "name", (int)t->len,
                p->text + t->pos, t->pos + 1);
}

static int emit(parser *p, op_kind kind, double num, size_t col)
{
    bs_formula *f = p->f;

    if (f->nops == f->capops) {
        size_t cap = f->capops ? 2 * f->capops : 16;
        op *ops = realloc(f->ops, cap * sizeof *ops);
        if (!ops)
            return fail(p, "out of memory");
        f->ops = ops;
        f->capops = cap;
    }
    f->ops[f->nops].kind = kind;
    f->ops[f->nops].num = num;
    f->ops[f->nops].col = col;
    f->nops++;
    if (kind == OP_NUM || kind == OP_COL) {
        if (++p->sp > p->maxsp)
            p->maxsp = p->sp;
    } else if (kind != OP_NEG) {
        p->sp--;
    }
    return 0;
}

/* Index of the column named by the current token, added on first use. */
static int column(parser *p, size_t *out)
{
    bs_formula *f = p->f;
    const token *t = &p->tok;
    size_t i;
    char *name;

    for (i = 0; i < f->ncols; i++) {
        if (strlen(f->cols[i]) == t->namelen &&
            memcmp(f->cols[i], t->name, t->namelen) == 0) {
            *out = i;
            return 0;
        }
    }
    if (f->ncols == f->capcols) {
        size_t cap = f->capcols ? 2 * f->capcols : 4;
        char **cols = realloc(f->cols, cap * sizeof *cols);
        if (!cols)
            return fail(p, "out of memory");
        f->cols = cols;
        f->capcols = cap;
    }
    name = malloc(t->namelen + 1);
    if (!name)
        return fail(p, "out of memory");
    memcpy(name, t->name, t->namelen);
    name[t->namelen] = '\0';
    f->cols[f->ncols] = name;
    *out = f->ncols++;
    return 0;
}

static int parse_expr(parser *p);

static int parse_primary(parser *p)
{
    token *t = &p->tok;

    if (t->kind == T_NUM) {
        if (emit(p, OP_NUM, t->num, 0) != 0)
            return -1;
        return next(p);
    }
    if (t->kind == T_NAME) {
        size_t col = 0;
        if (column(p, &col) != 0 || emit(p, OP_COL, 0, col) != 0)
            return -1;
        return next(p);
    }
    if (t->kind == T_PUNCT && t->punct == '(') {
        if (p->depth >= MAX_NEST)
            return fail(p, "more than %d nested parentheses at position %zu",
                        MAX_NEST, t->pos + 1);
        p->depth++;
        if (next(p) != 0 || parse_expr(p) != 0)
            return -1;
        p->depth--;
        if (!(t->kind == T_PUNCT && t->punct == ')')) {
            if (t->kind == T_END)
                return fail(p, "expected ')' at position %zu (end of "
                            "formula)", t->pos + 1);
            return fail(p, "expected ')' at position %zu", t->pos + 1);
        }
        return next(p);
    }
    return unexpected(p);
}

static int parse_unary(parser *p)
{
    int neg = 0;

    /* Unary minus loops instead of recursing: "- - x" is just x. */
    while (p->tok.kind == T_PUNCT && p->tok.punct == '-') {
        neg = !neg;
        if (next(p) != 0)
            return -1;
    }
    if (parse_primary(p) != 0)
        return -1;
    return neg ? emit(p, OP_NEG, 0, 0) : 0;
}

static int parse_term(parser *p)
{
    if (parse_unary(p) != 0)
        return -1;
    while (p->tok.kind == T_PUNCT &&
           (p->tok.punct == '*' || p->tok.punct == '/')) {
        op_kind k = p->tok.punct == '*' ? OP_MUL : OP_DIV;
        if (next(p) != 0 || parse_unary(p) != 0 || emit(p, k, 0, 0) != 0)
            return -1;
    }
    return 0;
}

static int parse_expr(parser *p)
{
    if (parse_term(p) != 0)
        return -1;
    while (p->tok.kind == T_PUNCT &&
           (p->tok.punct == '+' || p->tok.punct == '-')) {
        op_kind k = p->tok.punct == '+' ? OP_ADD : OP_SUB;
        if (next(p) != 0 || parse_term(p) != 0 || emit(p, k, 0, 0) != 0)
            return -1;
    }
    return 0;
}

void bs_formula_free(bs_formula *f)
{
    size_t i;

    if (!f)
        return;
    for (i = 0; i < f->ncols; i++)
        free(f->cols[i]);
    free(f->cols);
    free(f->ops);
    free(f);
}

int bs_formula_parse(const char *text, const char *where, bs_formula **out,
                     bs_error *err)
{
    parser p;

    *out = NULL;
    memset(&p, 0, sizeof p);
    p.text = text ? text : "";
    p.where = where;
    p.err = err;
    p.f = calloc(1, sizeof *p.f);
    if (!p.f)
        return fail(&p, "out of memory");
    if (next(&p) != 0)
        goto fail;
    if (p.tok.kind == T_END) {
        fail(&p, "empty formula");
        goto fail;
    }
    if (parse_expr(&p) != 0)
        goto fail;
    if (p.tok.kind != T_END) {
        /* A complete expression followed by more text: "a b", "a )". */
        unexpected(&p);
        goto fail;
    }
    if (p.maxsp > STACK_MAX) {
        fail(&p, "formula too complex");
        goto fail;
    }
    *out = p.f;
    return 0;
fail:
    bs_formula_free(p.f);
    return -1;
}

size_t bs_formula_ncolumns(const bs_formula *f)
{
    return f->ncols;
}

const char *bs_formula_column(const bs_formula *f, size_t i)
{
    return i < f->ncols ? f->cols[i] : NULL;
}

void bs_formula_eval(const bs_formula *f, const double *const *cols, size_t n,
                     double *out)
{
    double st[STACK_MAX];
    size_t i, k;

    st[0] = NAN; /* a parsed formula has at least one operand */

    for (i = 0; i < n; i++) {
        size_t sp = 0;
        for (k = 0; k < f->nops; k++) {
            const op *o = &f->ops[k];
            double a, b;
            switch (o->kind) {
            case OP_NUM:
                st[sp++] = o->num;
                continue;
            case OP_COL:
                st[sp++] = cols[o->col][i];
                continue;
            case OP_NEG:
                st[sp - 1] = -st[sp - 1];
                continue;
            default:
                break;
            }
            b = st[--sp];
            a = st[sp - 1];
            switch (o->kind) {
            case OP_ADD: a = a + b; break;
            case OP_SUB: a = a - b; break;
            case OP_MUL: a = a * b; break;
            /* Division by zero is missing, not infinite: a rate over an
             * empty population does not exist. NaN operands stay NaN. */
            case OP_DIV: a = b == 0 ? NAN : a / b; break;
            default: break;
            }
            st[sp - 1] = a;
        }
        out[i] = st[0];
    }
}
