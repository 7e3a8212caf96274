/* Growing text buffer with HTML/XML escaping, for the report writers. */
#include <stdio.h>
#include <string.h>

#include "report_internal.h"

void rp_buf_put(rp_buf *b, const char *s, size_t n) {
    if (b->failed) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 65536;
        while (cap < b->len + n + 1) cap *= 2;
        char *d = ct_realloc(b->data, cap);
        if (!d) {
            b->failed = 1;
            return;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

void rp_buf_puts(rp_buf *b, const char *s) { rp_buf_put(b, s, strlen(s)); }

void rp_buf_printf(rp_buf *b, const char *fmt, ...) {
    char tmp[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof tmp) {
        rp_buf_put(b, tmp, (size_t)n);
        return;
    }
    char *big = ct_alloc((size_t)n + 1);
    if (!big) {
        b->failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    rp_buf_put(b, big, (size_t)n);
    ct_free(big);
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when the bytes are not valid UTF-8. */
static int utf8_len(const unsigned char *s) {
    int n = s[0] < 0x80 ? 1 : (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3 : (s[0] & 0xf8) == 0xf0 ? 4 : 0;
    if (n == 0 || (n == 2 && s[0] < 0xc2) || (n == 4 && s[0] > 0xf4)) return 0;
    for (int i = 1; i < n; i++)
        if ((s[i] & 0xc0) != 0x80) return 0;
    if (n == 3 && s[0] == 0xe0 && s[1] < 0xa0) return 0; /* overlong */
    if (n == 3 && s[0] == 0xed && s[1] >= 0xa0) return 0; /* surrogates */
    if (n == 4 && s[0] == 0xf0 && s[1] < 0x90) return 0;
    if (n == 4 && s[0] == 0xf4 && s[1] >= 0x90) return 0;
    return n;
}

void rp_buf_escape(rp_buf *b, const char *s) {
    if (!s) return;
    const char *run = s;
    while (*s) {
        const char *rep = NULL;
        int adv = 1;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default:
            if ((unsigned char)*s >= 0x80) {
                /* invalid UTF-8 (e.g. a cp949 byte) becomes U+FFFD */
                adv = utf8_len((const unsigned char *)s);
                if (!adv) rep = "\xef\xbf\xbd", adv = 1;
            } else if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n') {
                rep = " "; /* control characters are not valid in HTML text */
            }
        }
        if (rep) {
            rp_buf_put(b, run, (size_t)(s - run));
            rp_buf_puts(b, rep);
            run = s + adv;
        }
        s += adv;
    }
    rp_buf_put(b, run, (size_t)(s - run));
}
